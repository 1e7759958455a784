//! `cargo xtask build|run|test|bench`: the project's own build tool, so a fresh clone needs
//! nothing but Rust (and, for browser tests, Debian's chromium and chromium-driver).

mod bundle;
mod http_bench;
mod wasm_fix;

use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};
use std::time::{Duration, Instant};

type Result<T = ()> = std::result::Result<T, String>;

const USAGE: &str = "usage: cargo xtask <command>
  build          build the wasm frontend into dist/ and the server in release
  bundle         build only the wasm frontend into dist/ (what the browser tests load)
  run            build, then serve the demo district on http://127.0.0.1:8080
  test           the whole suite: unit, API (SQLite, and PostgreSQL when TEST_DATABASE_URL is set), browser,
                 clippy, then schemathesis against a demo server as every role (when installed); prints
                 the wall time of each step and the total
  bench registry import a province-sized registry through the API (rows/s), then time list and
                 ID-card search (p50/p95) on SQLite and, with TEST_DATABASE_URL, PostgreSQL;
                 BENCH_HOUSEHOLDS sets the size (default 1,000,000)
  bench funds    write a province-sized ledger (BENCH_PROJECTS, default 1,000,000 projects with
                 five expenditures each), then time the year's rates for the district and for
                 one township through the API (p50/p95); BENCH_ENGINE=sqlite|postgresql picks one
  bench bundle   build the wasm frontend (the app and the login module) and print each asset's
                 raw, gzip -9 and brotli -11 size, and what the login page and the app each
                 transfer with an empty cache
  bench http     the release server with the demo (SQLite): wrk -t2 -c32 on /healthz and the
                 request path (auth/me, a household, a page of 50, the overview), req/s, p99 and
                 each as a share of /healthz; BENCH_SECS per route (default 10); needs wrk;
                 BENCH_DATABASE=url serves that database instead (e.g. the PostgreSQL jz_bench
                 that `bench registry` leaves with a province's registry)
  bench claims   import a registry (BENCH_HOUSEHOLDS), then settlements (BENCH_CLAIMS, default
                 1,000,000) through the API with the 351 / 180 computed (rows/s), then time the
                 year's health figures for the district (p50/p95)
  bench credit   import a registry, write BENCH_LOANS loans (default 500,000) with six repayments
                 each, then time the 2020 Q3 interest-subsidy batch and the year's credit figures
                 for the district (p50/p95) through the API
  bench report   build a province through the paths above (BENCH_HOUSEHOLDS, BENCH_CLAIMS,
                 BENCH_LOANS, BENCH_PROJECTS), then time the 2020 annual report for the district
                 and one township, cold and warm (p50/p95 of BENCH_REPORT_SAMPLES, default 20),
                 and each section's route beside one hand-written SQL query
  bench warnings import a registry (BENCH_HOUSEHOLDS), write two years' incomes, a claim for
                 every household and loans for every fourth, then time every return-to-poverty
                 rule of 2020 over the district through the API (goal < 60 s), and a second run

environment for `test`:
  TEST_DATABASE_URL     postgres://user@host:port/db used to create a fresh database per test
  JINGZHUN_REQUIRE_ALL  1 = fail (not skip) when PostgreSQL, Chromium/chromedriver or schemathesis is missing
  UPDATE_SCHEMA_SNAPSHOT 1 = rewrite tests/snapshots/schema.<engine>.txt instead of comparing";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
        Some("build") => build(),
        Some("bundle") => bundle::build_frontend(),
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

/// The workspace this run belongs to: `cargo run` sets `CARGO_MANIFEST_DIR` at run time, so a
/// binary reused from a target directory shared by several checkouts still works on the one it
/// was started from; the compile-time value is the fallback.
pub fn root() -> PathBuf {
    let manifest = std::env::var_os("CARGO_MANIFEST_DIR").map(PathBuf::from);
    let manifest = manifest.unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")));
    manifest.parent().map(Path::to_path_buf).unwrap_or_default()
}

/// Runs a command in the workspace root, failing with its name when it fails.
pub fn run_cmd(cmd: &mut Command) -> Result {
    cmd.current_dir(root());
    let shown = shown(cmd);
    eprintln!("$ {shown}");
    let status = cmd.status().map_err(|e| format!("cannot start {shown}: {e}"))?;
    if status.success() { Ok(()) } else { Err(format!("failed ({status}): {shown}")) }
}

/// The command as a shell line: variables it sets, program, arguments (not the ones it removes).
fn shown(cmd: &Command) -> String {
    let mut line = String::new();
    for (name, value) in cmd.get_envs() {
        if let Some(value) = value {
            line.push_str(&format!("{}={:?} ", name.to_string_lossy(), value.to_string_lossy()));
        }
    }
    line.push_str(&cmd.get_program().to_string_lossy());
    for arg in cmd.get_args() {
        line.push(' ');
        line.push_str(&arg.to_string_lossy());
    }
    line
}

/// Where cargo writes its output: `CARGO_TARGET_DIR` when set (relative to the workspace
/// root, as cargo reads it there), else `target/`.
pub fn target_dir() -> PathBuf {
    match std::env::var_os("CARGO_TARGET_DIR") {
        Some(dir) if !dir.is_empty() => root().join(dir),
        _ => root().join("target"),
    }
}

/// A cargo command with the environment a user's shell would give it. `cargo xtask` runs this
/// tool through `cargo run`, which sets xtask's own CARGO_MANIFEST_DIR, CARGO_PKG_NAME and the
/// like; build scripts that watch those (ring's does, via `rerun-if-env-changed`) would then see
/// different values under xtask than under a plain `cargo build`, and each would rebuild them and
/// everything above them for the other.
pub fn cargo() -> Command {
    let mut cmd = Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned()));
    for (name, _) in std::env::vars_os() {
        let set_by_cargo_run = name.to_str().is_some_and(|name| {
            name.starts_with("CARGO_PKG_")
                || name.starts_with("CARGO_MANIFEST_")
                || ["CARGO_CRATE_NAME", "CARGO_BIN_NAME", "CARGO_PRIMARY_PACKAGE", "CARGO_RUSTC_CURRENT_DIR", "OUT_DIR"]
                    .contains(&name)
        });
        if set_by_cargo_run {
            cmd.env_remove(name);
        }
    }
    cmd
}

fn build() -> Result {
    bundle::build_frontend()?;
    // The same feature set as a plain `cargo build --release --bin jingzhun` (workspace-hack).
    run_cmd(cargo().args(["build", "--release", "-p", "jingzhun-backend", "--bin", "jingzhun"]))
}

fn run() -> Result {
    build()?;
    let binary = target_dir().join("release/jingzhun");
    run_cmd(Command::new(binary).args([
        "serve",
        "--demo",
        "--bind",
        "127.0.0.1:8080",
        "--database",
        "sqlite://data/jingzhun.db?mode=rwc",
    ]))
}

/// The schemathesis release the API is fuzzed with (CI installs it).
const SCHEMATHESIS: &str = "schemathesis==4.32.5";

/// Every route of a demo server, as every role, with generated requests: no answer may be a
/// server error (`xtask/schemathesis.py` starts the server and runs schemathesis per role).
fn schemathesis() -> Result {
    run_cmd(cargo().args(["build", "-p", "jingzhun-backend", "--bin", "jingzhun"]))?;
    let binary = target_dir().join("debug/jingzhun");
    run_cmd(Command::new("python3").arg(root().join("xtask/schemathesis.py")).arg(binary).arg(root().join("dist")))
}

fn on_path(program: &str) -> bool {
    std::env::var_os("PATH").is_some_and(|paths| std::env::split_paths(&paths).any(|dir| dir.join(program).is_file()))
}

/// The pinned axe-core the accessibility test injects into pages.
const AXE_CORE: &str = "axe-core@4.10.3";

/// `axe.min.js`, installed with npm into the target directory when it is not there yet (only a
/// test reads it; nothing of it reaches the application).
fn axe_core() -> Result<PathBuf> {
    let prefix = target_dir().join("axe");
    let script = prefix.join("node_modules/axe-core/axe.min.js");
    if !script.is_file() {
        if !on_path("npm") {
            return Err(format!("axe-core is not installed and npm is not on PATH (npm install {AXE_CORE})"));
        }
        run_cmd(
            Command::new("npm")
                .args(["install", "--no-save", "--no-package-lock", "--no-audit", "--no-fund", "--prefix"])
                .arg(&prefix)
                .arg(AXE_CORE),
        )?;
    }
    Ok(script)
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
    let fuzz = on_path("schemathesis");
    if require_all() && !fuzz {
        return Err(format!("JINGZHUN_REQUIRE_ALL=1 but schemathesis is not on PATH (pip install {SCHEMATHESIS})"));
    }
    // The accessibility test injects axe-core into each page; a missing copy fails it.
    let axe = match browser.then(axe_core) {
        Some(Ok(path)) => Some(path),
        Some(Err(e)) if require_all() => return Err(e),
        Some(Err(e)) => {
            eprintln!("WARNING: {e}; the accessibility browser test will fail");
            None
        }
        None => None,
    };
    let mut steps = Steps::default();
    let result = test_steps(&mut steps, browser, postgres, axe.as_deref())
        .and_then(|()| if fuzz { steps.run("schemathesis", schemathesis) } else { Ok(()) });
    steps.report();
    result?;

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
    if !fuzz {
        eprintln!("WARNING: schemathesis did NOT run: pip install {SCHEMATHESIS}.");
    }
    Ok(())
}

/// The steps of `cargo xtask test`. Every native step selects the default members (what a plain
/// `cargo test` or `cargo build` selects) or a subset of them; all of those depend on the
/// workspace-hack crate, so each third-party crate is built with one feature set and the
/// PostgreSQL run reuses the SQLite run's build.
fn test_steps(steps: &mut Steps, browser: bool, postgres: bool, axe: Option<&Path>) -> Result {
    // The browser tests load the real bundle.
    steps.run("bundle build", bundle::build_frontend)?;

    steps.run("SQLite tests", || {
        let mut sqlite = cargo();
        sqlite.arg("test");
        if !browser {
            sqlite.args(["--", "--skip", "browser::"]);
        }
        if let Some(axe) = axe {
            sqlite.env("AXE_CORE_JS", axe);
        }
        run_cmd(sqlite.env("JINGZHUN_TEST_DB", "sqlite"))
    })?;

    if postgres {
        steps.run("PostgreSQL tests", || {
            run_cmd(
                cargo()
                    .args(["test", "-p", "jingzhun-tests", "--test", "suite", "--", "api::"])
                    .env("JINGZHUN_TEST_DB", "postgres"),
            )
        })?;
    }
    if on_path("cargo-hakari") {
        steps.run("workspace-hack check", || {
            // Fails when a member's dependencies changed and `cargo hakari generate` was not rerun.
            run_cmd(cargo().args(["hakari", "generate", "--diff"]))?;
            run_cmd(cargo().args(["hakari", "manage-deps", "--dry-run"]))
        })?;
    } else {
        eprintln!("note: cargo-hakari not installed; not checking that workspace-hack is up to date");
    }
    steps.run("clippy native", || {
        run_cmd(cargo().args(["clippy", "--all-targets", "--", "-D", "warnings"]))?;
        // xtask is not a default member: `cargo xtask` builds it alone, so it is linted alone.
        run_cmd(cargo().args(["clippy", "-p", "xtask", "--all-targets", "--", "-D", "warnings"]))
    })?;
    steps.run("clippy wasm", || {
        let wasm = ["--target", "wasm32-unknown-unknown"];
        run_cmd(cargo().args(["clippy", "-p", "jingzhun-frontend"]).args(wasm).args(["--", "-D", "warnings"]))?;
        // The login module with its entry point, which the app's build leaves out.
        run_cmd(
            cargo()
                .args(["clippy", "-p", "jingzhun-login", "--features", "entry"])
                .args(wasm)
                .args(["--", "-D", "warnings"]),
        )
    })
}

/// Wall time of each step, printed as it ends and again, with the total, at the end.
#[derive(Default)]
struct Steps {
    done: Vec<(&'static str, Duration, bool)>,
}

impl Steps {
    fn run(&mut self, name: &'static str, step: impl FnOnce() -> Result) -> Result {
        eprintln!("== {name} ==");
        let started = Instant::now();
        let result = step();
        let took = started.elapsed();
        eprintln!("== {name}: {} in {:.1} s ==", if result.is_ok() { "done" } else { "FAILED" }, took.as_secs_f64());
        self.done.push((name, took, result.is_ok()));
        result
    }

    fn report(&self) {
        eprintln!("wall time per step:");
        for (name, took, ok) in &self.done {
            eprintln!("  {name:<18} {:>8.1} s{}", took.as_secs_f64(), if *ok { "" } else { "  (failed)" });
        }
        let total: Duration = self.done.iter().map(|(_, took, _)| *took).sum();
        eprintln!("  {:<18} {:>8.1} s", "total", total.as_secs_f64());
    }
}

fn bench(args: &[String]) -> Result {
    match args.first().map(String::as_str) {
        Some(which @ ("registry" | "funds" | "claims" | "credit" | "report" | "warnings")) => {
            run_cmd(cargo().args(["run", "--release", "-p", "jingzhun-tests", "--bin", "bench", "--", which]))
        }
        Some("bundle") => bundle::build_frontend(),
        Some("http") => http_bench::run(),
        _ => Err(format!("which benchmark?\n{USAGE}")),
    }
}
