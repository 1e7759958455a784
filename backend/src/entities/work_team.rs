//! `work_team`: a village's resident work team (驻村工作队), with the village's org path.

use sea_orm::entity::prelude::*;

super::table! {
    "work_team" with id {
        village_id: i64,
        org_path: String,
        since: Date,
        created_at: DateTimeUtc,
    }
}
