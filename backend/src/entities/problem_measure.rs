//! `problem_measure`: a rectification measure of a problem, done on a date.

use sea_orm::entity::prelude::*;

super::table! {
    "problem_measure" with id {
        problem_id: i64,
        description: String,
        due: Date,
        done_on: Option<Date>,
        created_on: Date,
    }
}
