//! `loan`: a microcredit loan (扶贫小额信贷) to a household; `balance_fen`, `due_on` and
//! `repaid_on` follow its repayments and extensions.

use jingzhun_shared::credit::LoanMode;
use sea_orm::entity::prelude::*;

super::table! {
    "loan" with id {
        household_id: i64,
        village_id: i64,
        township_id: i64,
        /// The village's org path, copied so scope filters need no join.
        org_path: String,
        borrower_member_id: i64,
        bank: String,
        contract_no: String,
        amount_fen: i64,
        issued_on: Date,
        term_months: i32,
        annual_rate_bp: i64,
        mode: LoanMode,
        enterprise_name: Option<String>,
        enterprise_credit_code: Option<String>,
        yearly_return_fen: Option<i64>,
        original_due_on: Date,
        /// The due date in force (after any extension).
        due_on: Date,
        extended: bool,
        /// Amount less every repayment recorded.
        balance_fen: i64,
        /// The day the balance reached nothing; none while anything is owed.
        repaid_on: Option<Date>,
        version: i32,
        created_at: DateTimeUtc,
    }
}
