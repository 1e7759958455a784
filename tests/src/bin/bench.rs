//! `cargo xtask bench registry|funds|claims|credit|report|warnings` (the others: see
//! `bench_funds.rs`, `bench_claims.rs`, `bench_credit.rs`, `bench_report.rs`,
//! `bench_warnings.rs`). Registry: builds a province-sized
//! registry by importing CSV files through the HTTP API (import rows/s), then times a filtered
//! household list and an ID-card-prefix search through HTTP (p50 / p95), on SQLite and, when
//! `TEST_DATABASE_URL` is set, PostgreSQL.
//!
//! `BENCH_HOUSEHOLDS` (default 1,000,000) sets the size; about three members per household.

#![allow(clippy::expect_used, clippy::unwrap_used, reason = "a benchmark stops at its first failure")]

use std::time::{Duration, Instant};

#[path = "../bench_claims.rs"]
mod bench_claims;
#[path = "../bench_credit.rs"]
mod bench_credit;
#[path = "../bench_funds.rs"]
mod bench_funds;
#[path = "../bench_report.rs"]
mod bench_report;
#[path = "../bench_warnings.rs"]
mod bench_warnings;
#[path = "../report_sql.rs"]
mod report_sql;

use jingzhun::config::Config;
use jingzhun::{demo, startup};
use jingzhun_shared::registry::{HouseholdQuery, IMPORT_COLUMNS, ImportQuery};
use jingzhun_shared::{Api, HouseholdStatus, IdCardNo, OrgLevel};
use sea_orm::{ConnectionTrait, Database};

/// About 6 MB of CSV: a file stays under the import's 10 MiB body limit.
const ROWS_PER_FILE: usize = 50_000;
const SAMPLES: usize = 300;

#[tokio::main]
async fn main() {
    let which = std::env::args().nth(1).unwrap_or_default();
    if !["registry", "funds", "claims", "credit", "report", "warnings"].contains(&which.as_str()) {
        eprintln!("usage: bench registry|funds|claims|credit|report|warnings");
        std::process::exit(2);
    }
    let households: usize = std::env::var("BENCH_HOUSEHOLDS").ok().and_then(|v| v.parse().ok()).unwrap_or(1_000_000);
    let root = std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../target/bench");
    let _ = std::fs::remove_dir_all(&root);
    std::fs::create_dir_all(&root).unwrap_or_else(|e| panic!("create {}: {e}", root.display()));
    let mut engines = vec![("SQLite", format!("sqlite://{}?mode=rwc", root.join(format!("{which}.db")).display()))];
    if let Ok(admin) = std::env::var("TEST_DATABASE_URL") {
        let admin_db = Database::connect(admin.as_str()).await.expect("PostgreSQL reachable");
        admin_db.execute_unprepared("DROP DATABASE IF EXISTS jz_bench WITH (FORCE)").await.expect("drop");
        admin_db.execute_unprepared("CREATE DATABASE jz_bench").await.expect("create");
        let url = match admin.rsplit_once('/') {
            Some((server, _)) => format!("{server}/jz_bench"),
            None => admin.clone(),
        };
        engines.push(("PostgreSQL", url));
    } else {
        println!("(PostgreSQL skipped: set TEST_DATABASE_URL)");
    }
    // BENCH_ENGINE=sqlite or =postgresql runs one engine only.
    let only = std::env::var("BENCH_ENGINE").unwrap_or_default().to_lowercase();
    for (name, url) in engines {
        if !only.is_empty() && name.to_lowercase() != only {
            continue;
        }
        if which == "funds" {
            bench_funds::funds(name, &url, &root).await;
        } else if which == "report" {
            bench_report::bench(name, &url, &root, households).await;
        } else if which == "credit" {
            bench_credit::credit(name, &url, &root).await;
        } else if which == "warnings" {
            bench_warnings::warnings(name, &url, &root, households).await;
        } else if which == "claims" {
            bench_claims::claims(name, &url, &root, households).await;
        } else {
            run(name, &url, &root, households).await;
        }
    }
}

async fn run(engine: &str, url: &str, root: &std::path::Path, households: usize) {
    println!("== {engine}: {households} households ==");
    let db = startup::connect_and_migrate(url).await.expect("migrate");
    demo::load(&db).await.expect("demo district");
    let api = serve(url, root, &db);
    let district = log_in(&api, "district").await;
    let tree = district.org_tree().await.expect("tree");
    let villages: Vec<String> =
        tree.flatten().into_iter().filter(|u| u.level == OrgLevel::Village).map(|u| u.code.clone()).collect();
    let townships: Vec<_> = tree.children.iter().map(|t| t.unit.id).collect();
    let sample_ids = import_registry(&district, &villages, households).await;
    analyze(&db, engine).await;
    println!("  server peak memory (VmHWM): {}", peak_memory());
    time_lists(&district, &townships, &sample_ids).await;
}

/// One CSV file of whole households, starting at household `first` and person `person`: the
/// file, the households and people it holds, and a few heads' ID numbers to search for later.
fn registry_file(
    villages: &[String],
    first: usize,
    person: usize,
    households: usize,
) -> (String, usize, usize, Vec<String>) {
    let mut csv = IMPORT_COLUMNS.join(",");
    let (mut rows, mut household, mut person, mut samples) = (0, first, person, Vec::new());
    while rows < ROWS_PER_FILE && household < households {
        let size = 1 + (household * 7) % 5; // 1..=5, three on average
        let village = &villages[household % villages.len()];
        let category = ["低保户", "一般贫困户", "一般贫困户", "五保户"][household % 4];
        let head = id_card(person);
        for k in 0..size {
            let card = id_card(person + k);
            let relation = ["户主", "配偶"].get(k).copied().unwrap_or("子女");
            csv.push_str(&format!(
                "\n{village},{head},{category},因病,,户{household}成员{k},{card},{relation},健康,普通劳动力"
            ));
            if household.is_multiple_of(997) && k == 0 {
                samples.push(card.clone());
            }
        }
        person += size;
        rows += size;
        household += 1;
    }
    (csv, household, person, samples)
}

/// The people of the first `households` households of [`registry_file`].
fn people(households: usize) -> usize {
    (0..households).map(|h| 1 + (h * 7) % 5).sum()
}

/// Imports `households` households, 50,000 rows a file, all through
/// `POST /api/v1/households/import`, and prints the rate; answers ID numbers to search for.
async fn import_registry(district: &Api, villages: &[String], households: usize) -> Vec<String> {
    let (mut rows_total, mut import_time) = (0usize, Duration::ZERO);
    let (mut person, mut household, mut sample_ids) = (0usize, 0usize, Vec::new());
    while household < households {
        let (csv, next_household, next_person, samples) = registry_file(villages, household, person, households);
        let rows = next_person - person;
        (household, person) = (next_household, next_person);
        sample_ids.extend(samples);
        let started = Instant::now();
        let report = district
            .import_households(
                &ImportQuery { format: "csv".into(), commit: true, progress: None, initial_load: true },
                csv.into_bytes(),
            )
            .await
            .expect("import answers");
        import_time += started.elapsed();
        assert!(report.committed, "import failed: {:?}", report.errors.first());
        rows_total += rows;
        println!(
            "  imported {household:>9} households / {rows_total:>9} rows, {:>8.0} rows/s so far",
            rows_total as f64 / import_time.as_secs_f64()
        );
    }
    println!(
        "  import: {rows_total} rows in {:.1} s = {:.0} rows/s",
        import_time.as_secs_f64(),
        rows_total as f64 / import_time.as_secs_f64()
    );
    sample_ids
}

/// Fresh planner statistics after a bulk load.
async fn analyze(db: &sea_orm::DatabaseConnection, engine: &str) {
    let sql = if engine == "PostgreSQL" { "VACUUM ANALYZE" } else { "ANALYZE" };
    db.execute_unprepared(sql).await.expect("analyze");
}

/// Times a filtered household list and an ID-card-prefix search (p50 / p95).
async fn time_lists(district: &Api, townships: &[jingzhun_shared::OrgUnitId], sample_ids: &[String]) {
    let mut list = Vec::with_capacity(SAMPLES);
    for i in 0..SAMPLES {
        let query = HouseholdQuery {
            township_id: Some(townships[i % townships.len()]),
            status: Some(HouseholdStatus::Registered),
            page: Some(1 + (i as u64 * 7) % 50),
            per_page: Some(20),
            ..Default::default()
        };
        let started = Instant::now();
        let page = district.households(&query).await.expect("list");
        list.push(started.elapsed());
        assert!(!page.items.is_empty());
    }
    let mut search = Vec::with_capacity(SAMPLES);
    for i in 0..SAMPLES {
        let prefix = &sample_ids[(i * 13) % sample_ids.len()][..14];
        let query = HouseholdQuery { q: Some(prefix.to_owned()), per_page: Some(20), ..Default::default() };
        let started = Instant::now();
        let page = district.households(&query).await.expect("search");
        search.push(started.elapsed());
        assert!(page.total >= 1);
    }
    report("list (township + status, 20 a page)", &mut list);
    report("ID-card prefix search (14 digits)", &mut search);
}

/// The server over `db` on a free port, as the benchmark's client sees it.
fn serve(url: &str, root: &std::path::Path, db: &sea_orm::DatabaseConnection) -> Api {
    let config = Config {
        bind: "127.0.0.1:0".to_owned(),
        database_url: url.to_owned(),
        data_dir: root.to_path_buf(),
        jwt_secret: Some("bench-secret-bench-secret-bench-secret-0000".to_owned()),
        workers: 2,
        ..Config::default()
    };
    let running = startup::start(&config, db.clone()).expect("server");
    tokio::spawn(running.server);
    Api::new(format!("http://127.0.0.1:{}", running.port))
}

async fn log_in(api: &Api, username: &str) -> Api {
    api.with_token(api.login(username, demo::DEMO_PASSWORD).await.expect("login").token)
}

/// A valid, unique ID-card number for person `k`: the birth date walks through a century and
/// the sequence number counts the centuries.
fn id_card(k: usize) -> String {
    let days = (k % 36_500) as i64;
    let birth = chrono_like_date(days);
    let seq = (k / 36_500) % 1000;
    IdCardNo::complete(&format!("341004{birth}{seq:03}")).expect("valid").as_str().to_owned()
}

/// `YYYYMMDD` of 1920-01-01 plus `days`.
fn chrono_like_date(days: i64) -> String {
    let (mut year, mut left) = (1920i64, days);
    loop {
        let len = if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 { 366 } else { 365 };
        if left < len {
            break;
        }
        left -= len;
        year += 1;
    }
    let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    let months = [31, if leap { 29 } else { 28 }, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
    let mut month = 0;
    while left >= months[month] {
        left -= months[month];
        month += 1;
    }
    format!("{year:04}{:02}{:02}", month + 1, left + 1)
}

fn report(what: &str, samples: &mut [Duration]) {
    samples.sort();
    let at = |q: f64| samples[((samples.len() as f64 * q) as usize).min(samples.len() - 1)];
    println!("  {what}: p50 {:.1} ms, p95 {:.1} ms ({} requests)", ms(at(0.50)), ms(at(0.95)), samples.len());
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

fn peak_memory() -> String {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines().find(|l| l.starts_with("VmHWM")).map(|l| l.trim_start_matches("VmHWM:").trim().to_owned())
        })
        .unwrap_or_else(|| "unknown".to_owned())
}
