//! `leave_request`: a member's leave from a day to a day, and the official's decision.

use jingzhun_shared::pairing::LeaveStatus;
use sea_orm::entity::prelude::*;

super::table! {
    "leave_request" with id {
        team_id: i64,
        cadre_id: i64,
        starts_on: Date,
        ends_on: Date,
        reason: String,
        status: LeaveStatus,
        decided_by: Option<String>,
        decided_on: Option<Date>,
        decision_note: Option<String>,
        created_at: DateTimeUtc,
    }
}
