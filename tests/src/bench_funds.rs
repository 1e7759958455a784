//! `cargo xtask bench funds`: a province-sized ledger (`BENCH_PROJECTS`, default 1,000,000
//! projects, five expenditures each) written straight into the tables, then the year's rates for
//! the whole district and for one township timed through `GET /api/v1/funds/rates`. The ledger
//! is also the annual report's (`bench_report.rs`).

use std::time::Instant;

use jingzhun::entities::{expenditure, fund_batch, org_unit, project};
use jingzhun::services::bulk;
use jingzhun::services::org::placement::placement;
use jingzhun::{demo, startup};
use jingzhun_shared::funds::RatesQuery;
use jingzhun_shared::{Api, FundSource, OrgLevel, ProjectKind, ProjectStatus};
use sea_orm::ActiveValue::Set;
use sea_orm::{ActiveModelTrait, ConnectionTrait, EntityTrait, TransactionTrait};

use super::{analyze, log_in, report, serve};

const FUNDS_SAMPLES: usize = 100;

pub async fn funds(engine: &str, url: &str, root: &std::path::Path) {
    let projects: usize = std::env::var("BENCH_PROJECTS").ok().and_then(|v| v.parse().ok()).unwrap_or(1_000_000);
    println!("== {engine}: {projects} projects, {} expenditures ==", projects * 5);
    let db = startup::connect_and_migrate(url).await.expect("migrate");
    demo::load(&db).await.expect("demo district");
    write_ledger(&db, projects).await;
    analyze(&db, engine).await;
    time_rates(&serve(url, root, &db), projects).await;
}

/// The year 2020's four batches of the district and `projects` projects with five expenditures
/// each, spread over every village, written in chunks past the services; each batch then
/// issued and allocated what its projects hold.
pub async fn write_ledger(db: &sea_orm::DatabaseConnection, projects: usize) {
    let units = org_unit::Entity::find().all(db).await.expect("units");
    let district = units.iter().find(|u| u.level == OrgLevel::District).expect("district");
    let villages: Vec<_> = units.iter().filter(|u| u.level == OrgLevel::Village).collect();
    let batch_ids = write_batches(db, district).await;
    let started = Instant::now();
    let mut written = 0;
    while written < projects {
        let n = CHUNK.min(projects - written);
        write_projects(db, &villages, &batch_ids, written, n).await;
        written += n;
        if written % 200_000 == 0 || written == projects {
            println!(
                "  wrote {written:>9} projects / {:>9} expenditures ({:.0} s)",
                written * 5,
                started.elapsed().as_secs_f64()
            );
        }
    }
    settle_batches(db).await;
}

/// Projects are written in chunks of this many, each chunk one transaction.
const CHUNK: usize = 20_000;

fn issued_on() -> chrono::NaiveDate {
    chrono::NaiveDate::from_ymd_opt(2020, 3, 1).expect("date")
}

/// The year's four batches of the district.
async fn write_batches(db: &sea_orm::DatabaseConnection, district: &org_unit::Model) -> Vec<i64> {
    let mut batch_ids = Vec::new();
    for seq in 1..=4 {
        let batch = fund_batch::ActiveModel {
            year: Set(2020),
            seq: Set(seq),
            name: Set(format!("第{seq}批")),
            document_no: Set(format!("B{seq}")),
            source: Set(FundSource::Central),
            issued_on: Set(issued_on()),
            // Set to what the projects hold once they are written (`settle_batches`).
            issued_fen: Set(0),
            allocated_fen: Set(0),
            org_unit_id: Set(district.id),
            org_path: Set(district.path.clone()),
            version: Set(1),
            created_at: Set(chrono::Utc::now()),
            ..Default::default()
        }
        .insert(db)
        .await
        .expect("batch");
        batch_ids.push(batch.id);
    }
    batch_ids
}

/// Each batch issued and allocated exactly what its projects hold.
async fn settle_batches(db: &sea_orm::DatabaseConnection) {
    db.execute_unprepared(
        "UPDATE fund_batch SET allocated_fen = \
         COALESCE((SELECT SUM(budget_fen) FROM project WHERE project.batch_id = fund_batch.id), 0)",
    )
    .await
    .expect("allocated");
    db.execute_unprepared("UPDATE fund_batch SET issued_fen = allocated_fen").await.expect("issued");
}

/// Budget of the `i`th project.
fn budget(i: usize) -> i64 {
    1_000_000 + (i as i64 % 97) * 10_000
}

/// Projects `first..first + n`, each with five payments of a tenth of its budget, in one
/// transaction through the bulk insert.
async fn write_projects(
    db: &sea_orm::DatabaseConnection,
    villages: &[&org_unit::Model],
    batch_ids: &[i64],
    first: usize,
    n: usize,
) {
    let statuses = [ProjectStatus::Started, ProjectStatus::Completed, ProjectStatus::Accepted];
    let now = chrono::Utc::now();
    let txn = db.begin().await.expect("txn");
    let mut rows = Vec::with_capacity(n);
    for i in first..first + n {
        let place = placement(villages[i % villages.len()]);
        rows.push(project::ActiveModel {
            batch_id: Set(batch_ids[i % batch_ids.len()]),
            year: Set(2020),
            name: Set(format!("项目{i}")),
            kind: Set(ProjectKind::ALL[i % ProjectKind::ALL.len()]),
            district_id: Set(place.district_id),
            org_unit_id: Set(place.org_unit_id),
            org_path: Set(place.org_path),
            township_id: Set(place.township_id),
            village_id: Set(place.village_id),
            budget_fen: Set(budget(i)),
            spent_fen: Set(budget(i) / 2),
            status: Set(statuses[i % statuses.len()]),
            started_on: Set(Some(issued_on())),
            completed_on: Set(None),
            accepted_on: Set(None),
            quantity: Set(None),
            unit: Set(None),
            announced_from: Set(None),
            announced_to: Set(None),
            version: Set(1),
            created_at: Set(now),
            ..Default::default()
        });
    }
    let ids = bulk::insert_returning_ids(&txn, rows).await.expect("projects");
    let mut payments = Vec::with_capacity(n * 5);
    for (k, id) in ids.iter().enumerate() {
        let i = first + k;
        for j in 0..5 {
            payments.push(expenditure::ActiveModel {
                project_id: Set(*id),
                amount_fen: Set(budget(i) / 10),
                paid_on: Set(issued_on()),
                voucher_no: Set(format!("V{i}-{j}")),
                created_at: Set(now),
                ..Default::default()
            });
        }
    }
    bulk::insert(&txn, payments).await.expect("expenditures");
    txn.commit().await.expect("commit");
}

/// The year's rates for the whole district and for one township, through the API.
async fn time_rates(api: &Api, projects: usize) {
    let district_api = log_in(api, "district").await;
    let township_api = log_in(api, "township").await;
    let whole = district_api.fund_rates(&RatesQuery { year: 2020, ..Default::default() }).await.expect("rates");
    assert_eq!(whole.projects, projects as u64, "every project counted");
    println!(
        "  district: {} projects, start {} bp, completion {} bp, expenditure {} bp, industry {} bp",
        whole.projects,
        whole.start_rate_bp,
        whole.completion_rate_bp,
        whole.expenditure_rate_bp,
        whole.industry_share_bp
    );
    for (what, api) in [("district", &district_api), ("one township", &township_api)] {
        let mut samples = Vec::with_capacity(FUNDS_SAMPLES);
        for _ in 0..FUNDS_SAMPLES {
            let t = Instant::now();
            let rates = api.fund_rates(&RatesQuery { year: 2020, ..Default::default() }).await.expect("rates");
            samples.push(t.elapsed());
            assert!(rates.projects > 0);
        }
        report(&format!("rates, {what}"), &mut samples);
    }
}
