//! `village_exit_setting`: a year's thresholds for a poor village to exit (出列).

use sea_orm::entity::prelude::*;

super::table! {
    "village_exit_setting" {
        #[sea_orm(primary_key, auto_increment = false)]
        year: i32,
        max_incidence_bp: i32,
        min_collective_income_fen: i64,
    }
}
