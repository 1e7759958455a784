//! `household`: a registered household (建档立卡户).

use jingzhun_shared::{HouseholdCategory, HouseholdStatus};
use sea_orm::entity::prelude::*;

super::table! {
    "household" with id {
        village_id: i64,
        township_id: i64,
        /// The village's org path, copied so scope filters need no join.
        org_path: String,
        #[sea_orm(unique)]
        number: String,
        /// The head's name, copied for search.
        head_name: String,
        category: HouseholdCategory,
        status: HouseholdStatus,
        exit_year: Option<i32>,
        removed_reason: Option<String>,
        /// Poverty causes as comma-separated snake_case words.
        causes: String,
        phone: Option<String>,
        latitude: Option<f64>,
        longitude: Option<f64>,
        version: i32,
        created_at: DateTimeUtc,
    }
}
