//! `loan_repayment`: principal repaid on a loan, with the loan's place and bank copied so
//! figures sum one table.

use sea_orm::entity::prelude::*;

super::table! {
    "loan_repayment" with id {
        loan_id: i64,
        org_path: String,
        township_id: i64,
        bank: String,
        principal_fen: i64,
        paid_on: Date,
        created_at: DateTimeUtc,
    }
}
