//! `risk_fund_entry`: a deposit into the risk compensation fund (风险补偿金) or a compensation
//! paid from it to a bank for a written-off loan.

use jingzhun_shared::credit::RiskFundKind;
use sea_orm::entity::prelude::*;

super::table! {
    "risk_fund_entry" with id {
        kind: RiskFundKind,
        bank: String,
        amount_fen: i64,
        entry_on: Date,
        loan_id: Option<i64>,
        note: Option<String>,
        created_at: DateTimeUtc,
    }
}
