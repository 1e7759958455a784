//! What the records of a loan, and the loans of a household, change in the microcredit
//! figures on each day: pure functions of the records, used alike by a write's difference, by
//! the fill from every record and by the check against the stored rows.

use std::collections::{BTreeMap, HashMap, HashSet};

use chrono::{Datelike, Duration, Months, NaiveDate};
use jingzhun_shared::credit::LoanMode;

use super::super::state::ReturnTerms;
use crate::entities::loan;

/// The summed columns, in the order of [`Sums`].
pub(crate) const COLUMNS: [&str; 10] = [
    "lent_household_use_fen",
    "lent_enterprise_use_fen",
    "repaid_fen",
    "overdue_fen",
    "subsidy_fen",
    "late_loans",
    "borrowers",
    "year_borrowers",
    "year_household_use",
    "year_enterprise_use",
];

/// One value for each of [`COLUMNS`].
pub(crate) type Sums = [i64; 10];

/// Positions in [`Sums`].
pub(crate) mod col {
    pub const LENT_HOUSEHOLD_USE: usize = 0;
    pub const LENT_ENTERPRISE_USE: usize = 1;
    pub const REPAID: usize = 2;
    pub const OVERDUE: usize = 3;
    pub const SUBSIDY: usize = 4;
    pub const LATE: usize = 5;
    pub const BORROWERS: usize = 6;
    pub const YEAR_BORROWERS: usize = 7;
    pub const YEAR_HOUSEHOLD_USE: usize = 8;
    pub const YEAR_ENTERPRISE_USE: usize = 9;
}

/// Where a loan's changes are counted: its village (with township and org path) and bank.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub(crate) struct Place {
    pub village_id: i64,
    pub township_id: i64,
    pub org_path: String,
    pub bank: String,
}

impl Place {
    pub(crate) fn of(row: &loan::Model) -> Self {
        Self {
            village_id: row.village_id,
            township_id: row.township_id,
            org_path: row.org_path.clone(),
            bank: row.bank.clone(),
        }
    }
}

/// Changes by place and day.
#[derive(Default, Debug, PartialEq)]
pub struct Changes(pub(crate) BTreeMap<(Place, NaiveDate), Sums>);

impl Changes {
    pub(crate) fn add(&mut self, place: &Place, day: NaiveDate, column: usize, value: i64) {
        if value != 0
            && let Some(sum) = self.0.entry((place.clone(), day)).or_default().get_mut(column)
        {
            *sum += value;
        }
    }

    /// `self` less `before`, leaving out what did not change.
    pub(crate) fn less(mut self, before: Changes) -> Changes {
        for (key, sums) in before.0 {
            let entry = self.0.entry(key).or_default();
            for (to, from) in entry.iter_mut().zip(sums) {
                *to -= from;
            }
        }
        self.0.retain(|_, sums| sums.iter().any(|v| *v != 0));
        self
    }

    /// Adds `other` to `self`.
    pub(crate) fn merge(&mut self, other: Changes) {
        for (key, sums) in other.0 {
            let entry = self.0.entry(key).or_default();
            for (to, v) in entry.iter_mut().zip(sums) {
                *to += v;
            }
        }
    }

    /// Each day's changes with their month's: (place, whole month, day or month's first day).
    pub(crate) fn with_months(self) -> BTreeMap<(Place, bool, NaiveDate), Sums> {
        let mut rows = BTreeMap::new();
        for ((place, day), sums) in self.0 {
            let month = day.with_day(1).unwrap_or(day);
            for key in [(place.clone(), true, month), (place, false, day)] {
                let entry: &mut Sums = rows.entry(key).or_default();
                for (to, v) in entry.iter_mut().zip(sums) {
                    *to += v;
                }
            }
        }
        rows.retain(|_, sums: &mut Sums| sums.iter().any(|v| *v != 0));
        rows
    }
}

/// A loan with everything recorded after its issue.
pub(crate) struct Record {
    pub loan: loan::Model,
    /// (paid on, principal).
    pub repayments: Vec<(NaiveDate, i64)>,
    /// (agreed on, new due date).
    pub extensions: Vec<(NaiveDate, NaiveDate)>,
    /// (paid on, amount).
    pub returns: Vec<(NaiveDate, i64)>,
}

impl Record {
    fn balance_on(&self, on: NaiveDate) -> i64 {
        self.loan.amount_fen - self.repayments.iter().filter(|(d, _)| *d <= on).map(|(_, f)| f).sum::<i64>()
    }

    /// Overdue on `on`: issued, not repaid, past its original due date and not inside an
    /// extension agreed by then (the rule of `state::overdue_on`).
    fn overdue_on(&self, on: NaiveDate) -> bool {
        let l = &self.loan;
        l.issued_on <= on
            && l.original_due_on < on
            && l.repaid_on.is_none_or(|r| r > on)
            && !self.extensions.iter().any(|(agreed, due)| *agreed <= on && on <= *due)
    }

    /// Its enterprise owes more yearly returns on `on` than it paid by then.
    fn late_on(&self, on: NaiveDate) -> bool {
        let l = &self.loan;
        let terms = ReturnTerms {
            issued_on: l.issued_on,
            due_on: l.due_on,
            repaid_on: l.repaid_on.filter(|r| *r <= on),
            yearly_return_fen: l.yearly_return_fen,
        };
        let paid = self.returns.iter().filter(|(d, _)| *d <= on).map(|(_, f)| f).sum();
        l.mode == LoanMode::EnterpriseUse && l.issued_on <= on && terms.late(paid, on)
    }
}

/// Adds the changes of `value` over time, a step function that can change only on `days`.
fn steps(out: &mut Changes, place: &Place, column: usize, mut days: Vec<NaiveDate>, value: impl Fn(NaiveDate) -> i64) {
    days.sort_unstable();
    days.dedup();
    let mut before = 0;
    for day in days {
        let now = value(day);
        out.add(place, day, column, now - before);
        before = now;
    }
}

/// What one loan's own records change: the money lent on its issue day, each repayment, the
/// overdue balance while it is overdue, and whether its enterprise is late with its return.
pub(crate) fn loan_changes(r: &Record, out: &mut Changes) {
    let l = &r.loan;
    let place = Place::of(l);
    let lent = match l.mode {
        LoanMode::HouseholdUse => col::LENT_HOUSEHOLD_USE,
        LoanMode::EnterpriseUse => col::LENT_ENTERPRISE_USE,
    };
    out.add(&place, l.issued_on, lent, l.amount_fen);
    for (day, fen) in &r.repayments {
        out.add(&place, *day, col::REPAID, *fen);
    }
    let next = |d: NaiveDate| d + Duration::days(1);
    let mut days = vec![next(l.original_due_on)];
    days.extend(l.repaid_on);
    days.extend(r.repayments.iter().map(|(d, _)| *d));
    for (agreed, due) in &r.extensions {
        days.extend([*agreed, next(*due)]);
    }
    steps(out, &place, col::OVERDUE, days, |on| if r.overdue_on(on) { r.balance_on(on) } else { 0 });
    if l.mode == LoanMode::EnterpriseUse && l.yearly_return_fen.is_some_and(|y| y > 0) {
        let mut days: Vec<NaiveDate> =
            (1..=8u32).filter_map(|n| l.issued_on.checked_add_months(Months::new(12 * n))).collect();
        days.extend(r.returns.iter().map(|(d, _)| *d));
        steps(out, &place, col::LATE, days, |on| i64::from(r.late_on(on)));
    }
}

/// Which of a household's loans were its first: ever, in each year, and in each year under
/// each mode (the earliest issued, the first recorded on the same day).
pub(crate) fn household_changes(loans: &[&loan::Model], out: &mut Changes) {
    let mut loans = loans.to_vec();
    loans.sort_by_key(|l| (l.issued_on, l.id));
    let mut seen = HashSet::new();
    for l in loans {
        let year = l.issued_on.year();
        let mode = match l.mode {
            LoanMode::HouseholdUse => col::YEAR_HOUSEHOLD_USE,
            LoanMode::EnterpriseUse => col::YEAR_ENTERPRISE_USE,
        };
        let place = Place::of(l);
        for (key, column) in [((0, 0), col::BORROWERS), ((year, 0), col::YEAR_BORROWERS), ((year, mode), mode)] {
            if seen.insert((l.household_id, key)) {
                out.add(&place, l.issued_on, column, 1);
            }
        }
    }
}

/// The first loans of each household among `loans`.
pub(crate) fn first_loans(loans: &[loan::Model]) -> Changes {
    let mut by_household: HashMap<i64, Vec<&loan::Model>> = HashMap::new();
    for l in loans {
        by_household.entry(l.household_id).or_default().push(l);
    }
    let mut out = Changes::default();
    for loans in by_household.values() {
        household_changes(loans, &mut out);
    }
    out
}
