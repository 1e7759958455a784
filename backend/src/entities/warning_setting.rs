//! `warning_setting`: a year's thresholds of the warning rules and the rules switched off.

use sea_orm::entity::prelude::*;

super::table! {
    "warning_setting" {
        #[sea_orm(primary_key, auto_increment = false)]
        year: i32,
        medical_cost_fen: i64,
        medical_income_share_bp: i64,
        income_fall_bp: i64,
        /// Rules not run that year, as comma-separated snake_case words.
        disabled_rules: String,
        version: i32,
    }
}
