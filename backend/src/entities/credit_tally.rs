//! `credit_tally`: what a village's loans with one bank changed in the microcredit figures on
//! one day, or over one month (`whole_month`, `day` its first day); see `services::credit::tally`.

use sea_orm::entity::prelude::*;

super::table! {
    "credit_tally" with id {
        village_id: i64,
        township_id: i64,
        org_path: String,
        bank: String,
        whole_month: bool,
        day: Date,
        lent_household_use_fen: i64,
        lent_enterprise_use_fen: i64,
        repaid_fen: i64,
        overdue_fen: i64,
        subsidy_fen: i64,
        late_loans: i64,
        borrowers: i64,
        year_borrowers: i64,
        year_household_use: i64,
        year_enterprise_use: i64,
    }
}
