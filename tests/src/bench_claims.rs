//! `cargo xtask bench claims`: a registry imported through the API (`BENCH_HOUSEHOLDS`, about
//! three members each), then settlements imported through `POST /api/v1/health-claims/import`
//! in CSV files of 50,000 rows (`BENCH_CLAIMS`, default 1,000,000; the 351 and 180 computed on
//! commit), then the year's health figures for the whole district timed through
//! `GET /api/v1/health/figures` (p50 / p95).

use std::time::{Duration, Instant};

use jingzhun::{demo, startup};
use jingzhun_shared::health::{CLAIM_COLUMNS, ClaimImportQuery, HealthFiguresQuery, HealthSettingsInput};
use jingzhun_shared::{Fen, OrgLevel};

use super::{ROWS_PER_FILE, analyze, id_card, import_registry, log_in, peak_memory, report, serve};

const FIGURES_SAMPLES: usize = 100;

pub async fn claims(engine: &str, url: &str, root: &std::path::Path, households: usize) {
    let claims: usize = std::env::var("BENCH_CLAIMS").ok().and_then(|v| v.parse().ok()).unwrap_or(1_000_000);
    println!("== {engine}: {households} households, {claims} claims ==");
    let db = startup::connect_and_migrate(url).await.expect("migrate");
    demo::load(&db).await.expect("demo district");
    let api = serve(url, root, &db);
    let district = log_in(&api, "district").await;
    let tree = district.org_tree().await.expect("tree");
    let villages: Vec<String> =
        tree.flatten().into_iter().filter(|u| u.level == OrgLevel::Village).map(|u| u.code.clone()).collect();
    import_registry(&district, &villages, households).await;
    let people = super::people(households);
    let health = log_in(&api, "health").await;
    import_with_settings(&health, people, claims).await;
    analyze(&db, engine).await;
    println!("  server peak memory (VmHWM): {}", peak_memory());
    let mut samples = Vec::with_capacity(FIGURES_SAMPLES);
    for _ in 0..FIGURES_SAMPLES {
        let query = HealthFiguresQuery { year: 2020, as_of: None, org_unit: None };
        let started = Instant::now();
        let figures = health.health_figures(&query).await.expect("figures");
        samples.push(started.elapsed());
        assert!(figures.inpatient.person_times > 0);
    }
    report("health figures, whole district", &mut samples);
}

/// The year 2020's caps and 180 ratio, then `claims` settlements of the `people` imported
/// people through the import, as the health officer `health`.
pub async fn import_with_settings(health: &jingzhun_shared::Api, people: usize, claims: usize) {
    let settings = HealthSettingsInput {
        township_cap_fen: Fen::from_yuan(3_000),
        county_cap_fen: Fen::from_yuan(3_000),
        city_cap_fen: Fen::from_yuan(5_000),
        province_cap_fen: Fen::from_yuan(10_000),
        out_of_province_cap_fen: Fen::from_yuan(10_000),
        supplement_rate_bp: 8_000,
        supplement_cap_fen: Fen::from_yuan(1_000),
        version: None,
    };
    health.set_health_settings(2020, &settings).await.expect("settings");
    import_claims(health, people, claims).await;
}

/// Claim `i` of `people`: kind, level, day and amounts varied, a person chosen far from the last.
fn claim_row(i: usize, people: usize) -> String {
    let card = id_card((i * 7_919) % people);
    let (kind, level) = match i % 16 {
        0 => ("慢病门诊", "乡镇卫生院"),
        1 | 2 => ("住院", ["县级医院", "市级医院", "省级医院"][i % 3]),
        _ => ("门诊", "乡镇卫生院"),
    };
    let day = chrono::NaiveDate::from_ymd_opt(2020, 1, 1).expect("date") + chrono::Duration::days((i % 270) as i64);
    let total = if kind == "住院" { 5_000 + (i % 40) * 1_000 } else { 80 + i % 300 };
    let basic = total * 6 / 10;
    format!("{card},{kind},医院{},{level},{day},{day},{total},,{basic},,,", i % 50)
}

async fn import_claims(health: &jingzhun_shared::Api, people: usize, claims: usize) {
    let (mut done, mut time) = (0usize, Duration::ZERO);
    while done < claims {
        let n = ROWS_PER_FILE.min(claims - done);
        let mut csv = CLAIM_COLUMNS.join(",");
        for i in done..done + n {
            csv.push('\n');
            csv.push_str(&claim_row(i, people));
        }
        let started = Instant::now();
        let query = ClaimImportQuery { format: "csv".into(), commit: true, progress: None };
        let report = health.import_health_claims(&query, csv.into_bytes()).await.expect("import answers");
        time += started.elapsed();
        assert!(report.committed, "import failed: {:?}", report.errors.first());
        done += n;
        println!("  imported {done:>9} claims, {:>8.0} rows/s so far", done as f64 / time.as_secs_f64());
    }
    println!(
        "  claims import: {done} rows in {:.1} s = {:.0} rows/s",
        time.as_secs_f64(),
        done as f64 / time.as_secs_f64()
    );
}
