//! `member`: a person of a household; the ID-card number is unique in the whole district. A
//! member who left (`left_on`) stays on file but no longer counts.

use jingzhun_shared::registry::{JoinReason, LeaveReason};
use jingzhun_shared::{HealthStatus, Labour, Relation as Kinship, Sex};
use sea_orm::entity::prelude::*;

super::table! {
    "member" with id {
        household_id: i64,
        name: String,
        #[sea_orm(unique)]
        id_card_no: String,
        sex: Sex,
        birth_date: Date,
        relation: Kinship,
        health: HealthStatus,
        labour: Labour,
        created_at: DateTimeUtc,
        version: i32,
        /// Unknown (`None`) for people on file before joins were recorded.
        joined_on: Option<Date>,
        join_reason: Option<JoinReason>,
        left_on: Option<Date>,
        leave_reason: Option<LeaveReason>,
    }
}
