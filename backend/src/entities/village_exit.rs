//! `village_exit`: a poor village's exit (出列) application: filed, noticed, announced.

use jingzhun_shared::ApplicationStatus;
use sea_orm::entity::prelude::*;

super::table! {
    "village_exit" with id {
        org_unit_id: i64,
        year: i32,
        status: ApplicationStatus,
        applied_on: Date,
        applied_by: String,
        notice_start: Option<Date>,
        notice_end: Option<Date>,
        announced_on: Option<Date>,
        announced_by: Option<String>,
        reason: Option<String>,
        version: i32,
        created_at: DateTimeUtc,
    }
}
