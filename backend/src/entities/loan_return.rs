//! `loan_return`: a yearly return an enterprise paid to the household of a 户贷企用 loan.

use sea_orm::entity::prelude::*;

super::table! {
    "loan_return" with id {
        loan_id: i64,
        amount_fen: i64,
        paid_on: Date,
        created_at: DateTimeUtc,
    }
}
