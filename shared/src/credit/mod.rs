//! Microcredit (扶贫小额信贷): loans to households, their repayments and extensions, the
//! government's interest subsidy (贴息) and its quarterly batches, the province's yearly plan
//! and the risk compensation fund (风险补偿金), with the figures the office reports.
//!
//! The rules that decide money ([`subsidy`]) live here, so the page shows what the server
//! will compute.

mod api;
pub mod subsidy;
mod wire;

pub use api::ROUTES;
pub use subsidy::{LoanLife, Subsidy, interest_subsidy};
pub use wire::*;

use chrono::{Months, NaiveDate};

use crate::Fen;
use crate::error::Validator;
use crate::string_enum::string_enum;
use crate::text;

/// The most one loan may lend: 5 万元.
pub const MAX_AMOUNT: Fen = Fen::from_yuan(50_000);
/// The longest term at issue, in months.
pub const MAX_TERM_MONTHS: u32 = 36;
/// The most an extension (展期) may add to the due date, in months.
pub const MAX_EXTENSION_MONTHS: u32 = 12;

string_enum! {
    /// How the money is used.
    LoanMode {
        HouseholdUse = "household_use" ("户贷户用", "Household use"),
        /// The household lends the money on to an enterprise, which pays it a yearly return.
        EnterpriseUse = "enterprise_use" ("户贷企用", "Enterprise use"),
    }
}

string_enum! {
    /// A loan's state on a date, computed from its records.
    LoanStatus {
        Active = "active" ("正常", "Active"),
        Repaid = "repaid" ("已结清", "Repaid"),
        Overdue = "overdue" ("逾期", "Overdue"),
        Extended = "extended" ("已展期", "Extended"),
    }
}

string_enum! {
    /// A movement of the risk compensation fund.
    RiskFundKind {
        /// Money put into the fund, held at a bank.
        Deposit = "deposit" ("存入", "Deposit"),
        /// Money paid to a bank for a written-off loan; it lowers the fund's balance.
        Compensation = "compensation" ("代偿", "Compensation"),
    }
}

string_enum! {
    /// Where a subsidy batch stands.
    SubsidyBatchStatus {
        Computed = "computed" ("已计算", "Computed"),
        Approved = "approved" ("已审批", "Approved"),
        Paid = "paid" ("已拨付", "Paid"),
    }
}

/// The due date of a loan issued on `issued_on` for `term_months` months (the same day of the
/// month, or the month's last day when it has no such day).
pub fn due_on(issued_on: NaiveDate, term_months: u32) -> Option<NaiveDate> {
    issued_on.checked_add_months(Months::new(term_months))
}

/// A loan's status on `on`: repaid once the balance is nothing; overdue past the due date with a
/// balance left; extended when an extension moved its due date; active otherwise.
pub fn status_on(balance: Fen, due: NaiveDate, extended: bool, on: NaiveDate) -> LoanStatus {
    if balance <= Fen::ZERO {
        LoanStatus::Repaid
    } else if on > due {
        LoanStatus::Overdue
    } else if extended {
        LoanStatus::Extended
    } else {
        LoanStatus::Active
    }
}

/// The first and the day after the last day of quarter `quarter` (1–4) of `year`.
pub fn quarter_bounds(year: i32, quarter: u32) -> Option<(NaiveDate, NaiveDate)> {
    if !(1..=4).contains(&quarter) {
        return None;
    }
    let from = NaiveDate::from_ymd_opt(year, 3 * quarter - 2, 1)?;
    Some((from, from.checked_add_months(Months::new(3))?))
}

/// How many yearly returns an enterprise owed the household by `on`: one on each anniversary
/// of the issue day that has passed (the day itself included).
pub fn returns_due(issued_on: NaiveDate, on: NaiveDate) -> u32 {
    (1..=MAX_TERM_MONTHS / 12 + MAX_EXTENSION_MONTHS / 12 + 1)
        .take_while(|n| issued_on.checked_add_months(Months::new(12 * n)).is_some_and(|d| d <= on))
        .count()
        .try_into()
        .unwrap_or(u32::MAX)
}

impl CreateLoan {
    /// Every problem of the loan that needs no database, on its field: the page shows them as
    /// the clerk types and the server answers them in one 422 with its own checks.
    pub fn check(&self, v: &mut Validator) {
        text::required(v, "bank", &self.bank, 64, "贷款银行");
        text::required(v, "contract_no", &self.contract_no, 64, "合同编号");
        if let Some(amount) = v.check("amount_fen", self.amount_fen.positive_amount("贷款金额"))
            && amount > MAX_AMOUNT
        {
            v.add("amount_fen", "扶贫小额信贷每户不超过 5 万元");
        }
        if !(1..=MAX_TERM_MONTHS).contains(&self.term_months) {
            v.add("term_months", format!("贷款期限须在 1 到 {MAX_TERM_MONTHS} 个月之间"));
        }
        if !(1..=2_000).contains(&self.annual_rate_bp) {
            v.add("annual_rate_bp", "年利率须在 0.01% 到 20% 之间");
        }
        match (self.mode, &self.enterprise) {
            (LoanMode::EnterpriseUse, None) => v.add("enterprise", "户贷企用须填写用款企业"),
            (LoanMode::HouseholdUse, Some(_)) => v.add("enterprise", "户贷户用不填写用款企业"),
            (LoanMode::EnterpriseUse, Some(e)) => {
                text::required(v, "enterprise.name", &e.name, 100, "用款企业名称");
                let code = e.credit_code.trim();
                if code.chars().count() != 18 || !code.chars().all(|c| c.is_ascii_alphanumeric()) {
                    v.add("enterprise.credit_code", "统一社会信用代码为 18 位数字或大写字母");
                }
                v.check("enterprise.yearly_return_fen", e.yearly_return_fen.amount("每年收益"));
            }
            (LoanMode::HouseholdUse, None) => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn a_loan_is_due_its_term_later_on_the_month_s_last_day_when_the_day_is_missing() {
        assert_eq!(due_on(day(2020, 3, 15), 36), Some(day(2023, 3, 15)));
        assert_eq!(due_on(day(2019, 11, 30), 3), Some(day(2020, 2, 29)));
    }

    #[test]
    fn the_status_follows_the_balance_then_the_due_date_then_the_extension() {
        let due = day(2020, 6, 30);
        assert_eq!(status_on(Fen::ZERO, due, true, day(2021, 1, 1)), LoanStatus::Repaid);
        assert_eq!(status_on(Fen::new(1), due, true, day(2020, 7, 1)), LoanStatus::Overdue);
        assert_eq!(status_on(Fen::new(1), due, true, day(2020, 6, 30)), LoanStatus::Extended);
        assert_eq!(status_on(Fen::new(1), due, false, day(2020, 6, 30)), LoanStatus::Active);
    }

    #[test]
    fn quarters_run_from_their_first_day_to_the_next_quarter_s_first_day() {
        assert_eq!(quarter_bounds(2020, 1), Some((day(2020, 1, 1), day(2020, 4, 1))));
        assert_eq!(quarter_bounds(2020, 4), Some((day(2020, 10, 1), day(2021, 1, 1))));
        assert_eq!(quarter_bounds(2020, 5), None);
    }

    #[test]
    fn a_return_is_owed_on_each_anniversary_passed() {
        assert_eq!(returns_due(day(2018, 5, 10), day(2019, 5, 9)), 0);
        assert_eq!(returns_due(day(2018, 5, 10), day(2019, 5, 10)), 1);
        assert_eq!(returns_due(day(2018, 5, 10), day(2020, 9, 30)), 2);
    }
}
