//! The backend's one error type. Every handler returns it; it renders the wire format of
//! `shared::ApiError`. Server faults are opaque to the client and logged whole.

use actix_web::http::StatusCode;
use actix_web::{HttpResponse, ResponseError};
use jingzhun_shared::money::MoneyOverflow;
use jingzhun_shared::{ApiError, FieldErrors};
use sea_orm::{DbErr, RuntimeErr, SqlErr};

#[derive(Debug, thiserror::Error)]
pub enum AppError {
    #[error("{0}")]
    BadRequest(String),
    #[error("未登录或登录已过期")]
    Unauthorized,
    #[error("用户名或密码错误")]
    BadCredentials,
    #[error("{0}")]
    Forbidden(String),
    #[error("记录不存在")]
    NotFound,
    #[error("{message}")]
    Conflict { code: &'static str, message: String },
    #[error("提交的数据有误")]
    Invalid(FieldErrors),
    /// A body or a file past a byte limit; the message names the limit.
    #[error("{0}")]
    PayloadTooLarge(String),
    /// A file whose content passes a limit other than bytes (rows, columns, entries); the
    /// message names the limit.
    #[error("{0}")]
    OverLimit(String),
    #[error("尝试次数过多，请 {retry_after_secs} 秒后再试")]
    TooManyAttempts { retry_after_secs: u64 },
    /// Every permit of a bounded resource (password hashing) is taken: 503, try again soon.
    #[error("服务器繁忙，请 {retry_after_secs} 秒后再试")]
    Busy { retry_after_secs: u64 },
    #[error("database: {0}")]
    Db(#[from] DbErr),
    #[error("internal: {0}")]
    Internal(String),
}

pub type AppResult<T> = Result<T, AppError>;

impl AppError {
    /// A 422 with one field's message.
    pub fn field(field: &str, message: impl Into<String>) -> Self {
        let mut fields = FieldErrors::new();
        fields.insert(field.to_owned(), vec![message.into()]);
        AppError::Invalid(fields)
    }

    /// The 409 answered when an update carries a version that is no longer current.
    pub fn stale() -> Self {
        AppError::Conflict {
            code: "stale_version", message: "记录已被他人修改，请刷新后重试".to_owned()
        }
    }

    fn code(&self) -> &'static str {
        match self {
            AppError::BadRequest(_) => "bad_request",
            AppError::Unauthorized => "unauthorized",
            AppError::BadCredentials => "bad_credentials",
            AppError::Forbidden(_) => "forbidden",
            AppError::NotFound => "not_found",
            AppError::Conflict { code, .. } => code,
            AppError::Invalid(_) => "invalid",
            AppError::PayloadTooLarge(_) => "payload_too_large",
            AppError::OverLimit(_) => "over_limit",
            AppError::TooManyAttempts { .. } => "too_many_attempts",
            AppError::Busy { .. } => "busy",
            AppError::Db(e) if unique_violation(e) => "conflict",
            AppError::Db(e) if busy(e) => "busy",
            AppError::Db(_) | AppError::Internal(_) => "internal",
        }
    }
}

fn unique_violation(error: &DbErr) -> bool {
    matches!(error.sql_err(), Some(SqlErr::UniqueConstraintViolation(_)))
}

/// Whether the database refused for a moment rather than for good: SQLite still busy after its
/// busy timeout (`SQLITE_BUSY` 5 and its extended codes, `SQLITE_LOCKED` 6), PostgreSQL's
/// serialization failure, deadlock or lock timeout. The request may simply be sent again: 503,
/// not 500.
fn busy(error: &DbErr) -> bool {
    let (DbErr::Exec(RuntimeErr::SqlxError(e)) | DbErr::Query(RuntimeErr::SqlxError(e))) = error else {
        return false;
    };
    let sea_orm::sqlx::Error::Database(e) = &**e else { return false };
    let code = e.code().unwrap_or_default();
    matches!(&*code, "5" | "6" | "261" | "262" | "517" | "40001" | "40P01" | "55P03")
}

impl ResponseError for AppError {
    fn status_code(&self) -> StatusCode {
        match self {
            AppError::BadRequest(_) => StatusCode::BAD_REQUEST,
            AppError::Unauthorized | AppError::BadCredentials => StatusCode::UNAUTHORIZED,
            AppError::Forbidden(_) => StatusCode::FORBIDDEN,
            AppError::NotFound => StatusCode::NOT_FOUND,
            AppError::Conflict { .. } => StatusCode::CONFLICT,
            AppError::Invalid(_) | AppError::OverLimit(_) => StatusCode::UNPROCESSABLE_ENTITY,
            AppError::PayloadTooLarge(_) => StatusCode::PAYLOAD_TOO_LARGE,
            AppError::TooManyAttempts { .. } => StatusCode::TOO_MANY_REQUESTS,
            AppError::Busy { .. } => StatusCode::SERVICE_UNAVAILABLE,
            AppError::Db(e) if unique_violation(e) => StatusCode::CONFLICT,
            AppError::Db(e) if busy(e) => StatusCode::SERVICE_UNAVAILABLE,
            AppError::Db(_) | AppError::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    fn error_response(&self) -> HttpResponse {
        let status = self.status_code();
        let message = if let AppError::Busy { .. } = self {
            // Not a fault: the server says so in words, and when to come back.
            tracing::warn!(error = ?self, "request refused");
            self.to_string()
        } else if status == StatusCode::SERVICE_UNAVAILABLE {
            tracing::warn!(error = ?self, "database busy");
            "系统繁忙，请稍后重试".to_owned()
        } else if status.is_server_error() {
            tracing::error!(error = ?self, "request failed");
            "服务器内部错误，请稍后再试".to_owned()
        } else if let AppError::Db(_) = self {
            "与已有记录重复".to_owned()
        } else {
            self.to_string()
        };
        let fields = match self {
            AppError::Invalid(fields) => fields.clone(),
            _ => FieldErrors::new(),
        };
        let mut response = HttpResponse::build(status);
        if let AppError::TooManyAttempts { retry_after_secs } | AppError::Busy { retry_after_secs } = self {
            response.insert_header(("Retry-After", retry_after_secs.to_string()));
        } else if status == StatusCode::SERVICE_UNAVAILABLE {
            response.insert_header(("Retry-After", "1"));
        }
        response.json(ApiError { code: self.code().to_owned(), message, fields })
    }
}

/// A sum of money too large to hold is the input's fault (records past the cap): 422.
impl From<MoneyOverflow> for AppError {
    fn from(overflow: MoneyOverflow) -> Self {
        AppError::field("_", overflow.to_string())
    }
}

impl From<FieldErrors> for AppError {
    fn from(fields: FieldErrors) -> Self {
        AppError::Invalid(fields)
    }
}

#[cfg(test)]
mod tests {
    use std::time::Duration;

    use sea_orm::{
        ConnectOptions, ConnectionTrait, Database, SqliteTransactionMode, TransactionOptions, TransactionTrait,
    };

    use super::*;

    #[tokio::test]
    async fn busy_is_a_503_with_retry_after_in_the_wire_format() {
        let response = AppError::Busy { retry_after_secs: 2 }.error_response();

        assert_eq!(response.status(), StatusCode::SERVICE_UNAVAILABLE);
        assert_eq!(response.headers().get("Retry-After").and_then(|v| v.to_str().ok()), Some("2"));
        let bytes = actix_web::body::to_bytes(response.into_body()).await.unwrap_or_default();
        let body: ApiError = serde_json::from_slice(&bytes).expect("wire error");
        assert_eq!(body.code, "busy");
        assert!(body.message.contains('2'));
    }

    #[tokio::test]
    async fn a_sqlite_database_still_busy_is_a_503_to_retry_never_a_500() {
        let path = std::env::temp_dir().join(format!("jingzhun-busy-{}.db", crate::random_token(12)));
        let url = format!("sqlite://{}?mode=rwc", path.display());
        let holder = Database::connect(url.as_str()).await.expect("database");
        holder.execute_unprepared("CREATE TABLE t (x INTEGER)").await.expect("table");
        let immediate = TransactionOptions {
            sqlite_transaction_mode: Some(SqliteTransactionMode::Immediate),
            ..TransactionOptions::default()
        };
        let writing = holder.begin_with_options(immediate).await.expect("the write lock");
        let mut options = ConnectOptions::new(url.as_str());
        options.map_sqlx_sqlite_opts(|sqlite| sqlite.busy_timeout(Duration::ZERO));
        let other = Database::connect(options).await.expect("second pool");

        let refused = other.execute_unprepared("INSERT INTO t VALUES (1)").await.expect_err("the lock is held");

        let error = AppError::Db(refused);
        assert_eq!(error.status_code(), StatusCode::SERVICE_UNAVAILABLE);
        assert_eq!(error.code(), "busy");
        assert_eq!(error.error_response().headers().get("Retry-After").map(|v| v.as_bytes()), Some(&b"1"[..]));
        drop(writing);
        let _ = std::fs::remove_file(path);
    }
}
