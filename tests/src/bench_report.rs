//! `cargo xtask bench report`: a province-sized district built through the same paths as the
//! other benchmarks — a registry imported through the API (`BENCH_HOUSEHOLDS`, default
//! 1,000,000 households, about three members each), settlements through the claims import
//! (`BENCH_CLAIMS`, default 1,000,000), loans with their repayments (`BENCH_LOANS`, default
//! 500,000) and the funds ledger (`BENCH_PROJECTS`, default 1,000,000 projects with five
//! expenditures each) — then the annual report of 2020 timed through HTTP for the whole district
//! (the district official) and for one township (the township official): cold (the first report
//! of a server just started on a new connection pool) and warm (p50 / p95 of
//! `BENCH_REPORT_SAMPLES`, default 20). Each section's own figures route is then timed beside one
//! hand-written SQL query per section run on the same data and scope.

use std::time::{Duration, Instant};

use jingzhun::entities::{app_user, org_unit};
use jingzhun::{demo, startup};
use jingzhun_shared::Api;
use jingzhun_shared::funds::RatesQuery;
use jingzhun_shared::health::HealthFiguresQuery;
use jingzhun_shared::pairing::PairingFiguresQuery;
use jingzhun_shared::registry::OverviewQuery;
use jingzhun_shared::reports::{AnnualReport, AnnualReportQuery};
use sea_orm::{ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter, Statement};

use super::report_sql::{SECTIONS, Scope};
use super::{
    analyze, bench_claims, bench_credit, bench_funds, import_registry, log_in, ms, peak_memory, report, serve,
};

const YEAR: i32 = 2020;

fn env_or(name: &str, default: usize) -> usize {
    std::env::var(name).ok().and_then(|v| v.parse().ok()).unwrap_or(default)
}

pub async fn bench(engine: &str, url: &str, root: &std::path::Path, households: usize) {
    let claims = env_or("BENCH_CLAIMS", 1_000_000);
    let loans = env_or("BENCH_LOANS", 500_000);
    let projects = env_or("BENCH_PROJECTS", 1_000_000);
    println!(
        "== {engine}: {households} households, {claims} claims, {loans} loans, {projects} projects, {} \
         expenditures ==",
        projects * 5
    );
    let started = Instant::now();
    let db = startup::connect_and_migrate(url).await.expect("migrate");
    demo::load(&db).await.expect("demo district");
    let first_new = bench_credit::last_household(&db).await;
    let api = serve(url, root, &db);
    let district = log_in(&api, "district").await;
    let tree = district.org_tree().await.expect("tree");
    let villages: Vec<String> = tree
        .flatten()
        .into_iter()
        .filter(|u| u.level == jingzhun_shared::OrgLevel::Village)
        .map(|u| u.code.clone())
        .collect();
    import_registry(&district, &villages, households).await;
    // The claims import looks up each file's people: plan it on the registry just imported.
    analyze(&db, engine).await;
    let health = log_in(&api, "health").await;
    bench_claims::import_with_settings(&health, super::people(households), claims).await;
    bench_credit::write_credit(&db, first_new, loans).await;
    bench_funds::write_ledger(&db, projects).await;
    analyze(&db, engine).await;
    println!(
        "  data built in {:.0} s; bench process peak memory (VmHWM): {}",
        started.elapsed().as_secs_f64(),
        peak_memory()
    );
    let township = township_of(&db, "township").await;
    let samples = env_or("BENCH_REPORT_SAMPLES", 20);
    for (what, user, scope) in [("whole district", "district", Scope::Whole), ("one township", "township", township)] {
        time_report(url, root, what, user, samples).await;
        time_sections(&db, &api, what, user, &scope, samples).await;
    }
}

/// The township the account `username` belongs to.
async fn township_of(db: &DatabaseConnection, username: &str) -> Scope {
    let user = app_user::Entity::find()
        .filter(app_user::Column::Username.eq(username))
        .one(db)
        .await
        .expect("user")
        .expect("the demo's township official");
    let unit = org_unit::Entity::find_by_id(user.org_unit_id).one(db).await.expect("unit").expect("its unit");
    Scope::Township { id: unit.id, path: unit.path }
}

/// The report cold — the first on a server just started over a new connection pool — then warm.
async fn time_report(url: &str, root: &std::path::Path, what: &str, username: &str, samples: usize) {
    let fresh = startup::connect_and_migrate(url).await.expect("a new pool");
    let api = log_in(&serve(url, root, &fresh), username).await;
    let query = AnnualReportQuery { year: YEAR, as_of: None, org_unit_id: None };
    let started = Instant::now();
    let first = api.annual_report(&query).await.expect("report");
    let cold = started.elapsed();
    assert!(first.left_out.is_empty(), "every section: {:?}", first.left_out);
    print_headlines(what, &first);
    let mut warm = Vec::with_capacity(samples);
    for _ in 0..samples {
        let started = Instant::now();
        let again = api.annual_report(&query).await.expect("report");
        warm.push(started.elapsed());
        assert_eq!(again, first, "the same report every time");
    }
    println!("  report, {what}, cold (first request after start): {:.1} ms", ms(cold));
    report(&format!("report, {what}, warm"), &mut warm);
}

fn print_headlines(what: &str, r: &AnnualReport) {
    let registry = r.registry.as_ref().expect("registry");
    let funds = r.funds.as_ref().expect("funds");
    let credit = r.credit.as_ref().expect("credit");
    let medical = r.medical.as_ref().expect("medical");
    println!(
        "  {what} ({}): {} households / {} people on file, {} projects, {} fen lent in {YEAR}, {} inpatient \
         person-times, ratio {} bp",
        r.org_unit_name,
        registry.households,
        registry.people,
        funds.projects,
        credit.new_amount_fen.fen(),
        medical.inpatient.person_times,
        medical.inpatient.ratio_bp
    );
}

/// Each section's own route (what the report calls, with HTTP around it) beside one
/// hand-written SQL query over the same rows, p95 each, as a table.
async fn time_sections(db: &DatabaseConnection, api: &Api, what: &str, username: &str, scope: &Scope, samples: usize) {
    let user = log_in(api, username).await;
    println!("  {what}: section | route p50 / p95 ms | hand-written SQL p50 / p95 ms | route ÷ SQL (p95)");
    let (mut routes, mut sqls) = (Duration::ZERO, Duration::ZERO);
    for (section, sql) in SECTIONS {
        let mut route = Vec::with_capacity(samples);
        let mut hand = Vec::with_capacity(samples);
        let sql = sql(scope);
        for _ in 0..samples {
            let started = Instant::now();
            section_route(&user, section).await;
            route.push(started.elapsed());
            let started = Instant::now();
            let rows = db.query_all_raw(Statement::from_string(db.get_database_backend(), sql.clone())).await;
            hand.push(started.elapsed());
            rows.unwrap_or_else(|e| panic!("{section}: {e}\n{sql}"));
        }
        let (route_p50, route_p95) = quantiles(&mut route);
        let (sql_p50, sql_p95) = quantiles(&mut hand);
        routes += route_p95;
        sqls += sql_p95;
        println!(
            "    {section:<16} | {:>8.1} / {:>8.1} | {:>8.1} / {:>8.1} | {:>5.2}",
            ms(route_p50),
            ms(route_p95),
            ms(sql_p50),
            ms(sql_p95),
            route_p95.as_secs_f64() / sql_p95.as_secs_f64().max(1e-6)
        );
    }
    println!(
        "    {:<16} | {:>19.1} | {:>19.1} | {:>5.2}",
        "sum of p95",
        ms(routes),
        ms(sqls),
        routes.as_secs_f64() / sqls.as_secs_f64().max(1e-6)
    );
}

fn quantiles(samples: &mut [Duration]) -> (Duration, Duration) {
    samples.sort();
    let at = |q: f64| samples[((samples.len() as f64 * q) as usize).min(samples.len() - 1)];
    (at(0.50), at(0.95))
}

/// One request of `section`'s own figures route for the caller's unit.
async fn section_route(api: &Api, section: &str) {
    let rates = RatesQuery { year: YEAR, as_of: None, org_unit_id: None };
    let done = match section {
        "registry" => api.registry_overview(&OverviewQuery { year: Some(YEAR) }).await.map(drop),
        "funds" => api.fund_rates(&rates).await.map(drop),
        "industry" => api.industry_summary(&rates).await.map(drop),
        "credit" => api.credit_figures(&rates).await.map(drop),
        "medical" => {
            api.health_figures(&HealthFiguresQuery { year: YEAR, as_of: None, org_unit: None }).await.map(drop)
        }
        "education" => api.education_figures(&rates).await.map(drop),
        "employment" => api.employment_figures(&rates).await.map(drop),
        "housing" => api.housing_figures(&rates).await.map(drop),
        "social_security" => api.social_figures(&rates).await.map(drop),
        "ecology" => api.ecology_figures(&rates).await.map(drop),
        "infrastructure" => api.infrastructure_figures(&rates).await.map(drop),
        "pairing" => {
            api.pairing_figures(&PairingFiguresQuery { year: YEAR, as_of: None, org_unit: None }).await.map(drop)
        }
        other => panic!("unknown section {other}"),
    };
    done.unwrap_or_else(|e| panic!("{section}: {e:?}"));
}
