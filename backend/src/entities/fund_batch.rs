//! `fund_batch`: a batch of special funds (资金批次); its amount is the sum of its projects.

use jingzhun_shared::FundSource;
use sea_orm::entity::prelude::*;

super::table! {
    "fund_batch" with id {
        year: i32,
        seq: i32,
        name: String,
        document_no: String,
        source: FundSource,
        issued_on: Date,
        /// The district that received it.
        org_unit_id: i64,
        org_path: String,
        version: i32,
        created_at: DateTimeUtc,
    }
}
