//! `year_setting`: per-year settings, the poverty line first.

use sea_orm::entity::prelude::*;

super::table! {
    "year_setting" {
        #[sea_orm(primary_key, auto_increment = false)]
        year: i32,
        poverty_line_fen: i64,
        /// An exit also needs the year before's income above that year's line.
        exit_needs_previous_year: bool,
    }
}
