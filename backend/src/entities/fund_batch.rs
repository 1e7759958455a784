//! `fund_batch`: a batch of special funds (资金批次): what was issued, and what its projects hold.

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
        /// 下达金额, split by source in `fund_batch_source`.
        issued_fen: i64,
        /// Running sum of its projects' budgets, never above `issued_fen`.
        allocated_fen: i64,
        /// The district that received it.
        org_unit_id: i64,
        org_path: String,
        version: i32,
        created_at: DateTimeUtc,
    }
}
