//! `household_monitoring`: one period of 防返贫监测 of a household.

use jingzhun_shared::MonitoringKind;
use sea_orm::entity::prelude::*;

super::table! {
    "household_monitoring" with id {
        household_id: i64,
        kind: MonitoringKind,
        since: Date,
        reason: String,
        /// `None` while the household is under monitoring.
        cleared_on: Option<Date>,
        cleared_note: Option<String>,
        version: i32,
        created_at: DateTimeUtc,
    }
}
