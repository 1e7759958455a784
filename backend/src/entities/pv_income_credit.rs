//! `pv_income_credit`: a village's part of a station's income, fixed when it is recorded.

use sea_orm::entity::prelude::*;

super::table! {
    "pv_income_credit" {
        #[sea_orm(primary_key, auto_increment = false)]
        income_id: i64,
        #[sea_orm(primary_key, auto_increment = false)]
        village_id: i64,
        year: i32,
        amount_fen: i64,
    }
}
