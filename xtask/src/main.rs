//! `cargo xtask build|run|test|bench`: the project's own build tool, so a fresh clone needs
//! nothing but Rust (and, for browser tests, Debian's chromium and chromium-driver).

mod bundle;
mod wasm_fix;

use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};

type Result<T = ()> = std::result::Result<T, String>;

const USAGE: &str = "usage: cargo xtask <command>
  build          build the wasm frontend into dist/ and the server in release
  run            build, then serve the demo district on http://127.0.0.1:8080
  test           the whole suite: unit, API (SQLite, and PostgreSQL when TEST_DATABASE_URL is set), browser
  bench registry import a province-sized registry through the API (rows/s), then time list and
                 ID-card search (p50/p95) on SQLite and, with TEST_DATABASE_URL, PostgreSQL;
                 BENCH_HOUSEHOLDS sets the size (default 1,000,000)
  bench funds    write a province-sized ledger (BENCH_PROJECTS, default 1,000,000 projects with
                 five expenditures each), then time the year's rates for the district and for
                 one township through the API (p50/p95); BENCH_ENGINE=sqlite|postgresql picks one

environment for `test`:
  TEST_DATABASE_URL     postgres://user@host:port/db used to create a fresh database per test
  JINGZHUN_REQUIRE_ALL  1 = fail (not skip) when PostgreSQL or Chromium/chromedriver is missing";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
        Some("build") => build(),
        Some("run") => run(),
        Some("test") => test(),
        Some("bench") => bench(&args[1..]),
        _ => Err(USAGE.to_owned()),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("xtask: {message}");
            ExitCode::FAILURE
        }
    }
}

pub fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().map(Path::to_path_buf).unwrap_or_default()
}

/// Runs a command in the workspace root, failing with its name when it fails.
pub fn run_cmd(cmd: &mut Command) -> Result {
    cmd.current_dir(root());
    let shown = format!("{cmd:?}");
    eprintln!("$ {shown}");
    let status = cmd.status().map_err(|e| format!("cannot start {shown}: {e}"))?;
    if status.success() { Ok(()) } else { Err(format!("failed ({status}): {shown}")) }
}

pub fn cargo() -> Command {
    Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned()))
}

fn build() -> Result {
    bundle::build_frontend()?;
    run_cmd(cargo().args(["build", "--release", "-p", "jingzhun-backend"]))
}

fn run() -> Result {
    build()?;
    let binary = root().join("target/release/jingzhun");
    run_cmd(Command::new(binary).args([
        "serve",
        "--demo",
        "--bind",
        "127.0.0.1:8080",
        "--database",
        "sqlite://data/jingzhun.db?mode=rwc",
    ]))
}

fn on_path(program: &str) -> bool {
    std::env::var_os("PATH").is_some_and(|paths| std::env::split_paths(&paths).any(|dir| dir.join(program).is_file()))
}

fn require_all() -> bool {
    std::env::var("JINGZHUN_REQUIRE_ALL").is_ok_and(|v| v == "1")
}

fn test() -> Result {
    let browser = on_path("chromedriver") && (on_path("chromium") || on_path("chromium-browser"));
    let postgres = std::env::var("TEST_DATABASE_URL").is_ok_and(|v| !v.is_empty());
    if require_all() && !browser {
        return Err("JINGZHUN_REQUIRE_ALL=1 but chromium/chromedriver are not on PATH (apt-get install chromium chromium-driver)".into());
    }
    if require_all() && !postgres {
        return Err("JINGZHUN_REQUIRE_ALL=1 but TEST_DATABASE_URL is not set".into());
    }
    // The browser tests load the real bundle.
    bundle::build_frontend()?;

    let mut sqlite = cargo();
    sqlite.args(["test", "--workspace", "--exclude", "jingzhun-frontend"]);
    if !browser {
        sqlite.args(["--", "--skip", "browser::"]);
    }
    run_cmd(sqlite.env("JINGZHUN_TEST_DB", "sqlite"))?;

    if postgres {
        eprintln!("== the API tests again, on PostgreSQL ==");
        run_cmd(
            cargo()
                .args(["test", "-p", "jingzhun-tests", "--test", "suite", "--", "api::"])
                .env("JINGZHUN_TEST_DB", "postgres"),
        )?;
    }
    run_cmd(cargo().args([
        "clippy",
        "--workspace",
        "--all-targets",
        "--exclude",
        "jingzhun-frontend",
        "--",
        "-D",
        "warnings",
    ]))?;
    run_cmd(cargo().args([
        "clippy",
        "-p",
        "jingzhun-frontend",
        "--target",
        "wasm32-unknown-unknown",
        "--",
        "-D",
        "warnings",
    ]))?;

    if !browser {
        eprintln!(
            "WARNING: browser tests were NOT run: chromium/chromedriver not found (apt-get install chromium chromium-driver)."
        );
    }
    if !postgres {
        eprintln!(
            "WARNING: PostgreSQL tests were NOT run: set TEST_DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres."
        );
    }
    Ok(())
}

fn bench(args: &[String]) -> Result {
    match args.first().map(String::as_str) {
        Some(which @ ("registry" | "funds")) => {
            run_cmd(cargo().args(["run", "--release", "-p", "jingzhun-tests", "--bin", "bench", "--", which]))
        }
        _ => Err(format!("which benchmark?\n{USAGE}")),
    }
}
