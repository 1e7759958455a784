//! The microcredit figures' running sums (`credit_tally`): for each village, bank and day, what
//! that day changed in money lent by mode, principal repaid, overdue money, subsidy paid, loans
//! whose enterprise is late with its return, and households borrowing for the first time ever,
//! in the year, and in the year under each mode; with one more row per month summing its days.
//!
//! A figure as of a date is the sum of the month rows before the date's month and the day rows
//! of its month up to the date, so reading one costs the same at 500 loans or 500,000.
//!
//! Every number here is a change worked out from the records by [`loan_changes`] and
//! [`household_changes`]: a write works them out for what it touches before and after, and
//! adds the difference in its own transaction ([`Watch`]); [`rebuild`] works them out for every
//! record; [`differences`] compares the two. A loan's own changes read only its own records,
//! so a write holding the loan's lock may add them; a household's first loans change only when
//! a loan is created, which the household's one-open-loan index serialises.

use std::collections::{BTreeMap, HashMap, HashSet};

use chrono::{Datelike, Duration, Months, NaiveDate};
use jingzhun_shared::credit::{LoanMode, SubsidyBatchStatus};
use sea_orm::sea_query::{Expr, OnConflict};
use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, DatabaseBackend, DatabaseConnection, EntityTrait, QueryFilter,
    QuerySelect, SqliteTransactionMode, TransactionOptions, TransactionTrait,
};

use super::state::ReturnTerms;
use crate::entities::{
    credit_tally, household, interest_subsidy_batch, interest_subsidy_line, loan, loan_extension, loan_repayment,
    loan_return,
};
use crate::error::AppResult;

/// The summed columns, in the order of [`Sums`].
pub(super) const COLUMNS: [&str; 10] = [
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
pub(super) type Sums = [i64; 10];

/// Positions in [`Sums`].
pub(super) mod col {
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
struct Place {
    village_id: i64,
    township_id: i64,
    org_path: String,
    bank: String,
}

impl Place {
    fn of(row: &loan::Model) -> Self {
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
pub struct Changes(BTreeMap<(Place, NaiveDate), Sums>);

impl Changes {
    fn add(&mut self, place: &Place, day: NaiveDate, column: usize, value: i64) {
        if value != 0
            && let Some(sum) = self.0.entry((place.clone(), day)).or_default().get_mut(column)
        {
            *sum += value;
        }
    }

    /// `self` less `before`, leaving out what did not change.
    fn less(mut self, before: Changes) -> Changes {
        for (key, sums) in before.0 {
            let entry = self.0.entry(key).or_default();
            for (to, from) in entry.iter_mut().zip(sums) {
                *to -= from;
            }
        }
        self.0.retain(|_, sums| sums.iter().any(|v| *v != 0));
        self
    }

    /// Each day's changes with their month's: (place, whole month, day or month's first day).
    fn with_months(self) -> BTreeMap<(Place, bool, NaiveDate), Sums> {
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
pub(super) struct Record {
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
pub(super) fn loan_changes(r: &Record, out: &mut Changes) {
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
pub(super) fn household_changes(loans: &[&loan::Model], out: &mut Changes) {
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

/// The records of `loans`.
async fn records(db: &impl ConnectionTrait, loans: Vec<loan::Model>) -> AppResult<Vec<Record>> {
    let ids: Vec<i64> = loans.iter().map(|l| l.id).collect();
    let mut by_id: HashMap<i64, Record> = loans
        .into_iter()
        .map(|loan| {
            let record = Record { loan, repayments: Vec::new(), extensions: Vec::new(), returns: Vec::new() };
            (record.loan.id, record)
        })
        .collect();
    for chunk in ids.chunks(5_000) {
        let repayments: Vec<(i64, NaiveDate, i64)> = loan_repayment::Entity::find()
            .select_only()
            .columns([
                loan_repayment::Column::LoanId,
                loan_repayment::Column::PaidOn,
                loan_repayment::Column::PrincipalFen,
            ])
            .filter(loan_repayment::Column::LoanId.is_in(chunk.to_vec()))
            .into_tuple()
            .all(db)
            .await?;
        for (id, day, fen) in repayments {
            by_id.entry(id).and_modify(|r| r.repayments.push((day, fen)));
        }
        let extensions: Vec<(i64, NaiveDate, NaiveDate)> = loan_extension::Entity::find()
            .select_only()
            .columns([
                loan_extension::Column::LoanId,
                loan_extension::Column::AgreedOn,
                loan_extension::Column::NewDueOn,
            ])
            .filter(loan_extension::Column::LoanId.is_in(chunk.to_vec()))
            .into_tuple()
            .all(db)
            .await?;
        for (id, agreed, due) in extensions {
            by_id.entry(id).and_modify(|r| r.extensions.push((agreed, due)));
        }
        let returns: Vec<(i64, NaiveDate, i64)> = loan_return::Entity::find()
            .select_only()
            .columns([loan_return::Column::LoanId, loan_return::Column::PaidOn, loan_return::Column::AmountFen])
            .filter(loan_return::Column::LoanId.is_in(chunk.to_vec()))
            .into_tuple()
            .all(db)
            .await?;
        for (id, day, fen) in returns {
            by_id.entry(id).and_modify(|r| r.returns.push((day, fen)));
        }
    }
    Ok(by_id.into_values().collect())
}

/// The changes of the loans `ids`' own records.
async fn changes_of_loans(db: &impl ConnectionTrait, ids: &[i64]) -> AppResult<Changes> {
    let mut out = Changes::default();
    for chunk in ids.chunks(5_000) {
        let loans = loan::Entity::find().filter(loan::Column::Id.is_in(chunk.to_vec())).all(db).await?;
        for r in records(db, loans).await? {
            loan_changes(&r, &mut out);
        }
    }
    Ok(out)
}

/// The loans of `households`.
async fn loans_of(db: &impl ConnectionTrait, households: &[i64]) -> AppResult<Vec<loan::Model>> {
    let mut loans = Vec::new();
    for chunk in households.chunks(5_000) {
        loans.extend(loan::Entity::find().filter(loan::Column::HouseholdId.is_in(chunk.to_vec())).all(db).await?);
    }
    Ok(loans)
}

fn first_loans(loans: &[loan::Model]) -> Changes {
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

/// The subsidy of a paid batch, as changes on its day of payment.
async fn batch_changes(db: &impl ConnectionTrait, batch: &interest_subsidy_batch::Model) -> AppResult<Changes> {
    let mut out = Changes::default();
    let Some(paid_on) = batch.paid_on.filter(|_| batch.status == SubsidyBatchStatus::Paid) else { return Ok(out) };
    let lines: Vec<(i64, i64)> = interest_subsidy_line::Entity::find()
        .select_only()
        .columns([interest_subsidy_line::Column::LoanId, interest_subsidy_line::Column::SubsidyFen])
        .filter(interest_subsidy_line::Column::BatchId.eq(batch.id))
        .into_tuple()
        .all(db)
        .await?;
    let ids: Vec<i64> = lines.iter().map(|(id, _)| *id).collect();
    let mut places = HashMap::new();
    for chunk in ids.chunks(5_000) {
        let rows: Vec<(i64, i64, i64, String, String)> = loan::Entity::find()
            .select_only()
            .columns([
                loan::Column::Id,
                loan::Column::VillageId,
                loan::Column::TownshipId,
                loan::Column::OrgPath,
                loan::Column::Bank,
            ])
            .filter(loan::Column::Id.is_in(chunk.to_vec()))
            .into_tuple()
            .all(db)
            .await?;
        places.extend(rows.into_iter().map(|(id, village_id, township_id, org_path, bank)| {
            (id, Place { village_id, township_id, org_path, bank })
        }));
    }
    for (id, fen) in lines {
        if let Some(place) = places.get(&id) {
            out.add(place, paid_on, col::SUBSIDY, fen);
        }
    }
    Ok(out)
}

/// Adds `changes` to the stored rows.
async fn apply(db: &impl ConnectionTrait, changes: Changes) -> AppResult<()> {
    let rows: Vec<credit_tally::ActiveModel> = changes
        .with_months()
        .into_iter()
        .map(|((place, whole_month, day), s)| credit_tally::ActiveModel {
            village_id: Set(place.village_id),
            township_id: Set(place.township_id),
            org_path: Set(place.org_path),
            bank: Set(place.bank),
            whole_month: Set(whole_month),
            day: Set(day),
            lent_household_use_fen: Set(s[col::LENT_HOUSEHOLD_USE]),
            lent_enterprise_use_fen: Set(s[col::LENT_ENTERPRISE_USE]),
            repaid_fen: Set(s[col::REPAID]),
            overdue_fen: Set(s[col::OVERDUE]),
            subsidy_fen: Set(s[col::SUBSIDY]),
            late_loans: Set(s[col::LATE]),
            borrowers: Set(s[col::BORROWERS]),
            year_borrowers: Set(s[col::YEAR_BORROWERS]),
            year_household_use: Set(s[col::YEAR_HOUSEHOLD_USE]),
            year_enterprise_use: Set(s[col::YEAR_ENTERPRISE_USE]),
            ..Default::default()
        })
        .collect();
    let mut on_conflict = OnConflict::columns([
        credit_tally::Column::VillageId,
        credit_tally::Column::Bank,
        credit_tally::Column::WholeMonth,
        credit_tally::Column::Day,
    ]);
    for c in COLUMNS {
        on_conflict.value(sea_orm::sea_query::Alias::new(c), Expr::cust(format!("credit_tally.{c} + excluded.{c}")));
    }
    let mut rows = rows.into_iter().peekable();
    while rows.peek().is_some() {
        let chunk: Vec<_> = rows.by_ref().take(1_500).collect();
        credit_tally::Entity::insert_many(chunk).on_conflict(on_conflict.clone()).exec_without_returning(db).await?;
    }
    Ok(())
}

/// Follows a write: what the loans and households it touches contribute before, to add the
/// difference after.
pub(super) struct Watch {
    loans: Vec<i64>,
    households: Vec<i64>,
    known: HashSet<i64>,
    before: Changes,
}

impl Watch {
    /// Before a write to the records of `loans`, locked by the caller.
    pub async fn loans(db: &impl ConnectionTrait, loans: Vec<i64>) -> AppResult<Self> {
        let before = changes_of_loans(db, &loans).await?;
        Ok(Self { loans, households: Vec::new(), known: HashSet::new(), before })
    }

    /// Before new loans of `households`, whose rows it locks to the end of the transaction, so
    /// that no other write adds a loan to them meanwhile.
    pub async fn new_loans(db: &impl ConnectionTrait, mut households: Vec<i64>) -> AppResult<Self> {
        households.sort_unstable();
        households.dedup();
        for chunk in households.chunks(5_000) {
            household::Entity::find()
                .select_only()
                .column(household::Column::Id)
                .filter(household::Column::Id.is_in(chunk.to_vec()))
                .lock_exclusive()
                .into_tuple::<i64>()
                .all(db)
                .await?;
        }
        let loans = loans_of(db, &households).await?;
        let known = loans.iter().map(|l| l.id).collect();
        Ok(Self { loans: Vec::new(), households, known, before: first_loans(&loans) })
    }

    /// After the write: adds what changed.
    pub async fn finish(self, db: &impl ConnectionTrait) -> AppResult<()> {
        let after = if self.households.is_empty() {
            changes_of_loans(db, &self.loans).await?
        } else {
            let loans = loans_of(db, &self.households).await?;
            let new: Vec<i64> = loans.iter().map(|l| l.id).filter(|id| !self.known.contains(id)).collect();
            let mut after = first_loans(&loans);
            for (key, sums) in changes_of_loans(db, &new).await?.0 {
                let entry = after.0.entry(key).or_default();
                for (to, v) in entry.iter_mut().zip(sums) {
                    *to += v;
                }
            }
            after
        };
        apply(db, after.less(self.before)).await
    }
}

/// Adds the subsidy of the batch `id`, just paid.
pub(super) async fn batch_paid(db: &impl ConnectionTrait, id: i64) -> AppResult<()> {
    let Some(batch) = interest_subsidy_batch::Entity::find_by_id(id).one(db).await? else { return Ok(()) };
    apply(db, batch_changes(db, &batch).await?).await
}

/// Every change, worked out from every record on file.
async fn from_records(db: &impl ConnectionTrait) -> AppResult<Changes> {
    let loans = loan::Entity::find().all(db).await?;
    let mut out = first_loans(&loans);
    for r in records(db, loans).await? {
        loan_changes(&r, &mut out);
    }
    let paid = interest_subsidy_batch::Entity::find()
        .filter(interest_subsidy_batch::Column::Status.eq(SubsidyBatchStatus::Paid))
        .all(db)
        .await?;
    for batch in paid {
        for (key, sums) in batch_changes(db, &batch).await?.0 {
            let entry = out.0.entry(key).or_default();
            for (to, v) in entry.iter_mut().zip(sums) {
                *to += v;
            }
        }
    }
    Ok(out)
}

/// Replaces every row with what the records give, inside the caller's transaction.
pub async fn rebuild(db: &impl ConnectionTrait) -> AppResult<()> {
    credit_tally::Entity::delete_many().exec(db).await?;
    apply(db, from_records(db).await?).await
}

/// Fills the rows from the records when there are none but there are loans: after the
/// migration that made the table, on a database with loans on file. The work is one
/// transaction, so a crash leaves the table empty to be filled at the next start; on
/// PostgreSQL it holds the table against every other writer (a second server starting, a
/// write of another instance), whose changes then go in after it, on top of the filled rows.
pub async fn fill_if_empty(db: &DatabaseConnection) -> AppResult<()> {
    let empty = credit_tally::Entity::find().one(db).await?.is_none();
    if !empty || loan::Entity::find().one(db).await?.is_none() {
        return Ok(());
    }
    let options = TransactionOptions {
        sqlite_transaction_mode: Some(SqliteTransactionMode::Immediate),
        ..TransactionOptions::default()
    };
    let txn = db.begin_with_options(options).await?;
    if db.get_database_backend() == DatabaseBackend::Postgres {
        txn.execute_unprepared("LOCK TABLE credit_tally IN EXCLUSIVE MODE").await?;
    }
    rebuild(&txn).await?;
    txn.commit().await?;
    Ok(())
}

/// Where the stored rows differ from what the records give, one line each (none when they
/// agree). Rows whose sums are all nothing count as absent.
pub async fn differences(db: &impl ConnectionTrait) -> AppResult<Vec<String>> {
    let expected = from_records(db).await?.with_months();
    let mut stored: BTreeMap<(i64, String, bool, NaiveDate), Sums> = BTreeMap::new();
    for r in credit_tally::Entity::find().all(db).await? {
        let sums = [
            r.lent_household_use_fen,
            r.lent_enterprise_use_fen,
            r.repaid_fen,
            r.overdue_fen,
            r.subsidy_fen,
            r.late_loans,
            r.borrowers,
            r.year_borrowers,
            r.year_household_use,
            r.year_enterprise_use,
        ];
        if sums.iter().any(|v| *v != 0) {
            stored.insert((r.village_id, r.bank, r.whole_month, r.day), sums);
        }
    }
    let mut out = Vec::new();
    for ((place, whole_month, day), sums) in expected {
        let key = (place.village_id, place.bank, whole_month, day);
        match stored.remove(&key) {
            Some(found) if found == sums => {}
            found => out.push(format!("{key:?}: stored {found:?}, records give {sums:?}")),
        }
    }
    out.extend(stored.into_iter().map(|(key, sums)| format!("{key:?}: stored {sums:?}, records give nothing")));
    Ok(out)
}
