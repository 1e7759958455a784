//! A fresh server on port 0 over a fresh database per test, on SQLite or PostgreSQL.

use std::net::IpAddr;
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicU32, Ordering};

use jingzhun::config::Config;
use jingzhun::state::AppState;
use jingzhun::{demo, startup};
use jingzhun_shared::Api;
use sea_orm::{ConnectionTrait, Database};

/// The secret test servers sign with, so tests can forge tokens (e.g. an expired one).
pub const TEST_SECRET: &str = "test-secret-test-secret-test-secret-0123";

pub struct TestApp {
    pub base: String,
    pub api: Api,
    pub db: sea_orm::DatabaseConnection,
    /// What the handlers share, for looking inside (e.g. the login throttle's size).
    pub state: Arc<AppState>,
    _database: TestDatabase,
}

impl TestApp {
    /// A server with the demo district and accounts loaded.
    pub async fn spawn() -> Self {
        Self::spawn_with(|_| {}).await
    }

    /// A server with the demo loaded, its settings changed by `adjust` first.
    pub async fn spawn_with(adjust: impl FnOnce(&mut Config)) -> Self {
        let app = Self::spawn_empty_with(adjust).await;
        demo::load(&app.db).await.expect("demo data loads");
        app
    }

    /// A server with the whole demo: district, accounts, the registry, the year's funds and microcredit.
    /// A server with the whole demo: district, accounts, the registry, the year's funds and health records.
    pub async fn spawn_full() -> Self {
        let app = Self::spawn().await;
        jingzhun::demo_registry::load(&app.db).await.expect("demo registry loads");
        jingzhun::demo_villages::settle_populations(&app.db).await.expect("demo populations settle");
        jingzhun::demo_funds::load(&app.db).await.expect("demo funds load");
        jingzhun::demo_villages::settle_incomes(&app.db, jingzhun::demo::DEMO_YEAR).await.expect("demo incomes settle");
        jingzhun::demo_education::load(&app.db).await.expect("demo student aid loads");
        jingzhun::demo_employment::load(&app.db).await.expect("demo employment loads");
        jingzhun::demo_credit::load(&app.db).await.expect("demo microcredit loads");
        jingzhun::demo_health::load(&app.db).await.expect("demo health records load");
        jingzhun::demo_pairing::load(&app.db).await.expect("demo pairing loads");
        jingzhun::demo_projects::load(&app.db).await.expect("demo housing, social security and ecology load");
        jingzhun::demo_oversight::load(&app.db).await.expect("demo rectification loads");
        jingzhun::demo_evidence::load(&app.db, &app.state.attachments).await.expect("demo evidence is stored");
        jingzhun::demo_warnings::load(&app.db).await.expect("demo warnings run");
        app
    }

    /// A server with the demo data whose clock says `today`.
    pub async fn spawn_on(today: chrono::NaiveDate) -> Self {
        Self::spawn_with(|config| config.today = Some(today)).await
    }

    /// A server over an empty, migrated database.
    pub async fn spawn_empty() -> Self {
        Self::spawn_empty_with(|_| {}).await
    }

    async fn spawn_empty_with(adjust: impl FnOnce(&mut Config)) -> Self {
        let database = TestDatabase::new().await;
        let db = startup::connect_and_migrate(&database.url).await.expect("database migrates");
        let mut config = config_for(&database);
        adjust(&mut config);
        let running = startup::start(&config, db.clone()).expect("server starts");
        tokio::spawn(running.server);
        let base = format!("http://127.0.0.1:{}", running.port);
        TestApp { api: Api::new(base.clone()), base, db, state: running.state, _database: database }
    }

    /// Another server instance over this one's database, as a balancer would put beside it
    /// (same secret and settings): its base URL and an anonymous client.
    pub async fn another_instance(&self) -> (String, Api) {
        let db = startup::connect_and_migrate(&self._database.url).await.expect("database opens");
        let running = startup::start(&config_for(&self._database), db).expect("second server starts");
        tokio::spawn(running.server);
        let base = format!("http://127.0.0.1:{}", running.port);
        (base.clone(), Api::new(base))
    }

    /// `POST /api/v1/auth/login` sent by `client` as plain HTTP: the status and the body's bytes.
    pub async fn raw_login(&self, client: &reqwest::Client, username: &str, password: &str) -> (u16, Vec<u8>) {
        let body = serde_json::json!({ "username": username, "password": password });
        let response =
            client.post(format!("{}/api/v1/auth/login", self.base)).json(&body).send().await.expect("answer");
        let status = response.status().as_u16();
        (status, response.bytes().await.expect("body").to_vec())
    }

    /// The client logged in as `username` with the demo password.
    pub async fn login(&self, username: &str) -> Api {
        let response = self.api.login(username, demo::DEMO_PASSWORD).await.expect("demo login succeeds");
        self.api.with_token(response.token)
    }
}

/// A test server's settings over `database`: any free port, one worker, the test secret.
fn config_for(database: &TestDatabase) -> Config {
    Config {
        bind: "127.0.0.1:0".to_owned(),
        database_url: database.url.clone(),
        data_dir: database.dir.0.clone(),
        static_dir: workspace_root().join("dist"),
        jwt_secret: Some(TEST_SECRET.to_owned()),
        workers: 1,
        ..Config::default()
    }
}

/// A fresh database of its own for one test, with a folder beside it; see [`fresh_database`].
pub struct TestDatabase {
    pub url: String,
    pub dir: TempDir,
    pg_database: Option<(String, String)>,
}

impl TestDatabase {
    pub async fn new() -> Self {
        let dir = TempDir::new();
        let (url, pg_database) = fresh_database(&dir).await;
        TestDatabase { url, dir, pg_database }
    }
}

impl Drop for TestDatabase {
    fn drop(&mut self) {
        // Drop the per-test PostgreSQL database; a leftover one only costs disk.
        if let Some((admin_url, name)) = self.pg_database.take() {
            let _ = std::thread::spawn(move || {
                let Ok(rt) = tokio::runtime::Builder::new_current_thread().enable_all().build() else { return };
                rt.block_on(async {
                    if let Ok(admin) = Database::connect(admin_url).await {
                        let _ = admin.execute_unprepared(&format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)")).await;
                    }
                });
            })
            .join();
        }
    }
}

/// A SQLite file in the test's folder, or a new database on the PostgreSQL server when
/// `JINGZHUN_TEST_DB=postgres`.
async fn fresh_database(dir: &TempDir) -> (String, Option<(String, String)>) {
    if std::env::var("JINGZHUN_TEST_DB").as_deref() != Ok("postgres") {
        return (format!("sqlite://{}?mode=rwc", dir.0.join("test.db").display()), None);
    }
    let admin_url = std::env::var("TEST_DATABASE_URL").expect("TEST_DATABASE_URL is set for the PostgreSQL run");
    static COUNTER: AtomicU32 = AtomicU32::new(0);
    let name = format!("jz_test_{}_{}", std::process::id(), COUNTER.fetch_add(1, Ordering::SeqCst));
    let admin = Database::connect(admin_url.as_str()).await.expect("PostgreSQL reachable at TEST_DATABASE_URL");
    admin.execute_unprepared(&format!("DROP DATABASE IF EXISTS {name}")).await.expect("drop old test database");
    admin.execute_unprepared(&format!("CREATE DATABASE {name}")).await.expect("create test database");
    let url = match admin_url.rsplit_once('/') {
        Some((server, _)) if server.contains("://") && server.split("://").nth(1).is_some_and(|r| !r.is_empty()) => {
            format!("{server}/{name}")
        }
        _ => format!("{}/{name}", admin_url.trim_end_matches('/')),
    };
    (url, Some((admin_url, name)))
}

/// A plain HTTP client whose connections come from `ip`: on Linux every 127.x.y.z address
/// reaches a server listening on 127.0.0.1, so tests can play several clients.
pub fn client_from(ip: [u8; 4]) -> reqwest::Client {
    reqwest::Client::builder().local_address(IpAddr::from(ip)).build().expect("client")
}

/// The checkout under test: `cargo test` sets `CARGO_MANIFEST_DIR` at run time, which stays right
/// when a target directory is shared by several checkouts; the compile-time value is the fallback.
pub fn workspace_root() -> PathBuf {
    let manifest = std::env::var_os("CARGO_MANIFEST_DIR").map(PathBuf::from);
    let manifest = manifest.unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")));
    manifest.parent().map(PathBuf::from).unwrap_or_default()
}

/// A folder removed when dropped.
pub struct TempDir(pub PathBuf);

impl TempDir {
    pub fn new() -> Self {
        static COUNTER: AtomicU32 = AtomicU32::new(0);
        let nanos =
            std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.as_nanos()).unwrap_or(0);
        let path = std::env::temp_dir().join(format!(
            "jingzhun-test-{}-{}-{nanos}",
            std::process::id(),
            COUNTER.fetch_add(1, Ordering::SeqCst)
        ));
        std::fs::create_dir_all(&path).expect("temp dir");
        TempDir(path)
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// Rolls the schema back to just before migration `name` (undoing every later one first), then
/// applies them all again: what a database filed before `name` goes through.
pub async fn migrate_again_from(db: &sea_orm::DatabaseConnection, name: &str) {
    undo_from(db, name).await;
    use jingzhun_migrations::{Migrator, MigratorTrait};
    Migrator::up(db, None).await.expect("applied again");
}

/// Rolls the schema back to just before migration `name`, undoing every later one first.
pub async fn undo_from(db: &sea_orm::DatabaseConnection, name: &str) {
    use jingzhun_migrations::{Migrator, MigratorTrait};
    let all = Migrator::migrations();
    let at = all.iter().position(|m| m.name() == name).unwrap_or_else(|| panic!("no migration {name}"));
    let undo = u32::try_from(all.len() - at).expect("a few migrations");
    Migrator::down(db, Some(undo)).await.expect("rolled back");
}
