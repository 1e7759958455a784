//! The login throttle where its counts are kept: in this instance's memory (SQLite, where one
//! instance is the rule) or in PostgreSQL's `login_throttle` table, so that every instance on
//! one database sees every failure — two instances behind a balancer give a guesser no more
//! tries than one. The rules are `auth::ThrottlePolicy`'s either way.
//!
//! In PostgreSQL an attempt first reads its keys' counts without a lock: one that must wait is
//! refused at once and writes nothing, so a flood of refused guesses costs one read each. An
//! attempt that may pass takes a transaction-scoped advisory lock per key (ids from a stable
//! hash of the key, taken in the ids' order: no deadlock, whatever names collide), reads the
//! counts again, and writes the counts it lets through before the locks are released: parallel
//! guesses through any instances pass one check in turn. A lock not had within
//! [`LOCK_TIMEOUT`] is a 503 (fail closed), so a held lock cannot drain the pool. Each instance
//! prunes at most once a minute: keys quiet for longer than the policy forgets, then the oldest
//! beyond the policy's capacity.

use std::net::IpAddr;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use sea_orm::{
    ConnectionTrait, DatabaseConnection, DatabaseTransaction, DbBackend, FromQueryResult, Statement, TransactionTrait,
    Value,
};
use sha2::{Digest, Sha256};

use crate::auth::{Attempt, Key, Limit, LoginThrottle, ThrottlePolicy, success_keys, too_many};
use crate::error::AppResult;

/// The longest an attempt waits for another attempt's lock on one of its keys.
const LOCK_TIMEOUT: &str = "2s";
/// How often an instance prunes the table.
const PRUNE_EVERY: Duration = Duration::from_secs(60);

/// The login throttle of this instance or of every instance on the database.
pub enum Throttle {
    Memory(LoginThrottle),
    Shared(Shared),
}

/// The counts in PostgreSQL.
pub struct Shared {
    policy: ThrottlePolicy,
    db: DatabaseConnection,
    pruned: Mutex<Option<Instant>>,
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
            DbBackend::Postgres => Self::Shared(Shared { policy, db: db.clone(), pruned: Mutex::new(None) }),
            _ => Self::Memory(LoginThrottle::new(policy)),
        }
    }

    /// Lets an attempt for `name` from `address` through, counted as a failure until
    /// [`Throttle::succeeded`], or answers how long to wait (429).
    pub async fn attempt(&self, name: Option<&str>, address: IpAddr) -> AppResult<Attempt> {
        match self {
            Self::Memory(throttle) => throttle.attempt(name, address, Instant::now()),
            Self::Shared(shared) => {
                shared.prune().await?;
                shared.attempt(shared.policy.keys(name, address)).await?;
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
            Self::Shared(Shared { db, .. }) => {
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
            Self::Shared(Shared { db, .. }) => {
                let row = db.query_one_raw(statement("SELECT COUNT(*) AS n FROM login_throttle", vec![])).await?;
                let n: i64 = row.map(|r| r.try_get("", "n")).transpose()?.unwrap_or_default();
                Ok(usize::try_from(n).unwrap_or_default())
            }
        }
    }
}

impl Shared {
    async fn attempt(&self, keys: Vec<(Key, Limit)>) -> AppResult<()> {
        // Refused without a lock: a waiting key stays waiting until its time, whoever writes.
        self.counts(&self.db, &keys).await?;
        let txn = self.db.begin().await?;
        let passed = self.locked_attempt(&txn, &keys).await;
        match passed {
            Ok(()) => txn.commit().await?,
            Err(refused) => {
                txn.rollback().await?;
                return Err(refused);
            }
        }
        Ok(())
    }

    async fn locked_attempt(&self, txn: &DatabaseTransaction, keys: &[(Key, Limit)]) -> AppResult<()> {
        txn.execute_unprepared(&format!("SET LOCAL lock_timeout = '{LOCK_TIMEOUT}'")).await?;
        let mut locks: Vec<i64> = keys.iter().map(|(key, _)| lock_id(key)).collect();
        locks.sort_unstable();
        locks.dedup();
        for lock in locks {
            txn.execute_raw(statement("SELECT pg_advisory_xact_lock($1)", vec![lock.into()])).await?;
        }
        let counts = self.counts(txn, keys).await?;
        for (key, count) in counts {
            let upsert = "INSERT INTO login_throttle (key, failures, last_at) VALUES ($1, $2, clock_timestamp()) \
                          ON CONFLICT (key) DO UPDATE SET failures = EXCLUDED.failures, last_at = EXCLUDED.last_at";
            let count = i32::try_from(count.saturating_add(1)).unwrap_or(i32::MAX);
            txn.execute_raw(statement(upsert, vec![key.into(), count.into()])).await?;
        }
        Ok(())
    }

    /// Each key's failures as the policy counts them (a forgotten key has none), or the 429 of
    /// the longest wait left.
    async fn counts(&self, db: &impl ConnectionTrait, keys: &[(Key, Limit)]) -> AppResult<Vec<(Key, u32)>> {
        let read = format!(
            "SELECT key, failures, EXTRACT(EPOCH FROM clock_timestamp() - last_at)::float8 AS since_secs \
             FROM login_throttle WHERE key IN ({})",
            placeholders(keys.len())
        );
        let values = keys.iter().map(|(key, _)| Value::from(key.clone())).collect();
        let rows = Row::find_by_statement(statement(&read, values)).all(db).await?;
        let mut counts = Vec::with_capacity(keys.len());
        let mut wait = Duration::ZERO;
        for (key, limit) in keys {
            let count = rows.iter().find(|row| &row.key == key).map_or(0, |row| {
                let since = Duration::from_secs_f64(row.since_secs.max(0.0));
                let failures = u32::try_from(row.failures).unwrap_or_default();
                match self.policy.wait_left(failures, since, *limit) {
                    Some(left) => {
                        wait = wait.max(left);
                        failures
                    }
                    None => 0,
                }
            });
            counts.push((key.clone(), count));
        }
        if wait.is_zero() { Ok(counts) } else { Err(too_many(wait)) }
    }

    /// At most once per [`PRUNE_EVERY`] on this instance: keys forgotten by everyone, then the
    /// least recently counted beyond the policy's capacity. Rows another attempt holds are
    /// left for the next prune.
    async fn prune(&self) -> AppResult<()> {
        {
            let mut pruned = self.pruned.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
            if pruned.is_some_and(|at| at.elapsed() < PRUNE_EVERY) {
                return Ok(());
            }
            *pruned = Some(Instant::now());
        }
        let forgotten = "DELETE FROM login_throttle WHERE key IN (SELECT key FROM login_throttle \
                         WHERE last_at < clock_timestamp() - make_interval(secs => $1) FOR UPDATE SKIP LOCKED)";
        self.db.execute_raw(statement(forgotten, vec![self.policy.forget_after().as_secs_f64().into()])).await?;
        let beyond = "DELETE FROM login_throttle WHERE key IN (SELECT key FROM login_throttle \
                      ORDER BY last_at DESC OFFSET $1 FOR UPDATE SKIP LOCKED)";
        let capacity = i64::try_from(self.policy.capacity).unwrap_or(i64::MAX);
        self.db.execute_raw(statement(beyond, vec![capacity.into()])).await?;
        Ok(())
    }
}

/// The advisory lock of a key: the first eight bytes of its SHA-256, the same on every
/// instance and every version.
pub fn lock_id(key: &str) -> i64 {
    let digest = Sha256::digest(key.as_bytes());
    let mut first = [0u8; 8];
    for (to, from) in first.iter_mut().zip(digest.iter()) {
        *to = *from;
    }
    i64::from_be_bytes(first)
}

fn statement(sql: &str, values: Vec<Value>) -> Statement {
    Statement::from_sql_and_values(DbBackend::Postgres, sql, values)
}

/// `$1, $2, …, $n`.
fn placeholders(n: usize) -> String {
    (1..=n).map(|i| format!("${i}")).collect::<Vec<_>>().join(", ")
}
