//! `accountability`: a cadre talked to (约谈) or held accountable (问责), maybe for a problem.

use jingzhun_shared::oversight::AccountabilityKind;
use sea_orm::entity::prelude::*;

super::table! {
    "accountability" with id {
        person: String,
        unit: String,
        held_on: Date,
        kind: AccountabilityKind,
        reason: String,
        problem_id: Option<i64>,
        created_at: DateTimeUtc,
    }
}
