//! `interest_subsidy_batch`: a quarter's interest subsidy (贴息) of every eligible loan.

use jingzhun_shared::credit::SubsidyBatchStatus;
use sea_orm::entity::prelude::*;

super::table! {
    "interest_subsidy_batch" with id {
        year: i32,
        quarter: i32,
        from_on: Date,
        to_on: Date,
        status: SubsidyBatchStatus,
        total_fen: i64,
        loans: i64,
        approved_on: Option<Date>,
        paid_on: Option<Date>,
        version: i32,
        created_at: DateTimeUtc,
    }
}
