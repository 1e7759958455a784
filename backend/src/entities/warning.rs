//! `warning`: a return-to-poverty warning of a household, a rule and a year (unique together),
//! with the figures that raised it and, once checked, the outcome.

use jingzhun_shared::warnings::{WarningRule, WarningStatus};
use sea_orm::entity::prelude::*;

super::table! {
    "warning" with id {
        household_id: i64,
        village_id: i64,
        township_id: i64,
        /// The village's org path, copied so scope filters need no join.
        org_path: String,
        rule: WarningRule,
        year: i32,
        raised_on: Date,
        amount_fen: Option<i64>,
        reference_fen: Option<i64>,
        record_count: Option<i64>,
        event_on: Option<Date>,
        detail: Option<String>,
        record_id: Option<i64>,
        status: WarningStatus,
        checked_on: Option<Date>,
        checked_by: Option<i64>,
        checked_by_name: Option<String>,
        check_reason: Option<String>,
        /// The visit the check was made on, when it was.
        checked_visit_id: Option<i64>,
        created_at: DateTimeUtc,
    }
}
