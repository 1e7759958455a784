//! `subsidy_menu_item`: an entry of a year's industry subsidy menu (菜单式).

use sea_orm::entity::prelude::*;

super::table! {
    "subsidy_menu_item" with id {
        year: i32,
        name: String,
        unit: String,
        standard_fen: i64,
        cap_fen: Option<i64>,
        version: i32,
        created_at: DateTimeUtc,
    }
}
