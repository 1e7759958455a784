//! An import is one transaction: the real `jingzhun` binary, killed with SIGKILL while it
//! writes a 50,000-row import, leaves nothing of it, on SQLite (a file) and on PostgreSQL.

use std::path::{Path, PathBuf};
use std::process::Stdio;
use std::time::{Duration, Instant};

use jingzhun::{demo, startup};
use jingzhun_shared::registry::{HouseholdQuery, IMPORT_COLUMNS, ImportQuery};
use jingzhun_shared::{Api, ClientError, IdCardNo};
use sea_orm::{ConnectionTrait, Statement};
use tokio::io::{AsyncBufReadExt, BufReader};
use tokio::process::{Child, Command};

use crate::helpers::{TestDatabase, workspace_root};

/// The server binary of the suite's own profile and target folder, built (or found up to
/// date) by cargo, so the test runs the code under test.
async fn server_binary() -> PathBuf {
    let exe = std::env::current_exe().expect("the test binary's path");
    // …/target/<profile>/deps/suite-…
    let profile_dir = exe.parent().and_then(Path::parent).expect("a profile folder").to_path_buf();
    let target_dir = profile_dir.parent().expect("a target folder").to_path_buf();
    let profile = match profile_dir.file_name().and_then(|n| n.to_str()) {
        Some("debug") => "dev".to_owned(),
        Some(name) => name.to_owned(),
        None => panic!("no profile folder in {}", exe.display()),
    };
    let mut cargo = Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned()));
    // What cargo set for this test's own run would make build scripts that watch it rerun.
    for (name, _) in std::env::vars_os() {
        if name.to_str().is_some_and(|n| n.starts_with("CARGO_") && n != "CARGO_HOME") || name == "OUT_DIR" {
            cargo.env_remove(name);
        }
    }
    let status = cargo
        .args(["build", "--quiet", "-p", "jingzhun-backend", "--bin", "jingzhun", "--profile", &profile])
        .arg("--target-dir")
        .arg(&target_dir)
        .current_dir(workspace_root())
        .status()
        .await
        .expect("cargo runs");
    assert!(status.success(), "cargo build of the server binary failed");
    profile_dir.join("jingzhun")
}

/// The server as a child process on `database`, and its address.
struct Server {
    child: Child,
    base: String,
}

impl Server {
    async fn start(binary: &Path, database: &TestDatabase) -> Server {
        let mut child = Command::new(binary)
            .args(["serve", "--bind", "127.0.0.1:0", "--database", &database.url])
            .current_dir(&database.dir.0)
            .env("RUST_LOG", "warn")
            .stdout(Stdio::piped())
            .kill_on_drop(true)
            .spawn()
            .expect("the server starts");
        let mut lines = BufReader::new(child.stdout.take().expect("stdout")).lines();
        let base = loop {
            let line = tokio::time::timeout(Duration::from_secs(60), lines.next_line())
                .await
                .expect("the server says where it listens within a minute")
                .expect("stdout readable")
                .expect("the server prints its address before it ends");
            if let Some(at) = line.find("http://") {
                break line[at..].trim().to_owned();
            }
        };
        // Keep reading so a full pipe never stalls the server.
        tokio::spawn(async move { while let Ok(Some(_)) = lines.next_line().await {} });
        Server { child, base }
    }

    /// `kill -9`.
    async fn kill(mut self) {
        self.child.start_kill().expect("SIGKILL sent");
        self.child.wait().await.expect("the server ended");
    }
}

/// `rows` new households of one member each in 张村.
pub(crate) fn households_file(rows: u32) -> Vec<u8> {
    let mut text = IMPORT_COLUMNS.join(",");
    for n in 0..rows {
        let first17 =
            format!("34100419{:02}{:02}{:02}{:03}", 40 + n / 3000, 1 + (n / 250) % 12, 1 + (n / 10) % 25, n % 1000);
        let card = IdCardNo::complete(&first17).expect("valid").as_str().to_owned();
        text.push_str(&format!("\n341002003,{card},一般贫困户,因病,,户{n},{card},户主,健康,普通劳动力"));
    }
    text.into_bytes()
}

async fn count(database: &TestDatabase, table: &str) -> i64 {
    let db = startup::connect_and_migrate(&database.url).await.expect("database opens");
    let backend = db.get_database_backend();
    let sql = format!("SELECT COUNT(*) AS n FROM {table}");
    let row = db.query_one_raw(Statement::from_string(backend, sql)).await.expect("count").expect("a row");
    let n = row.try_get::<i64>("", "n").expect("a number");
    db.close().await.expect("closed");
    n
}

#[tokio::test]
async fn a_server_killed_while_it_writes_an_import_leaves_nothing_of_it() {
    let database = TestDatabase::new().await;
    let db = startup::connect_and_migrate(&database.url).await.expect("database migrates");
    demo::load(&db).await.expect("demo accounts");
    db.close().await.expect("closed");
    let binary = server_binary().await;
    let file = households_file(50_000);
    let server = Server::start(&binary, &database).await;
    let login = Api::new(server.base.clone()).login("clerk", demo::DEMO_PASSWORD).await.expect("logged in");
    let clerk = Api::new(server.base.clone()).with_token(login.token);
    let query = ImportQuery { format: "csv".into(), commit: true, progress: Some("crash".into()), initial_load: false };
    let importing = tokio::spawn({
        let clerk = clerk.clone();
        async move { clerk.import_households(&query, file).await }
    });

    // Kill it once members are being written, inside the import's transaction.
    let started = Instant::now();
    loop {
        if let Ok(p) = clerk.import_progress("crash").await
            && p.phase == "writing"
            && p.processed > 0
        {
            break;
        }
        assert!(started.elapsed() < Duration::from_secs(300), "the import reaches its write phase");
        if importing.is_finished() {
            panic!("the import ended before it could be killed: {:?}", importing.await);
        }
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    server.kill().await;

    let answer = importing.await.expect("task");
    assert!(matches!(answer, Err(ClientError::Network(_))), "the killed server never answered: {answer:?}");
    assert_eq!(count(&database, "household").await, 0);
    assert_eq!(count(&database, "member").await, 0);
    let server = Server::start(&binary, &database).await;
    let login = Api::new(server.base.clone()).login("clerk", demo::DEMO_PASSWORD).await.expect("logged in again");
    let clerk = Api::new(server.base.clone()).with_token(login.token);
    let listed = clerk.households(&HouseholdQuery::default()).await.expect("the restarted server answers");
    assert_eq!(listed.total, 0, "no household of the file after the restart");
    server.kill().await;
}
