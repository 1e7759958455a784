//! `income_record`: one household's income of one year, in fen.

use sea_orm::entity::prelude::*;

super::table! {
    "income_record" with id {
        household_id: i64,
        year: i32,
        wage_fen: i64,
        operating_fen: i64,
        property_fen: i64,
        transfer_fen: i64,
        expenses_fen: i64,
    }
}
