//! `credit_plan`: the province's plan of new microcredit for a year (省下达计划).

use sea_orm::entity::prelude::*;

super::table! {
    "credit_plan" {
        #[sea_orm(primary_key, auto_increment = false)]
        year: i32,
        amount_fen: i64,
        version: i32,
    }
}
