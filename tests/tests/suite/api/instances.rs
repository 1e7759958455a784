//! Two server instances on one database, as behind a load balancer. On PostgreSQL they share
//! the login throttle and the import progress (`login_throttle`, `import_progress`): a guesser
//! held back through one is held back through the other, and a progress poll answered by the
//! other instance reads the import as it runs. On SQLite, where one instance is the rule, each
//! keeps its own in memory — asserted too, so the test says which engine shares what. And
//! instances started at once on a new database migrate and seed it once.

use std::time::{Duration, Instant};

use jingzhun::{demo, startup};
use jingzhun_migrations::MigratorTrait;
use jingzhun_shared::Api;
use jingzhun_shared::registry::ImportQuery;
use sea_orm::{ConnectionTrait, Statement, TransactionTrait};

use super::import_crash::households_file;
use crate::helpers::{TestApp, TestDatabase, client_from};

const GUESSER: [u8; 4] = [127, 0, 0, 9];

fn shared() -> bool {
    std::env::var("JINGZHUN_TEST_DB").as_deref() == Ok("postgres")
}

async fn login_status(client: &reqwest::Client, base: &str, password: &str) -> u16 {
    let body = serde_json::json!({ "username": "clerk", "password": password });
    let response = client.post(format!("{base}/api/v1/auth/login")).json(&body).send().await.expect("answer");
    response.status().as_u16()
}

#[tokio::test]
async fn a_guesser_held_back_through_one_instance_is_held_back_through_the_other() {
    let one = TestApp::spawn().await;
    let (other, _) = one.another_instance().await;
    let guesser = client_from(GUESSER);

    for n in 0..5 {
        assert_eq!(login_status(&guesser, &one.base, &format!("guess-{n}")).await, 401, "free failure {n}");
    }
    assert_eq!(login_status(&guesser, &one.base, "guess-5").await, 429, "held back on the first instance");
    let on_other = login_status(&guesser, &other, "guess-6").await;
    let right_password_on_other = login_status(&guesser, &other, demo::DEMO_PASSWORD).await;

    if shared() {
        assert_eq!(on_other, 429, "the other instance counts the same failures");
        assert_eq!(right_password_on_other, 429, "even the right password waits there");
        assert_eq!(one.state.throttle.kept().await.expect("kept"), 3, "pair, address and name, once");
    } else {
        assert_eq!(on_other, 401, "SQLite: each instance counts its own");
        assert_eq!(right_password_on_other, 200);
    }
    let elsewhere = client_from([127, 0, 0, 10]);
    assert_eq!(login_status(&elsewhere, &other, demo::DEMO_PASSWORD).await, 200, "the clerk elsewhere gets in");
}

#[tokio::test]
async fn an_import_running_on_one_instance_reports_its_progress_on_the_other_to_its_owner_only() {
    let one = TestApp::spawn().await;
    let (other_base, other) = one.another_instance().await;
    let clerk_on_one = one.login("clerk").await;
    let token = other.login("clerk", demo::DEMO_PASSWORD).await.expect("clerk logs in on the other").token;
    let clerk_on_other = Api::new(other_base.clone()).with_token(token);
    let township_on_other = Api::new(other_base)
        .with_token(one.api.login("township", demo::DEMO_PASSWORD).await.expect("township logs in").token);
    let rows = 20_000;
    let query =
        ImportQuery { format: "csv".into(), commit: true, progress: Some("two-instances".into()), initial_load: false };
    let importing = tokio::spawn({
        let clerk = clerk_on_one.clone();
        async move { clerk.import_households(&query, households_file(rows)).await }
    });

    // Poll the other instance while the import runs on the first.
    let started = Instant::now();
    let mut seen_running = Vec::new();
    while !importing.is_finished() {
        if let Ok(progress) = clerk_on_other.import_progress("two-instances").await
            && progress.phase != "done"
        {
            seen_running.push((progress.phase, progress.processed));
        }
        assert!(started.elapsed() < Duration::from_secs(600), "the import ends");
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    let report = importing.await.expect("task").expect("imported");
    assert!(report.committed, "{:?}", report.errors.first());
    let last = clerk_on_other.import_progress("two-instances").await;
    let stranger = township_on_other.import_progress("two-instances").await.expect_err("not the township's");
    let own_instance = clerk_on_one.import_progress("two-instances").await.expect("read where it runs");

    assert_eq!(stranger.status(), Some(404));
    assert_eq!((own_instance.phase.as_str(), own_instance.processed), ("done", u64::from(rows)));
    if shared() {
        let last = last.expect("the other instance reads the finished import");
        assert_eq!((last.phase.as_str(), last.processed, last.total), ("done", u64::from(rows), u64::from(rows)));
        assert!(!seen_running.is_empty(), "the other instance saw the import while it ran");
        assert!(seen_running.iter().any(|(_, processed)| *processed > 0), "and saw it move: {seen_running:?}");
    } else {
        assert_eq!(last.expect_err("SQLite: the board is the first instance's").status(), Some(404));
        assert!(seen_running.is_empty());
    }
}

#[tokio::test]
async fn instances_started_at_once_on_a_new_database_migrate_and_seed_it_once_and_all_come_up() {
    let database = TestDatabase::new().await;
    let seed = async |db: &sea_orm::DatabaseConnection| demo::load(db).await.map(|_| ()).map_err(|e| e.to_string());

    let url = database.url.as_str();
    let (a, b, c) = tokio::join!(
        startup::connect_and_prepare(url, seed),
        startup::connect_and_prepare(url, seed),
        startup::connect_and_prepare(url, seed)
    );

    for (n, db) in [a, b, c].into_iter().enumerate() {
        let db = db.unwrap_or_else(|e| panic!("instance {n} comes up: {e}"));
        let backend = db.get_database_backend();
        let sql = "SELECT COUNT(*) AS n FROM seaql_migrations";
        let row = db.query_one_raw(Statement::from_string(backend, sql)).await.expect("count").expect("a row");
        let applied: i64 = row.try_get("", "n").expect("a number");
        assert_eq!(usize::try_from(applied).ok(), Some(jingzhun_migrations::Migrator::migrations().len()));
        let sql = "SELECT COUNT(*) AS n FROM app_user WHERE username = 'admin'";
        let row = db.query_one_raw(Statement::from_string(backend, sql)).await.expect("count").expect("a row");
        assert_eq!(row.try_get::<i64>("", "n").expect("a number"), 1, "the demo seeded once");
    }
}

#[tokio::test]
async fn a_login_whose_keys_another_attempt_holds_too_long_is_refused_with_503_not_let_through() {
    let app = TestApp::spawn().await;
    let client = client_from([127, 0, 0, 11]);
    let holder = app.db.begin().await.expect("a transaction of its own");
    if shared() {
        let key = "address:127.0.0.11";
        let lock = jingzhun::services::org::throttle::lock_id(key);
        let sql = format!("SELECT pg_advisory_xact_lock({lock})");
        holder.execute_unprepared(&sql).await.expect("holds the address's lock");
    }

    let (status, _) = app.raw_login(&client, "clerk", demo::DEMO_PASSWORD).await;
    holder.rollback().await.expect("lets go");
    let (after, _) = app.raw_login(&client, "clerk", demo::DEMO_PASSWORD).await;

    if shared() {
        assert_eq!(status, 503, "refused while the lock is held elsewhere, never let through unchecked");
    } else {
        assert_eq!(status, 200, "SQLite: the throttle is in memory and takes no database lock");
    }
    assert_eq!(after, 200);
}
