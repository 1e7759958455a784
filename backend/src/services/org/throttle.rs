//! The login throttle where its counts are kept: in this instance's memory (SQLite, where one
//! instance is the rule) or in PostgreSQL's `login_throttle` table, so that every instance on
//! one database sees every failure — two instances behind a balancer give a guesser no more
//! tries than one. The rules are `auth::ThrottlePolicy`'s either way.
//!
//! In PostgreSQL an attempt takes a transaction-scoped advisory lock per key, in the keys'
//! order (no deadlock), reads the keys' counts with the database's clock, and writes the
//! counts it let through before the lock is released: parallel guesses through any instances
//! pass one check in turn. A key quiet for longer than the policy forgets is deleted.

use std::net::IpAddr;
use std::time::{Duration, Instant};

use sea_orm::{ConnectionTrait, DatabaseConnection, DbBackend, FromQueryResult, Statement, TransactionTrait, Value};

use crate::auth::{Attempt, Key, Limit, LoginThrottle, ThrottlePolicy, success_keys, too_many};
use crate::error::AppResult;

/// The advisory-lock class of throttle keys (the key's hash is the object id).
const LOCK_CLASS: i32 = 0x6a7a_0001;

/// The login throttle of this instance or of every instance on the database.
pub enum Throttle {
    Memory(LoginThrottle),
    Shared { policy: ThrottlePolicy, db: DatabaseConnection },
}

#[derive(FromQueryResult)]
struct Row {
    key: String,
    failures: i32,
    since_secs: f64,
}

impl Throttle {
    /// Counts in PostgreSQL when `db` is PostgreSQL, in memory otherwise.
    pub fn for_database(policy: ThrottlePolicy, db: &DatabaseConnection) -> Self {
        match db.get_database_backend() {
            DbBackend::Postgres => Self::Shared { policy, db: db.clone() },
            _ => Self::Memory(LoginThrottle::new(policy)),
        }
    }

    /// Lets an attempt for `name` from `address` through, counted as a failure until
    /// [`Throttle::succeeded`], or answers how long to wait (429).
    pub async fn attempt(&self, name: Option<&str>, address: IpAddr) -> AppResult<Attempt> {
        match self {
            Self::Memory(throttle) => throttle.attempt(name, address, Instant::now()),
            Self::Shared { policy, db } => {
                shared_attempt(db, policy, policy.keys(name, address)).await?;
                Ok(Attempt::new(name, address))
            }
        }
    }

    /// The attempt was right: its name is forgotten for its address, and it no longer counts
    /// against the address or the name.
    pub async fn succeeded(&self, attempt: &Attempt) -> AppResult<()> {
        match self {
            Self::Memory(throttle) => {
                throttle.succeeded(attempt);
                Ok(())
            }
            Self::Shared { db, .. } => {
                let (pair, shared) = success_keys(attempt);
                if let Some(pair) = pair {
                    db.execute_raw(statement("DELETE FROM login_throttle WHERE key = $1", vec![pair.into()])).await?;
                }
                let sql = format!(
                    "UPDATE login_throttle SET failures = GREATEST(failures - 1, 0) WHERE key IN ({})",
                    placeholders(shared.len())
                );
                db.execute_raw(statement(&sql, shared.into_iter().map(Value::from).collect())).await?;
                Ok(())
            }
        }
    }

    /// How many keys are remembered.
    pub async fn kept(&self) -> AppResult<usize> {
        match self {
            Self::Memory(throttle) => Ok(throttle.len()),
            Self::Shared { db, .. } => {
                let row = db.query_one_raw(statement("SELECT COUNT(*) AS n FROM login_throttle", vec![])).await?;
                let n: i64 = row.map(|r| r.try_get("", "n")).transpose()?.unwrap_or_default();
                Ok(usize::try_from(n).unwrap_or_default())
            }
        }
    }
}

async fn shared_attempt(
    db: &DatabaseConnection,
    policy: &ThrottlePolicy,
    mut keys: Vec<(Key, Limit)>,
) -> AppResult<()> {
    // Keys forgotten by everyone; rows another attempt holds are left for the next one.
    let prune = "DELETE FROM login_throttle WHERE key IN (SELECT key FROM login_throttle \
                 WHERE last_at < now() - make_interval(secs => $1) FOR UPDATE SKIP LOCKED)";
    db.execute_raw(statement(prune, vec![policy.forget_after().as_secs_f64().into()])).await?;
    keys.sort_by(|a, b| a.0.cmp(&b.0));
    let txn = db.begin().await?;
    for (key, _) in &keys {
        let lock = "SELECT pg_advisory_xact_lock($1, hashtext($2))";
        txn.execute_raw(statement(lock, vec![LOCK_CLASS.into(), key.clone().into()])).await?;
    }
    let read = format!(
        "SELECT key, failures, EXTRACT(EPOCH FROM now() - last_at)::float8 AS since_secs \
         FROM login_throttle WHERE key IN ({})",
        placeholders(keys.len())
    );
    let values = keys.iter().map(|(key, _)| Value::from(key.clone())).collect();
    let rows = Row::find_by_statement(statement(&read, values)).all(&txn).await?;
    let mut counts = Vec::with_capacity(keys.len());
    let mut wait = Duration::ZERO;
    for (key, limit) in &keys {
        let stored = rows.iter().find(|row| &row.key == key);
        let count = match stored {
            Some(row) => {
                let since = Duration::from_secs_f64(row.since_secs.max(0.0));
                let failures = u32::try_from(row.failures).unwrap_or_default();
                match policy.wait_left(failures, since, *limit) {
                    Some(left) => {
                        wait = wait.max(left);
                        failures
                    }
                    None => 0,
                }
            }
            None => 0,
        };
        counts.push((key.clone(), count.saturating_add(1)));
    }
    if !wait.is_zero() {
        // Nothing written: a refused attempt counts for nothing and extends nothing.
        return Err(too_many(wait));
    }
    for (key, count) in counts {
        let upsert = "INSERT INTO login_throttle (key, failures, last_at) VALUES ($1, $2, now()) \
                      ON CONFLICT (key) DO UPDATE SET failures = EXCLUDED.failures, last_at = EXCLUDED.last_at";
        let count = i32::try_from(count).unwrap_or(i32::MAX);
        txn.execute_raw(statement(upsert, vec![key.into(), count.into()])).await?;
    }
    txn.commit().await?;
    Ok(())
}

fn statement(sql: &str, values: Vec<Value>) -> Statement {
    Statement::from_sql_and_values(DbBackend::Postgres, sql, values)
}

/// `$1, $2, …, $n`.
fn placeholders(n: usize) -> String {
    (1..=n).map(|i| format!("${i}")).collect::<Vec<_>>().join(", ")
}
