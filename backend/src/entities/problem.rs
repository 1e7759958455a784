//! `problem`: one finding of an inspection to rectify, placed in an org unit (its path copied
//! for scope filters), with its current status.

use jingzhun_shared::oversight::{ProblemCategory, ProblemStatus};
use sea_orm::entity::prelude::*;

super::table! {
    "problem" with id {
        inspection_id: i64,
        description: String,
        category: ProblemCategory,
        org_unit_id: i64,
        org_path: String,
        household_id: Option<i64>,
        responsible_units: String,
        leader: String,
        deadline: Date,
        status: ProblemStatus,
        created_on: Date,
        created_at: DateTimeUtc,
    }
}
