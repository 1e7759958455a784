//! `interest_subsidy_line`: one loan's subsidy in a batch.

use sea_orm::entity::prelude::*;

super::table! {
    "interest_subsidy_line" with id {
        batch_id: i64,
        loan_id: i64,
        org_path: String,
        subsidy_fen: i64,
        days: i32,
    }
}
