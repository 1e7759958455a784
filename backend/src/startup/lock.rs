//! The start lock: one instance at a time migrates and seeds the database (see
//! [`super::connect_and_prepare`]).

use std::time::Instant;

use sea_orm::{ConnectOptions, Database, DatabaseConnection};

use super::sqlite_file;

/// How long a start waits for another instance's migration before it gives up.
const START_LOCK_PATIENCE: std::time::Duration = std::time::Duration::from_secs(30 * 60);

/// Held while one instance migrates and seeds; see [`super::connect_and_prepare`].
pub(super) enum StartLock {
    Postgres(DatabaseConnection),
    File(std::fs::File),
    None,
}

impl StartLock {
    pub(super) async fn take(url: &str, db: &DatabaseConnection) -> Result<Self, String> {
        use sea_orm::ConnectionTrait;
        let started = Instant::now();
        let mut told = started;
        let mut wait = async |what: &str| {
            if started.elapsed() > START_LOCK_PATIENCE {
                return Err(format!("gave up after {START_LOCK_PATIENCE:?} waiting for {what}"));
            }
            if told.elapsed() > std::time::Duration::from_secs(10) {
                told = Instant::now();
                tracing::warn!("waiting for {what} (another instance is migrating or seeding the database)");
            }
            tokio::time::sleep(std::time::Duration::from_millis(50)).await;
            Ok(())
        };
        if db.get_database_backend() == sea_orm::DbBackend::Postgres {
            let mut options = ConnectOptions::new(url.to_owned());
            options.sqlx_logging(false).max_connections(1);
            let session =
                Database::connect(options).await.map_err(|e| format!("cannot connect to the database: {e}"))?;
            loop {
                let row = session
                    .query_one_raw(sea_orm::Statement::from_string(
                        sea_orm::DbBackend::Postgres,
                        "SELECT pg_try_advisory_lock(700010034) AS taken",
                    ))
                    .await
                    .map_err(|e| format!("cannot take the start lock: {e}"))?;
                let taken: bool =
                    row.map(|r| r.try_get("", "taken")).transpose().map_err(|e| e.to_string())?.unwrap_or(false);
                if taken {
                    return Ok(Self::Postgres(session));
                }
                wait("the start lock").await?;
            }
        }
        let Some(path) = sqlite_file(url) else { return Ok(Self::None) };
        let path = format!("{path}.migrating");
        let file = std::fs::OpenOptions::new()
            .create(true)
            .truncate(false)
            .write(true)
            .open(&path)
            .map_err(|e| format!("cannot open {path}: {e}"))?;
        loop {
            match file.try_lock() {
                Ok(()) => return Ok(Self::File(file)),
                Err(std::fs::TryLockError::WouldBlock) => wait(&path).await?,
                Err(std::fs::TryLockError::Error(e)) => return Err(format!("cannot lock {path}: {e}")),
            }
        }
    }

    pub(super) async fn release(self) {
        match self {
            // Closing the session releases its lock.
            Self::Postgres(session) => {
                let _ = session.close().await;
            }
            Self::File(file) => drop(file),
            Self::None => {}
        }
    }
}
