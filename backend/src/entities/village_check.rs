//! `village_check`: a recorded infrastructure check of a village for a year (road, water,
//! clinic, broadband), with its finding, date, evidence and who recorded it.

use jingzhun_shared::villages::CheckKind;
use sea_orm::entity::prelude::*;

super::table! {
    "village_check" with id {
        org_unit_id: i64,
        year: i32,
        kind: CheckKind,
        passed: bool,
        checked_on: Date,
        evidence: String,
        recorded_by: String,
        recorded_at: DateTimeUtc,
    }
}
