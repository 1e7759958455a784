//! `problem_step`: one step of a problem's history, with the status it left the problem in.

use jingzhun_shared::oversight::{ProblemAction, ProblemStatus};
use sea_orm::entity::prelude::*;

super::table! {
    "problem_step" with id {
        problem_id: i64,
        action: ProblemAction,
        status: ProblemStatus,
        taken_on: Date,
        user_id: Option<i64>,
        by_name: String,
        note: Option<String>,
        evidence: Option<String>,
        at: DateTimeUtc,
    }
}
