//! `training`: a course a member attended (技能培训) and its subsidy.

use sea_orm::entity::prelude::*;

super::table! {
    "training" with id {
        member_id: i64,
        household_id: i64,
        village_id: i64,
        township_id: i64,
        org_path: String,
        course: String,
        year: i32,
        ended_on: Date,
        days: i32,
        subsidy_fen: i64,
        created_at: DateTimeUtc,
    }
}
