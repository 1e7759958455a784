//! `expenditure`: one payment out of a project's budget.

use sea_orm::entity::prelude::*;

super::table! {
    "expenditure" with id {
        project_id: i64,
        amount_fen: i64,
        paid_on: Date,
        #[sea_orm(unique)]
        voucher_no: String,
        created_at: DateTimeUtc,
    }
}
