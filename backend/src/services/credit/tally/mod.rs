//! The microcredit figures' running sums (`credit_tally`): for each village, bank and day, what
//! that day changed in money lent by mode, principal repaid, overdue money, subsidy paid, loans
//! whose enterprise is late with its return, and households borrowing for the first time ever,
//! in the year, and in the year under each mode; with one more row per month summing its days.
//!
//! A figure as of a date is the sum of the month rows before the date's month and the day rows
//! of its month up to the date, so reading one costs the same at 500 loans or 500,000.
//!
//! Every number here is a change worked out from the records ([`changes`]): a write works them
//! out for what it touches before and after, and adds the difference in its own transaction
//! ([`Watch`]); [`rebuild`] works them out for every record; [`differences`] compares the two.
//! A loan's own changes read only its own records, so a write holding the loan's lock may add
//! them; a household's first loans change only when a loan is created, under a lock on the
//! household's row.

mod changes;

use std::collections::{BTreeMap, HashMap, HashSet};

use chrono::NaiveDate;
use jingzhun_shared::credit::SubsidyBatchStatus;
use sea_orm::sea_query::{Expr, OnConflict};
use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, DatabaseBackend, DatabaseConnection, EntityTrait, QueryFilter,
    QuerySelect, SqliteTransactionMode, TransactionOptions, TransactionTrait,
};

use self::changes::{COLUMNS, Changes, Place, Record, Sums, col, first_loans, loan_changes};
use crate::entities::{
    credit_tally, household, interest_subsidy_batch, interest_subsidy_line, loan, loan_extension, loan_repayment,
    loan_return,
};
use crate::error::AppResult;

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
            after.merge(changes_of_loans(db, &new).await?);
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
        out.merge(batch_changes(db, &batch).await?);
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
