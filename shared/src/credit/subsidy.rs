//! The interest subsidy (贴息) on a loan for a period: the sum over each day of the balance at
//! the end of that day × the annual rate / 10,000 / 365, rounded half up to the fen once, at
//! the end. Only days of the loan's life earn it: from the issue day up to, not including, the
//! due date (算头不算尾, as the bank counts interest), so the days after the due date — overdue
//! days — earn nothing, and a day that ends with nothing owed earns nothing.
//!
//! The sum is taken over stretches of days with one balance rather than day by day, which the
//! property tests show gives the same fen as the day-by-day definition.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::Fen;

/// What the subsidy of a loan depends on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LoanLife {
    pub amount: Fen,
    pub issued_on: NaiveDate,
    /// The due date in force (after any extension).
    pub due_on: NaiveDate,
    pub annual_rate_bp: i64,
    /// Principal repaid, by day; any order.
    pub repayments: Vec<(NaiveDate, Fen)>,
}

/// The subsidy of a period and the days that earned it.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Subsidy {
    pub subsidy_fen: Fen,
    /// Days of the period within the loan's life that ended with a balance.
    pub days: u32,
}

/// The denominator of one day's subsidy: basis points × days of a year.
const DAY_SCALE: i128 = 10_000 * 365;

/// The interest subsidy of `loan` for the days `from` ≤ day < `to`.
pub fn interest_subsidy(loan: &LoanLife, from: NaiveDate, to: NaiveDate) -> Subsidy {
    let (sum, days) = balance_days(loan, from.max(loan.issued_on), to.min(loan.due_on));
    let scaled = sum * i128::from(loan.annual_rate_bp);
    let fen = (2 * scaled + DAY_SCALE) / (2 * DAY_SCALE);
    Subsidy { subsidy_fen: Fen::new(i64::try_from(fen).unwrap_or(i64::MAX)), days }
}

/// Σ balance at the end of each day of [start, end) in fen·days, and the days with a balance.
fn balance_days(loan: &LoanLife, start: NaiveDate, end: NaiveDate) -> (i128, u32) {
    if start >= end {
        return (0, 0);
    }
    let mut repayments = loan.repayments.clone();
    repayments.sort_by_key(|(on, _)| *on);
    let before: i64 = repayments.iter().filter(|(on, _)| *on < start).map(|(_, fen)| fen.fen()).sum();
    let mut balance = (loan.amount.fen() - before).max(0);
    let (mut sum, mut days, mut cursor) = (0i128, 0i64, start);
    let mut stretch = |from: NaiveDate, to: NaiveDate, balance: i64| {
        let length = (to - from).num_days();
        if balance > 0 && length > 0 {
            sum += i128::from(balance) * i128::from(length);
            days += length;
        }
    };
    for (on, fen) in repayments.iter().filter(|(on, _)| *on >= start && *on < end) {
        stretch(cursor, *on, balance);
        balance = (balance - fen.fen()).max(0);
        cursor = *on;
    }
    stretch(cursor, end, balance);
    (sum, u32::try_from(days).unwrap_or(u32::MAX))
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    /// The definition, day by day, for the properties to compare against.
    fn by_day(loan: &LoanLife, from: NaiveDate, to: NaiveDate) -> Subsidy {
        let mut sum = 0i128;
        let mut days = 0;
        let mut d = from.max(loan.issued_on);
        while d < to.min(loan.due_on) {
            let repaid: i64 = loan.repayments.iter().filter(|(on, _)| *on <= d).map(|(_, f)| f.fen()).sum();
            let balance = (loan.amount.fen() - repaid).max(0);
            sum += i128::from(balance);
            days += u32::from(balance > 0);
            d = d.succ_opt().unwrap();
        }
        let fen = (2 * sum * i128::from(loan.annual_rate_bp) + DAY_SCALE) / (2 * DAY_SCALE);
        Subsidy { subsidy_fen: Fen::new(fen as i64), days }
    }

    fn loan(amount: i64, repayments: Vec<(NaiveDate, Fen)>) -> LoanLife {
        LoanLife {
            amount: Fen::new(amount),
            issued_on: day(2019, 12, 20),
            due_on: day(2020, 12, 20),
            annual_rate_bp: 435,
            repayments,
        }
    }

    #[test]
    fn a_whole_leap_quarter_of_fifty_thousand_yuan_at_4_35_percent() {
        // 5,000,000 fen × 91 days × 435 / 3,650,000 = 54,226.03 → 54,226 fen.
        let s = interest_subsidy(&loan(5_000_000, vec![]), day(2020, 1, 1), day(2020, 4, 1));
        assert_eq!(s, Subsidy { subsidy_fen: Fen::new(54_226), days: 91 });
    }

    fn schedule() -> impl Strategy<Value = (i64, Vec<(i64, i64)>, i64, i64, i64)> {
        (
            1i64..=5_000_000,
            proptest::collection::vec((0i64..400, 0i64..2_000_000), 0..6),
            0i64..400,
            0i64..400,
            0i64..400,
        )
    }

    fn life(amount: i64, repayments: &[(i64, i64)]) -> LoanLife {
        let start = day(2019, 12, 20);
        let repayments =
            repayments.iter().map(|(offset, fen)| (start + chrono::Duration::days(*offset), Fen::new(*fen))).collect();
        LoanLife { repayments, ..loan(amount, vec![]) }
    }

    proptest! {
        #[test]
        fn the_stretches_give_what_the_day_by_day_definition_gives((amount, reps, a, b, _) in schedule()) {
            let loan = life(amount, &reps);
            let (from, to) = (day(2019, 12, 1) + chrono::Duration::days(a.min(b)), day(2019, 12, 1) + chrono::Duration::days(a.max(b)));
            prop_assert_eq!(interest_subsidy(&loan, from, to), by_day(&loan, from, to));
        }

        #[test]
        fn repaying_never_raises_the_subsidy((amount, reps, a, b, _) in schedule()) {
            let (from, to) = (day(2019, 12, 1) + chrono::Duration::days(a.min(b)), day(2019, 12, 1) + chrono::Duration::days(a.max(b)));
            let repaid = interest_subsidy(&life(amount, &reps), from, to);
            let whole = interest_subsidy(&life(amount, &[]), from, to);
            prop_assert!(repaid.subsidy_fen <= whole.subsidy_fen);
        }

        #[test]
        fn splitting_a_period_moves_the_sum_by_at_most_one_fen((amount, reps, a, b, c) in schedule()) {
            let mut cut = [a, b, c];
            cut.sort_unstable();
            let at = |offset: i64| day(2019, 12, 1) + chrono::Duration::days(offset);
            let loan = life(amount, &reps);
            let whole = interest_subsidy(&loan, at(cut[0]), at(cut[2])).subsidy_fen.fen();
            let parts = interest_subsidy(&loan, at(cut[0]), at(cut[1])).subsidy_fen.fen()
                + interest_subsidy(&loan, at(cut[1]), at(cut[2])).subsidy_fen.fen();
            prop_assert!((whole - parts).abs() <= 1, "whole {whole}, parts {parts}");
        }
    }
}
