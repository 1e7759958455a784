//! Wiring: database, migrations, secrets, middleware, routes and the frontend, in one place.

use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use actix_web::body::MessageBody;
use actix_web::dev::{Server, ServiceRequest, ServiceResponse};
use actix_web::middleware::{Compress, DefaultHeaders, Next, from_fn};
use actix_web::{App, HttpRequest, HttpResponse, HttpServer, error::InternalError, web};
use jingzhun_migrations::{Migrator, MigratorTrait};
use sea_orm::{ConnectOptions, Database, DatabaseConnection};
use utoipa_actix_web::AppExt;

use crate::auth::{Argon2Gate, JwtKeys};
use crate::clock::Clock;
use crate::config::Config;
use crate::error::AppError;
use crate::progress::ProgressBoard;
use crate::routes::system::ApiDocument;
use crate::services::org::throttle::Throttle;
use crate::state::AppState;
use crate::{openapi, routes};

mod lock;

/// Largest JSON body accepted; spreadsheet uploads get their own limit.
const JSON_LIMIT: usize = 1024 * 1024;

/// The page may run only our own scripts (and compile our own wasm); nothing from elsewhere.
const CSP: &str = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self' 'unsafe-inline'; \
img-src 'self' data:; connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'self'; \
form-action 'self'; frame-ancestors 'none'";

/// How long a SQLite write waits for another writer to finish.
const SQLITE_BUSY_TIMEOUT: std::time::Duration = std::time::Duration::from_secs(20);

/// Connects to the database of `url`, creating a SQLite file's folder when needed, and
/// brings the schema up to date (see [`connect_and_prepare`]).
pub async fn connect_and_migrate(url: &str) -> Result<DatabaseConnection, String> {
    connect_and_prepare(url, async |_| Ok(())).await
}

/// Connects, migrates and then runs `prepare` (first-start accounts, demo data) under the start
/// lock. Several instances (or `jingzhun migrate` beside a server) may start at once: each
/// first takes the lock — on PostgreSQL a session advisory lock on a connection of its own, on
/// SQLite an exclusive lock on a file beside the database — so one migrates and seeds, and the
/// others then find nothing left to do.
pub async fn connect_and_prepare(
    url: &str,
    prepare: impl AsyncFnOnce(&DatabaseConnection) -> Result<(), String>,
) -> Result<DatabaseConnection, String> {
    if let Some(path) = sqlite_file(url)
        && let Some(dir) = Path::new(&path).parent()
        && !dir.as_os_str().is_empty()
    {
        std::fs::create_dir_all(dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
    }
    let mut options = ConnectOptions::new(url.to_owned());
    let sqlite = url.starts_with("sqlite");
    options.sqlx_logging(false).max_connections(if sqlite { 4 } else { 16 });
    // A pooled connection is pinged before use only when it may have gone stale: never for a
    // SQLite file in this process, after half a minute idle for a PostgreSQL server. Pinging on
    // every use cost a round trip per query (seven for a page of households).
    if sqlite {
        options.test_before_acquire(false);
    } else {
        options.test_before_acquire_if_idle_for(Duration::from_secs(30));
    }
    // A write waits this long for SQLite's write lock (taken at `BEGIN IMMEDIATE`, see
    // `services::txn`) before the request gives up with 503; a long import holds it for seconds.
    options.map_sqlx_sqlite_opts(|sqlite| sqlite.busy_timeout(SQLITE_BUSY_TIMEOUT));
    // PostgreSQL compiles a query to machine code (JIT) when its plan looks costly: 506 ms
    // before the first row of the report's social-security query for a province, 56–88 ms for
    // its out-of-school count (see the README's report benchmark). Off for this pool's
    // sessions, whatever the server's default; a pooler in between must pass the startup
    // option on (README, Configure).
    options.map_sqlx_postgres_opts(|pg| pg.options([("jit", "off")]));
    let db = Database::connect(options).await.map_err(|e| format!("cannot connect to the database: {e}"))?;
    if sqlite {
        // WAL lets readers go on while one writer writes.
        use sea_orm::ConnectionTrait;
        db.execute_unprepared("PRAGMA journal_mode=WAL; PRAGMA foreign_keys=ON;")
            .await
            .map_err(|e| format!("cannot configure SQLite: {e}"))?;
    }
    let lock = lock::StartLock::take(url, &db).await?;
    let prepared = async {
        Migrator::up(&db, None).await.map_err(|e| format!("migration failed: {e}"))?;
        crate::services::credit::tally::fill_if_empty(&db)
            .await
            .map_err(|e| format!("cannot fill the microcredit tallies: {e:?}"))?;
        prepare(&db).await
    }
    .await;
    lock.release().await;
    prepared.map(|()| db)
}

pub(crate) fn sqlite_file(url: &str) -> Option<String> {
    let rest = url.strip_prefix("sqlite://").or_else(|| url.strip_prefix("sqlite:"))?;
    let path = rest.split('?').next().unwrap_or_default();
    (!path.is_empty() && path != ":memory:").then(|| path.to_owned())
}

/// The configured JWT secret, or the one kept in the data folder, made (mode 0600) on first
/// start. A secret file that is there but cannot be read, or is too short, stops the start:
/// replacing it would silently log everybody out and hide a broken disk or a tampered file.
pub fn jwt_secret(config: &Config) -> Result<Vec<u8>, String> {
    if let Some(secret) = &config.jwt_secret {
        return Ok(secret.as_bytes().to_vec());
    }
    let path = config.data_dir.join("jwt_secret");
    match std::fs::read_to_string(&path) {
        Ok(text) => return secret_from_file(&path, &text),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
        Err(e) => return Err(format!("cannot read the JWT secret {}: {e}", path.display())),
    }
    std::fs::create_dir_all(&config.data_dir)
        .map_err(|e| format!("cannot create {}: {e}", config.data_dir.display()))?;
    let secret = crate::random_token(48);
    match write_private(&path, &secret) {
        Ok(()) => Ok(secret.into_bytes()),
        // Another instance made it first: use theirs.
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => std::fs::read_to_string(&path)
            .map_err(|e| format!("cannot read the JWT secret {}: {e}", path.display()))
            .and_then(|text| secret_from_file(&path, &text)),
        Err(e) => Err(format!("cannot write {}: {e}", path.display())),
    }
}

fn secret_from_file(path: &Path, text: &str) -> Result<Vec<u8>, String> {
    let secret = text.trim();
    if secret.len() < 32 {
        return Err(format!("the JWT secret {} is shorter than 32 bytes; fix or remove it", path.display()));
    }
    Ok(secret.as_bytes().to_vec())
}

fn write_private(path: &Path, content: &str) -> std::io::Result<()> {
    use std::io::Write;
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    options.open(path)?.write_all(content.as_bytes())
}

/// A server bound and ready to be awaited, with the state its handlers share (for tests
/// that look inside, such as at the login throttle's size).
pub struct Running {
    pub port: u16,
    pub server: Server,
    pub state: std::sync::Arc<AppState>,
}

/// Binds `config.bind` and builds the server over `db`.
pub fn start(config: &Config, db: DatabaseConnection) -> Result<Running, String> {
    let secret = jwt_secret(config)?;
    let throttle = Throttle::for_database(config.login_throttle, &db);
    let imports = ProgressBoard::for_database(&db);
    let state = web::Data::new(AppState {
        db,
        keys: JwtKeys::new(&secret),
        tokens: Default::default(),
        token_ttl_secs: config.token_ttl_secs,
        throttle,
        argon2: Argon2Gate::default(),
        trust_forwarded_for: config.trust_forwarded_for,
        imports,
        clock: config.today.map(Clock::fixed).unwrap_or_default(),
        photos: crate::services::photos::PhotoStore::new(&config.data_dir),
        attachments: crate::services::attachments::AttachmentStore::new(
            &config.data_dir,
            config.attachment_pdf_limit_mib,
        ),
        registry_past_cap: Default::default(),
    });
    let document = web::Data::new(ApiDocument(openapi::json()?));
    let listener = TcpListener::bind(&config.bind).map_err(|e| format!("cannot bind {}: {e}", config.bind))?;
    let port = listener.local_addr().map_err(|e| e.to_string())?.port();
    let static_dir = config.static_dir.clone();
    let shared = state.clone();
    let mut server = HttpServer::new(move || {
        App::new()
            .app_data(state.clone())
            .app_data(document.clone())
            .app_data(web::JsonConfig::default().limit(JSON_LIMIT).error_handler(json_error))
            .app_data(web::QueryConfig::default().error_handler(|e, _| bad_request(e.to_string())))
            .app_data(web::PathConfig::default().error_handler(|e, _| bad_request(e.to_string())))
            .wrap(Compress::default())
            .wrap(security_headers())
            .wrap(from_fn(no_store))
            .wrap(from_fn(log_request))
            .into_utoipa_app()
            .configure(routes::configure)
            .into_app()
            .configure(|cfg| frontend(cfg, &static_dir))
    })
    .listen(listener)
    .map_err(|e| e.to_string())?;
    if config.workers > 0 {
        server = server.workers(config.workers);
    }
    Ok(Running { port, server: server.run(), state: shared.into_inner() })
}

fn bad_request(message: String) -> actix_web::Error {
    AppError::BadRequest(message).into()
}

/// Malformed JSON is 400, an oversized body 413, a body that is JSON but not the expected
/// shape is 400 with serde's reason; never a 500.
fn json_error(error: actix_web::error::JsonPayloadError, _: &HttpRequest) -> actix_web::Error {
    use actix_web::error::JsonPayloadError as E;
    let app_error = match &error {
        E::OverflowKnownLength { .. } | E::Overflow { .. } => {
            AppError::PayloadTooLarge(format!("请求内容超过 {} MiB", JSON_LIMIT / (1024 * 1024)))
        }
        E::ContentType => AppError::BadRequest("请求须为 JSON（Content-Type: application/json）".to_owned()),
        E::Deserialize(e) => AppError::BadRequest(format!("JSON 格式错误：{e}")),
        other => AppError::BadRequest(format!("无法读取请求：{other}")),
    };
    let response = actix_web::ResponseError::error_response(&app_error);
    InternalError::from_response(error, response).into()
}

fn security_headers() -> DefaultHeaders {
    DefaultHeaders::new()
        .add(("Content-Security-Policy", CSP))
        .add(("X-Content-Type-Options", "nosniff"))
        .add(("X-Frame-Options", "DENY"))
        .add(("Referrer-Policy", "no-referrer"))
}

/// Every API answer may carry personal data or figures for one reader: no cache, shared or
/// private, keeps a copy (`Cache-Control: no-store`).
async fn no_store(
    req: ServiceRequest,
    next: Next<impl MessageBody>,
) -> Result<ServiceResponse<impl MessageBody>, actix_web::Error> {
    let api = req.path().starts_with("/api/");
    let mut response = next.call(req).await?;
    if api {
        response.headers_mut().insert(
            actix_web::http::header::CACHE_CONTROL,
            actix_web::http::header::HeaderValue::from_static("no-store"),
        );
    }
    Ok(response)
}

async fn log_request(
    req: ServiceRequest,
    next: Next<impl MessageBody>,
) -> Result<ServiceResponse<impl MessageBody>, actix_web::Error> {
    let started = Instant::now();
    let method = req.method().clone();
    let path = req.path().to_owned();
    let response = next.call(req).await?;
    tracing::info!(
        %method,
        %path,
        status = response.status().as_u16(),
        ms = started.elapsed().as_millis() as u64,
        "request"
    );
    Ok(response)
}

/// The built frontend: the bundle's hashed assets precompressed and cacheable for a year
/// ([`crate::assets`]), `login.html` (the login module) at `/login`, `index.html` (the app)
/// revalidated on every load, and every other path falling back to it so that client-side routes
/// survive a reload.
fn frontend(cfg: &mut web::ServiceConfig, dir: &Path) {
    let index = dir.join("index.html");
    if !index.exists() {
        cfg.default_service(web::to(|| async {
            HttpResponse::ServiceUnavailable()
                .content_type("text/plain; charset=utf-8")
                .body("前端尚未构建：请先运行 cargo xtask build（frontend not built: run `cargo xtask build`）")
        }));
        return;
    }
    let fallback = index.clone();
    let (front, assets) = (index.clone(), dir.join("assets"));
    // The login module's page; a bundle without one (older builds) logs in inside the app.
    let login = Some(dir.join("login.html")).filter(|p| p.exists()).unwrap_or_else(|| index.clone());
    let read = || actix_web::guard::Any(actix_web::guard::Get()).or(actix_web::guard::Head());
    // Each page also by its file name, revalidated the same way (the file server below would
    // send it without `Cache-Control`, leaving browsers to guess how long to keep it).
    for path in ["/", "/index.html"] {
        let front = front.clone();
        cfg.service(web::resource(path).guard(read()).to(move |req: HttpRequest| spa_index(req, front.clone())));
    }
    for path in ["/login", "/login.html"] {
        let login = login.clone();
        cfg.service(web::resource(path).guard(read()).to(move |req: HttpRequest| spa_index(req, login.clone())));
    }
    cfg.service(
        web::resource("/assets/{file}")
            .guard(read())
            .to(move |req: HttpRequest| crate::assets::asset(req, assets.clone())),
    );
    cfg.service(
        actix_files::Files::new("/", dir)
            .index_file("index.html")
            .use_etag(true)
            .default_handler(web::to(move |req: HttpRequest| spa_index(req, fallback.clone()))),
    );
}

async fn spa_index(req: HttpRequest, index: PathBuf) -> actix_web::Result<HttpResponse> {
    let file = actix_files::NamedFile::open_async(index).await?;
    let mut response = file.into_response(&req);
    response
        .headers_mut()
        .insert(actix_web::http::header::CACHE_CONTROL, actix_web::http::header::HeaderValue::from_static("no-cache"));
    Ok(response)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_generated_jwt_secret_is_private_and_kept_across_starts() {
        let dir = std::env::temp_dir().join(format!("jingzhun-secret-{}", std::process::id()));
        let config = Config { data_dir: dir.clone(), jwt_secret: None, ..Config::default() };

        let first = jwt_secret(&config).expect("generated");
        let second = jwt_secret(&config).expect("read back");

        assert_eq!(first, second);
        assert!(first.len() >= 32);
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(dir.join("jwt_secret")).expect("file").permissions().mode();
            assert_eq!(mode & 0o777, 0o600);
        }
        let _ = std::fs::remove_dir_all(dir);
    }

    fn config_in(name: &str) -> Config {
        let dir = std::env::temp_dir().join(format!("jingzhun-secret-{name}-{}", crate::random_token(8)));
        std::fs::create_dir_all(&dir).expect("dir");
        Config { data_dir: dir, jwt_secret: None, ..Config::default() }
    }

    #[test]
    fn an_unreadable_jwt_secret_stops_the_start() {
        let config = config_in("unreadable");
        // A folder where the file should be cannot be read, whoever runs the test.
        std::fs::create_dir_all(config.data_dir.join("jwt_secret")).expect("folder");

        let refused = jwt_secret(&config);

        assert!(refused.is_err_and(|e| e.contains("cannot read")));
        assert!(config.data_dir.join("jwt_secret").is_dir(), "left as it was");
        let _ = std::fs::remove_dir_all(&config.data_dir);
    }

    #[test]
    fn a_short_or_garbled_jwt_secret_stops_the_start_and_is_not_replaced() {
        let config = config_in("short");
        let path = config.data_dir.join("jwt_secret");
        std::fs::write(&path, "too-short").expect("write");
        assert!(jwt_secret(&config).is_err_and(|e| e.contains("shorter than 32")));
        assert_eq!(std::fs::read_to_string(&path).ok().as_deref(), Some("too-short"));

        std::fs::write(&path, [0xff; 40]).expect("write");
        assert!(jwt_secret(&config).is_err());
        assert_eq!(std::fs::read(&path).ok(), Some(vec![0xff; 40]));
        let _ = std::fs::remove_dir_all(&config.data_dir);
    }

    #[test]
    fn sqlite_urls_name_their_file() {
        assert_eq!(sqlite_file("sqlite://data/jingzhun.db?mode=rwc").as_deref(), Some("data/jingzhun.db"));
        assert_eq!(sqlite_file("sqlite::memory:"), None);
        assert_eq!(sqlite_file("postgres://localhost/x"), None);
    }
}
