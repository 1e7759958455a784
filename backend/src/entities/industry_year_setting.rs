//! `industry_year_setting`: per-year industry settings, the cap per household across all
//! menu items first.

use sea_orm::entity::prelude::*;

super::table! {
    "industry_year_setting" {
        #[sea_orm(primary_key, auto_increment = false)]
        year: i32,
        household_cap_fen: i64,
        version: i32,
    }
}
