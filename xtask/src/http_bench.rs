//! `cargo xtask bench http`: the request path's throughput, each request as a share of the same
//! server's `/healthz` in one run. The release server serves the demo district from a fresh
//! SQLite file; `wrk -t2 -c32` (Debian's `wrk`) loads each route for `BENCH_SECS` seconds
//! (default 10) as the district official. Request logging is at `warn`, as in production.
//! `BENCH_SERVER=path` measures that server binary instead of building this checkout's.
//! `BENCH_DATABASE=url` serves that database instead of a fresh demo (for example the
//! PostgreSQL database `jz_bench` that `bench registry` leaves with a province's registry and
//! the demo accounts); nothing is written to it but what the routes themselves write.

use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use crate::{Result, cargo, root, run_cmd, target_dir};

/// The routes measured, after `/healthz`.
const ROUTES: [&str; 5] = [
    "/api/v1/auth/me",
    "/api/v1/org-units/1",
    "/api/v1/households/1",
    "/api/v1/households?per_page=50",
    "/api/v1/registry/overview",
];

/// Stops the server when the bench ends, however it ends.
struct Server(Child);

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

pub fn run() -> Result {
    if Command::new("wrk").arg("--version").output().is_err() {
        return Err("wrk not found (apt-get install wrk)".to_owned());
    }
    // `BENCH_SERVER` measures another build of the server (an earlier commit's, say) the same way.
    let binary = match std::env::var_os("BENCH_SERVER") {
        Some(binary) => std::path::PathBuf::from(binary),
        None => {
            run_cmd(cargo().args(["build", "--release", "-p", "jingzhun-backend", "--bin", "jingzhun"]))?;
            target_dir().join("release/jingzhun")
        }
    };
    let dir = std::env::temp_dir().join(format!("jingzhun-bench-http-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).map_err(|e| format!("create {}: {e}", dir.display()))?;
    let port = free_port()?;
    let base = format!("http://127.0.0.1:{port}");
    let given = std::env::var("BENCH_DATABASE").ok().filter(|url| !url.is_empty());
    let database = given.clone().unwrap_or_else(|| format!("sqlite://{}?mode=rwc", dir.join("bench.db").display()));
    let engine = if database.starts_with("postgres") { "PostgreSQL" } else { "SQLite" };
    let data = if given.is_some() { "BENCH_DATABASE" } else { "demo" };
    let child = Command::new(&binary)
        .args(["serve", "--bind", &format!("127.0.0.1:{port}")])
        .args(if given.is_some() { None } else { Some("--demo") })
        .arg("--database")
        .arg(&database)
        .env("JINGZHUN_DATA_DIR", &dir)
        .env("JINGZHUN_STATIC_DIR", root().join("dist"))
        .env("RUST_LOG", "warn")
        .stdout(Stdio::null())
        .spawn()
        .map_err(|e| format!("start the server: {e}"))?;
    let _server = Server(child);
    wait_until_up(&base)?;
    let token = log_in(&base)?;
    let secs = std::env::var("BENCH_SECS").unwrap_or_else(|_| "10".to_owned());
    let ceiling = load(&format!("{base}/healthz"), None, &secs)?;
    eprintln!("http ({engine} {data}, wrk -t2 -c32 -d{secs}s)      req/s    p99 ms   share of /healthz");
    eprintln!("  {:<34} {:>9.0} {:>9.2} {:>8}", "/healthz", ceiling.per_sec, ceiling.p99_ms, "1");
    for route in ROUTES {
        let measured = load(&format!("{base}{route}"), Some(&token), &secs)?;
        let share = measured.per_sec / ceiling.per_sec;
        eprintln!("  {route:<34} {:>9.0} {:>9.2} {share:>8.3}", measured.per_sec, measured.p99_ms);
    }
    let _ = std::fs::remove_dir_all(&dir);
    Ok(())
}

fn free_port() -> Result<u16> {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").map_err(|e| e.to_string())?;
    listener.local_addr().map(|a| a.port()).map_err(|e| e.to_string())
}

fn wait_until_up(base: &str) -> Result {
    let started = Instant::now();
    while started.elapsed() < Duration::from_secs(120) {
        let up = Command::new("curl").args(["-sf", &format!("{base}/healthz")]).output();
        if up.is_ok_and(|o| o.status.success()) {
            return Ok(());
        }
        std::thread::sleep(Duration::from_millis(250));
    }
    Err("the server did not answer /healthz within 2 minutes".to_owned())
}

fn log_in(base: &str) -> Result<String> {
    let out = Command::new("curl")
        .args(["-sf", "-H", "Content-Type: application/json", "-d"])
        .arg(r#"{"username":"district","password":"jingzhun-demo"}"#)
        .arg(format!("{base}/api/v1/auth/login"))
        .output()
        .map_err(|e| format!("curl: {e}"))?;
    let body = String::from_utf8_lossy(&out.stdout);
    let token = body.split("\"token\":\"").nth(1).and_then(|rest| rest.split('"').next());
    token.map(str::to_owned).ok_or_else(|| format!("login failed: {body}"))
}

/// What wrk measured for one route.
struct Measured {
    per_sec: f64,
    p99_ms: f64,
}

fn load(url: &str, token: Option<&str>, secs: &str) -> Result<Measured> {
    let mut cmd = Command::new("wrk");
    cmd.args(["-t2", "-c32", &format!("-d{secs}s"), "--latency"]);
    if let Some(token) = token {
        cmd.args(["-H", &format!("Authorization: Bearer {token}")]);
    }
    let out = cmd.arg(url).output().map_err(|e| format!("wrk: {e}"))?;
    let text = String::from_utf8_lossy(&out.stdout);
    if text.contains("Non-2xx") {
        return Err(format!("{url} answered errors under load:\n{text}"));
    }
    let per_sec = field(&text, "Requests/sec:").and_then(|v| v.parse().ok());
    let p99_ms = field(&text, "99%").and_then(to_ms);
    match (per_sec, p99_ms) {
        (Some(per_sec), Some(p99_ms)) => Ok(Measured { per_sec, p99_ms }),
        _ => Err(format!("cannot read wrk's output for {url}:\n{text}")),
    }
}

/// The first word after `label` on the line that starts with it.
fn field<'a>(text: &'a str, label: &str) -> Option<&'a str> {
    text.lines().find_map(|l| l.trim().strip_prefix(label)).and_then(|rest| rest.split_whitespace().next())
}

/// wrk's latency (`850.00us`, `1.20ms`, `2.01s`) in milliseconds.
fn to_ms(value: &str) -> Option<f64> {
    let (number, factor) = if let Some(n) = value.strip_suffix("us") {
        (n, 0.001)
    } else if let Some(n) = value.strip_suffix("ms") {
        (n, 1.0)
    } else if let Some(n) = value.strip_suffix('s') {
        (n, 1000.0)
    } else {
        (value, 1.0)
    };
    number.parse::<f64>().ok().map(|n| n * factor)
}
