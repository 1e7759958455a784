//! Microcredit (扶贫小额信贷): the loan list with its badges, one loan with its repayments,
//! extension and the subsidy owed for a chosen period, recording a loan from a household card,
//! the quarterly subsidy batches, the credit figures on the funds page and the household
//! card's loans.

mod batches;
mod figures;
mod household;
mod import;
mod loan;
mod loan_forms;
mod loans;
mod new_loan;

pub use batches::SubsidyBatchesPage;
pub use figures::CreditSummary;
pub use household::HouseholdLoans;
pub use import::ImportLoansPage;
pub use loan::LoanPage;
pub use loans::LoansPage;
pub use new_loan::NewLoanPage;

use jingzhun_shared::credit::{LoanDto, LoanMode, LoanStatus};
use leptos::prelude::*;

use crate::i18n::{I18n, T};

pub fn today() -> String {
    chrono::Local::now().date_naive().to_string()
}

pub fn date(text: &str) -> Option<chrono::NaiveDate> {
    chrono::NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d").ok()
}

/// A rate of basis points as a percentage, 435 → "4.35 %".
pub fn rate(bp: i64) -> String {
    format!("{}.{:02} %", bp / 100, bp % 100)
}

/// The badges of a loan: its status, its mode (户贷企用 flagged: the regulator stopped it in
/// 2017) and a late enterprise return.
pub fn badges(i18n: I18n, l: &LoanDto) -> impl IntoView + use<> {
    let (status, mode, late) = (l.status, l.mode, l.return_late);
    let status_class = match status {
        LoanStatus::Active => "badge ok",
        LoanStatus::Repaid => "badge",
        LoanStatus::Overdue => "badge danger",
        LoanStatus::Extended => "badge warn",
    };
    let mode_class = if mode == LoanMode::EnterpriseUse { "badge warn mode" } else { "badge mode" };
    view! {
        <span class=status_class>{move || i18n.label(status)}</span>" "
        <span class=mode_class>{move || i18n.label(mode)}</span>
        {late.then(|| view! { " "<span class="badge danger"><T zh="企业收益逾期" en="Return late"/></span> })}
    }
}
