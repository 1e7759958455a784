//! `cargo xtask bench credit`: a registry imported through the API (one household for every two
//! loans), then `BENCH_LOANS` loans (default 500,000) with six repayments each written straight
//! into the tables, then through HTTP the third quarter's interest-subsidy batch of 2020
//! (computed once, then approved and paid) and the year's credit figures for the whole district
//! (`CREDIT_SAMPLES` requests, p50 / p95). The rows go in past the services, so the credit
//! tallies are then filled from the records, timed.
//!
//! Each household has a loan of 2018 for 24 months, repaid in six instalments before it fell due,
//! and a loan issued between 2019 and September 2020 with six repayments of a tenth each, every
//! second month; one in twenty of those runs twelve months only, so those issued in 2019 are
//! overdue at the end of 2020. Four loans in five are 户贷企用 with a yearly return owed.

use std::time::Instant;

use chrono::{Months, NaiveDate, Utc};
use jingzhun::entities::{household, loan, loan_repayment, member};
use jingzhun::services::bulk;
use jingzhun::services::credit::tally;
use jingzhun::{demo, startup};
use jingzhun_shared::credit::{BatchStep, CreateRepayment, CreateSubsidyBatch, LoanMode};
use jingzhun_shared::funds::RatesQuery;
use jingzhun_shared::{OrgLevel, Relation};
use sea_orm::ActiveValue::Set;
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder, QuerySelect, TransactionTrait};

use super::{analyze, import_registry, log_in, peak_memory, report, serve};

const CREDIT_SAMPLES: usize = 50;
/// Loans written in one transaction.
const CHUNK: usize = 20_000;
const BANKS: [&str; 3] = ["农商银行", "邮储银行", "农业银行"];

pub async fn credit(engine: &str, url: &str, root: &std::path::Path) {
    let loans: usize = std::env::var("BENCH_LOANS").ok().and_then(|v| v.parse().ok()).unwrap_or(500_000);
    let households = loans.div_ceil(2);
    println!("== {engine}: {households} households, {loans} loans, {} repayments ==", loans * 6);
    let db = startup::connect_and_migrate(url).await.expect("migrate");
    demo::load(&db).await.expect("demo district");
    let first_new = last_household(&db).await;
    let api = serve(url, root, &db);
    let district = log_in(&api, "district").await;
    let tree = district.org_tree().await.expect("tree");
    let villages: Vec<String> =
        tree.flatten().into_iter().filter(|u| u.level == OrgLevel::Village).map(|u| u.code.clone()).collect();
    import_registry(&district, &villages, households).await;
    write_credit(&db, first_new, loans).await;
    analyze(&db, engine).await;
    let started = Instant::now();
    let batch = district.create_subsidy_batch(&CreateSubsidyBatch { year: 2020, quarter: 3 }).await.expect("batch");
    let elapsed = started.elapsed();
    assert!(batch.loans as usize > loans / 3, "most loans earn a subsidy: {}", batch.loans);
    println!(
        "  subsidy batch 2020 Q3: {} loans, {} fen, computed in {:.2} s",
        batch.loans,
        batch.total_fen.fen(),
        elapsed.as_secs_f64()
    );
    let on = |m, d| NaiveDate::from_ymd_opt(2020, m, d).expect("date");
    let batch = district
        .approve_subsidy_batch(batch.id, &BatchStep { on: on(10, 10), version: batch.version })
        .await
        .expect("approve");
    district.pay_subsidy_batch(batch.id, &BatchStep { on: on(10, 20), version: batch.version }).await.expect("pay");
    println!("  server peak memory (VmHWM): {}", peak_memory());
    time_figures(&district).await;
    time_repayments(&db, &district).await;
}

/// The largest household id so far (0 without any): the households imported next come after it.
pub async fn last_household(db: &DatabaseConnection) -> i64 {
    household::Entity::find()
        .select_only()
        .column_as(household::Column::Id.max(), "m")
        .into_tuple::<Option<i64>>()
        .one(db)
        .await
        .expect("max household")
        .flatten()
        .unwrap_or_default()
}

/// `loans` loans with six repayments each, two for each household imported after `after`
/// (so `loans / 2` of them borrow), written past the services; then the credit tallies filled
/// from the records as a server does on finding them empty.
pub async fn write_credit(db: &DatabaseConnection, after: i64, loans: usize) {
    let borrowers = borrowers(db, after).await;
    let households = loans.div_ceil(2);
    assert!(borrowers.len() >= households, "one head for every borrowing household");
    let started = Instant::now();
    for (k, chunk) in borrowers[..households].chunks(CHUNK / 2).enumerate() {
        write_loans(db, chunk, k * CHUNK, loans).await;
    }
    println!("  wrote {loans} loans and {} repayments in {:.1} s", loans * 6, started.elapsed().as_secs_f64());
    // Written past the services, so the running sums are filled from the records as the server
    // does on finding them empty.
    let started = Instant::now();
    tally::rebuild(db).await.expect("tallies");
    println!("  filled the credit tallies from the records in {:.1} s", started.elapsed().as_secs_f64());
}

/// A repayment through the API on each of `CREDIT_SAMPLES` loans still owing: what keeping the
/// tallies in step adds to a write is inside each.
async fn time_repayments(db: &DatabaseConnection, district: &jingzhun_shared::Api) {
    let open: Vec<i64> = loan::Entity::find()
        .select_only()
        .column(loan::Column::Id)
        .filter(loan::Column::RepaidOn.is_null())
        .order_by_asc(loan::Column::Id)
        .limit(CREDIT_SAMPLES as u64)
        .into_tuple()
        .all(db)
        .await
        .expect("open loans");
    let mut samples = Vec::with_capacity(open.len());
    for id in open {
        let repayment =
            CreateRepayment { principal_fen: jingzhun_shared::Fen::from_yuan(100), paid_on: day(2020, 12, 15) };
        let started = Instant::now();
        district.add_repayment(id, &repayment).await.expect("repayment");
        samples.push(started.elapsed());
    }
    report("a repayment through the API", &mut samples);
}

/// Every household imported after the demo, in id order, with its head's member id.
async fn borrowers(db: &DatabaseConnection, after: i64) -> Vec<(household::Model, i64)> {
    let homes = household::Entity::find()
        .filter(household::Column::Id.gt(after))
        .order_by_asc(household::Column::Id)
        .all(db)
        .await
        .expect("households");
    let heads: std::collections::HashMap<i64, i64> = member::Entity::find()
        .select_only()
        .column(member::Column::HouseholdId)
        .column(member::Column::Id)
        .filter(member::Column::HouseholdId.gt(after))
        .filter(member::Column::Relation.eq(Relation::Head))
        .into_tuple::<(i64, i64)>()
        .all(db)
        .await
        .expect("heads")
        .into_iter()
        .collect();
    homes.into_iter().filter_map(|h| heads.get(&h.id).copied().map(|m| (h, m))).collect()
}

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("date")
}

/// Loan `i` of `home`: (the loan, its repayments as (day, fen)).
fn loan_of(home: &household::Model, head: i64, i: usize) -> (loan::ActiveModel, Vec<(NaiveDate, i64)>) {
    let amount = (1 + (i as i64 / 2) % 5) * 1_000_000;
    let older = i.is_multiple_of(2);
    let (issued, term) = if older {
        (day(2018, 1, 1) + chrono::Duration::days((i / 2 % 365) as i64), 24)
    } else {
        let short = (i / 2).is_multiple_of(20);
        (day(2019, 1, 1) + chrono::Duration::days((i / 2 % 638) as i64), if short { 12 } else { 36 })
    };
    let due = issued + Months::new(term);
    let repayments: Vec<(NaiveDate, i64)> = if older {
        (1..=6).map(|n| (issued + Months::new(3 * n), amount / 6 + if n == 6 { amount % 6 } else { 0 })).collect()
    } else {
        (1..=6).map(|n| (issued + Months::new(2 * n), amount / 10)).collect()
    };
    let repaid: i64 = repayments.iter().map(|(_, f)| f).sum();
    let enterprise = i % 10 < 8;
    let row = loan::ActiveModel {
        household_id: Set(home.id),
        village_id: Set(home.village_id),
        township_id: Set(home.township_id),
        org_path: Set(home.org_path.clone()),
        borrower_member_id: Set(head),
        bank: Set(BANKS[i % 7 % 3].to_owned()),
        contract_no: Set(format!("BENCH{i:08}")),
        amount_fen: Set(amount),
        issued_on: Set(issued),
        term_months: Set(i32::try_from(term).expect("term")),
        annual_rate_bp: Set(if i.is_multiple_of(3) { 435 } else { 475 }),
        mode: Set(if enterprise { LoanMode::EnterpriseUse } else { LoanMode::HouseholdUse }),
        enterprise_name: Set(enterprise.then(|| format!("合作社{}", i % 200))),
        enterprise_credit_code: Set(enterprise.then(|| format!("93341004MA{:08}", i % 200))),
        yearly_return_fen: Set(enterprise.then_some(300_000)),
        original_due_on: Set(due),
        due_on: Set(due),
        extended: Set(false),
        balance_fen: Set(amount - repaid),
        repaid_on: Set((repaid == amount).then(|| repayments.last().map(|(d, _)| *d)).flatten()),
        version: Set(1),
        created_at: Set(Utc::now()),
        ..Default::default()
    };
    (row, repayments)
}

/// Two loans for each of `homes` (loans `first..`, up to `total`), with their repayments, in one
/// transaction through the bulk insert.
pub async fn write_loans(db: &DatabaseConnection, homes: &[(household::Model, i64)], first: usize, total: usize) {
    let txn = db.begin().await.expect("txn");
    let (mut rows, mut schedules) = (Vec::new(), Vec::new());
    for (k, (home, head)) in homes.iter().enumerate() {
        for i in [first + 2 * k, first + 2 * k + 1].into_iter().filter(|i| *i < total) {
            let (row, repayments) = loan_of(home, *head, i);
            schedules.push((home.org_path.clone(), home.township_id, BANKS[i % 7 % 3], repayments));
            rows.push(row);
        }
    }
    let ids = bulk::insert_returning_ids(&txn, rows).await.expect("loans");
    let now = Utc::now();
    let mut payments = Vec::with_capacity(ids.len() * 6);
    for (id, (path, township, bank, repayments)) in ids.iter().zip(schedules) {
        for (paid_on, fen) in repayments {
            payments.push(loan_repayment::ActiveModel {
                loan_id: Set(*id),
                org_path: Set(path.clone()),
                township_id: Set(township),
                bank: Set(bank.to_owned()),
                principal_fen: Set(fen),
                paid_on: Set(paid_on),
                created_at: Set(now),
                ..Default::default()
            });
        }
    }
    bulk::insert(&txn, payments).await.expect("repayments");
    txn.commit().await.expect("commit");
}

/// The year 2020's credit figures of the whole district, through the API.
async fn time_figures(district: &jingzhun_shared::Api) {
    let query = RatesQuery { year: 2020, ..Default::default() };
    let figures = district.credit_figures(&query).await.expect("figures");
    println!(
        "  figures: new {} fen, outstanding {} fen, overdue {} fen ({} bp), {} borrowing of {} on file, \
         subsidy paid {} fen, {} returns late",
        figures.new_amount_fen.fen(),
        figures.outstanding_fen.fen(),
        figures.overdue_fen.fen(),
        figures.overdue_rate_bp,
        figures.borrowing_households,
        figures.households_on_file,
        figures.subsidy_paid_fen.fen(),
        figures.returns_late
    );
    let mut samples = Vec::with_capacity(CREDIT_SAMPLES);
    for _ in 0..CREDIT_SAMPLES {
        let started = Instant::now();
        let again = district.credit_figures(&query).await.expect("figures");
        samples.push(started.elapsed());
        assert_eq!(again, figures, "the same figures every time");
    }
    report("credit figures 2020, whole district", &mut samples);
}
