//! `housing_renovation`: a household's house repaired or rebuilt (危房改造), with the
//! government's top-up of what the subsidy leaves.

use jingzhun_shared::housing::RenovationKind;
use sea_orm::entity::prelude::*;

super::table! {
    "housing_renovation" with id {
        household_id: i64,
        village_id: i64,
        township_id: i64,
        org_path: String,
        plan_year: i32,
        kind: RenovationKind,
        cost_fen: i64,
        subsidy_fen: i64,
        government_top_up_fen: i64,
        completed_on: Option<Date>,
        accepted_on: Option<Date>,
        version: i32,
        created_at: DateTimeUtc,
    }
}
