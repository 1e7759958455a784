//! Server configuration: defaults, then an optional TOML file, then the environment, then the
//! command line (each later source wins).

use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::auth::ThrottlePolicy;

/// Longest a login token may live.
pub const MAX_TOKEN_TTL_SECS: i64 = 12 * 60 * 60;

#[derive(Debug, Clone)]
pub struct Config {
    /// Address to listen on, `127.0.0.1:8080`; port 0 picks a free one.
    pub bind: String,
    /// `sqlite://…` or `postgres://…`.
    pub database_url: String,
    /// Where the SQLite file and the generated JWT secret live.
    pub data_dir: PathBuf,
    /// The built frontend (index.html and the wasm bundle).
    pub static_dir: PathBuf,
    /// HS256 secret; generated and kept in `data_dir` when absent.
    pub jwt_secret: Option<String>,
    /// Token lifetime in seconds, at most [`MAX_TOKEN_TTL_SECS`].
    pub token_ttl_secs: i64,
    /// HTTP worker threads; 0 means one per core.
    pub workers: usize,
    /// A fixed "today" instead of the system clock (tests); `None` in production.
    pub today: Option<chrono::NaiveDate>,
    /// Whether the server sits behind a reverse proxy whose `Forwarded` / `X-Forwarded-For`
    /// names the client. Off by default: a client could write any address there and escape
    /// the login throttle's per-address limit.
    pub trust_forwarded_for: bool,
    /// The login throttle's limits. Not in the file or the environment: the defaults are the
    /// policy; tests shorten the waits.
    pub login_throttle: ThrottlePolicy,
    /// Largest PDF attachment accepted, in MiB (at most [`MAX_ATTACHMENT_PDF_MIB`]).
    pub attachment_pdf_limit_mib: usize,
}

/// The most `attachment_pdf_limit_mib` may be: the upload route reads no more.
pub const MAX_ATTACHMENT_PDF_MIB: usize = 50;

impl Default for Config {
    fn default() -> Self {
        Self {
            bind: "127.0.0.1:8080".to_owned(),
            database_url: "sqlite://data/jingzhun.db?mode=rwc".to_owned(),
            data_dir: PathBuf::from("data"),
            static_dir: PathBuf::from("dist"),
            jwt_secret: None,
            token_ttl_secs: 8 * 60 * 60,
            workers: 0,
            today: None,
            trust_forwarded_for: false,
            login_throttle: ThrottlePolicy::default(),
            attachment_pdf_limit_mib: 20,
        }
    }
}

/// The keys a config file may set; all optional.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct FileConfig {
    bind: Option<String>,
    database_url: Option<String>,
    data_dir: Option<PathBuf>,
    static_dir: Option<PathBuf>,
    jwt_secret: Option<String>,
    token_ttl_secs: Option<i64>,
    workers: Option<usize>,
    trust_forwarded_for: Option<bool>,
    attachment_pdf_limit_mib: Option<usize>,
}

impl Config {
    /// Defaults, overlaid by `file` (when given or when `jingzhun.toml` exists) and by the
    /// `JINGZHUN_*` / `DATABASE_URL` environment variables.
    pub fn load(file: Option<&Path>) -> Result<Self, String> {
        let mut config = Config::default();
        let path = file.map(Path::to_path_buf).or_else(|| {
            let default = PathBuf::from("jingzhun.toml");
            default.exists().then_some(default)
        });
        if let Some(path) = path {
            let text = std::fs::read_to_string(&path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
            let file: FileConfig = toml::from_str(&text).map_err(|e| format!("invalid {}: {e}", path.display()))?;
            config.apply_file(file);
        }
        config.apply_env(|key| std::env::var(key).ok())?;
        Ok(config)
    }

    fn apply_file(&mut self, file: FileConfig) {
        if let Some(v) = file.bind {
            self.bind = v
        }
        if let Some(v) = file.database_url {
            self.database_url = v
        }
        if let Some(v) = file.data_dir {
            self.data_dir = v
        }
        if let Some(v) = file.static_dir {
            self.static_dir = v
        }
        if let Some(v) = file.jwt_secret {
            self.jwt_secret = Some(v)
        }
        if let Some(v) = file.token_ttl_secs {
            self.token_ttl_secs = v
        }
        if let Some(v) = file.workers {
            self.workers = v
        }
        if let Some(v) = file.trust_forwarded_for {
            self.trust_forwarded_for = v
        }
        if let Some(v) = file.attachment_pdf_limit_mib {
            self.attachment_pdf_limit_mib = v
        }
    }

    fn apply_env(&mut self, var: impl Fn(&str) -> Option<String>) -> Result<(), String> {
        if let Some(v) = var("JINGZHUN_BIND") {
            self.bind = v
        }
        if let Some(v) = var("DATABASE_URL") {
            self.database_url = v
        }
        if let Some(v) = var("JINGZHUN_DATA_DIR") {
            self.data_dir = PathBuf::from(v)
        }
        if let Some(v) = var("JINGZHUN_STATIC_DIR") {
            self.static_dir = PathBuf::from(v)
        }
        if let Some(v) = var("JINGZHUN_JWT_SECRET") {
            self.jwt_secret = Some(v)
        }
        if let Some(v) = var("JINGZHUN_TOKEN_TTL_SECS") {
            self.token_ttl_secs = v.parse().map_err(|_| format!("JINGZHUN_TOKEN_TTL_SECS: not a number: {v}"))?;
        }
        if let Some(v) = var("JINGZHUN_WORKERS") {
            self.workers = v.parse().map_err(|_| format!("JINGZHUN_WORKERS: not a number: {v}"))?;
        }
        if let Some(v) = var("JINGZHUN_TRUST_FORWARDED_FOR") {
            self.trust_forwarded_for =
                v.parse().map_err(|_| format!("JINGZHUN_TRUST_FORWARDED_FOR: true or false, not {v}"))?;
        }
        if let Some(v) = var("JINGZHUN_ATTACHMENT_PDF_LIMIT_MIB") {
            self.attachment_pdf_limit_mib =
                v.parse().map_err(|_| format!("JINGZHUN_ATTACHMENT_PDF_LIMIT_MIB: not a number: {v}"))?;
        }
        Ok(())
    }

    /// Refuses settings the server must not run with.
    pub fn validate(&self) -> Result<(), String> {
        if !(60..=MAX_TOKEN_TTL_SECS).contains(&self.token_ttl_secs) {
            return Err(format!("token_ttl_secs must be between 60 and {MAX_TOKEN_TTL_SECS}"));
        }
        if let Some(secret) = &self.jwt_secret
            && secret.len() < 32
        {
            return Err("jwt_secret must be at least 32 bytes".to_owned());
        }
        if !(1..=MAX_ATTACHMENT_PDF_MIB).contains(&self.attachment_pdf_limit_mib) {
            return Err(format!("attachment_pdf_limit_mib must be between 1 and {MAX_ATTACHMENT_PDF_MIB}"));
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn environment_overrides_defaults_and_rejects_garbage() {
        let mut config = Config::default();
        let env = |key: &str| match key {
            "JINGZHUN_BIND" => Some("0.0.0.0:9000".to_owned()),
            "JINGZHUN_TOKEN_TTL_SECS" => Some("600".to_owned()),
            _ => None,
        };
        assert!(config.apply_env(env).is_ok());
        assert_eq!(config.bind, "0.0.0.0:9000");
        assert_eq!(config.token_ttl_secs, 600);
        let bad = |key: &str| (key == "JINGZHUN_WORKERS").then(|| "many".to_owned());
        assert!(config.apply_env(bad).is_err());
        assert!(!config.trust_forwarded_for, "a forwarded address is not trusted unless configured");
        assert!(config.apply_env(|key: &str| (key == "JINGZHUN_TRUST_FORWARDED_FOR").then(|| "true".into())).is_ok());
        assert!(config.trust_forwarded_for);
    }

    #[test]
    fn a_token_lifetime_over_twelve_hours_is_refused() {
        let config = Config { token_ttl_secs: MAX_TOKEN_TTL_SECS + 1, ..Config::default() };
        assert!(config.validate().is_err());
    }
}
