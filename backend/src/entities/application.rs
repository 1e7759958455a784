//! `application`: an entry, exit or removal going through "两公示一比对一公告".

use jingzhun_shared::{ApplicationKind, ApplicationStage, ApplicationStatus};
use sea_orm::entity::prelude::*;

super::table! {
    "application" with id {
        household_id: i64,
        kind: ApplicationKind,
        year: i32,
        stage: ApplicationStage,
        status: ApplicationStatus,
        /// The exit checklist as JSON.
        checklist: Option<String>,
        reason: Option<String>,
        stage_since: Date,
        version: i32,
        created_at: DateTimeUtc,
    }
}
