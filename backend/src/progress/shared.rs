//! The progress board in PostgreSQL's `import_progress`, shared by every instance on the
//! database (see the parent module).

use jingzhun_shared::UserId;
use jingzhun_shared::registry::ImportProgress;
use sea_orm::{ConnectionTrait, DatabaseConnection, DbBackend, FromQueryResult, Statement, Value};

use super::{KEEP_FINISHED, KEEP_STALLED, Key, MAX_ENTRIES, PER_USER};
use crate::error::{AppError, AppResult};

/// A move changes the row of its own run only, and only forwards: a row evicted or
/// restarted meanwhile is left as it is.
const MOVE: &str = "UPDATE import_progress SET seq = $4, phase = $5, processed = $6, total = $7, \
    moved_at = now() WHERE owner_id = $1 AND token = $2 AND run = $3 AND seq < $4";

/// Rows no poll reads any more, by the same rule as `Entry::expired`.
const EXPIRED: &str = "moved_at < now() - make_interval(secs => $1) \
    OR (phase IN ('done', 'failed') AND moved_at < now() - make_interval(secs => $2))";

fn statement(sql: &str, values: Vec<Value>) -> Statement {
    Statement::from_sql_and_values(DbBackend::Postgres, sql, values)
}

fn keep() -> Vec<Value> {
    vec![KEEP_STALLED.as_secs_f64().into(), KEEP_FINISHED.as_secs_f64().into()]
}

/// Makes room (expired rows, the owner's oldest beyond [`PER_USER`], everyone's oldest
/// beyond [`MAX_ENTRIES`]) and writes the entry's start; answers its run number.
pub(super) async fn start(db: &DatabaseConnection, owner: UserId, token: &str) -> AppResult<i64> {
    db.execute_raw(statement(&format!("DELETE FROM import_progress WHERE {EXPIRED}"), keep())).await?;
    let others = format!(
        "DELETE FROM import_progress WHERE owner_id = $1 AND token <> $2 AND token NOT IN \
         (SELECT token FROM import_progress WHERE owner_id = $1 AND token <> $2 \
          ORDER BY moved_at DESC LIMIT {})",
        PER_USER - 1
    );
    db.execute_raw(statement(&others, vec![owner.0.into(), token.into()])).await?;
    let everyone = format!(
        "DELETE FROM import_progress WHERE (owner_id, token) NOT IN \
         (SELECT owner_id, token FROM import_progress ORDER BY moved_at DESC LIMIT {}) \
         AND NOT (owner_id = $1 AND token = $2)",
        MAX_ENTRIES - 1
    );
    db.execute_raw(statement(&everyone, vec![owner.0.into(), token.into()])).await?;
    let sql = "INSERT INTO import_progress (owner_id, token, run, seq, phase, processed, total, moved_at) \
        VALUES ($1, $2, (EXTRACT(EPOCH FROM clock_timestamp()) * 1000000)::bigint, 0, 'reading', 0, 0, now()) \
        ON CONFLICT (owner_id, token) DO UPDATE SET run = GREATEST(EXCLUDED.run, import_progress.run + 1), \
        seq = 0, phase = 'reading', processed = 0, total = 0, moved_at = now() RETURNING run";
    let row = db.query_one_raw(statement(sql, vec![owner.0.into(), token.into()])).await?;
    let row = row.ok_or_else(|| AppError::Internal("import progress start wrote no row".to_owned()))?;
    Ok(row.try_get("", "run")?)
}

/// Writes a move in the background; an older move arriving later changes nothing.
pub(super) fn spawn_move(
    db: &DatabaseConnection,
    key: &Key,
    run: i64,
    seq: i64,
    progress: ImportProgress,
) -> Option<tokio::task::JoinHandle<()>> {
    let runtime = tokio::runtime::Handle::try_current().ok()?;
    let (db, (owner, token)) = (db.clone(), key.clone());
    Some(runtime.spawn(async move {
        let as_i64 = |n: u64| i64::try_from(n).unwrap_or(i64::MAX);
        let values = vec![
            owner.0.into(),
            token.into(),
            run.into(),
            seq.into(),
            progress.phase.into(),
            as_i64(progress.processed).into(),
            as_i64(progress.total).into(),
        ];
        if let Err(error) = db.execute_raw(statement(MOVE, values)).await {
            tracing::warn!(%error, "import progress not written");
        }
    }))
}

#[derive(FromQueryResult)]
struct Row {
    phase: String,
    processed: i64,
    total: i64,
}

pub(super) async fn get(db: &DatabaseConnection, owner: UserId, token: &str) -> AppResult<Option<ImportProgress>> {
    let sql = format!(
        "SELECT phase, processed, total FROM import_progress \
         WHERE owner_id = $3 AND token = $4 AND NOT ({EXPIRED})"
    );
    let mut values = keep();
    values.extend([owner.0.into(), token.into()]);
    let row = Row::find_by_statement(statement(&sql, values)).one(db).await?;
    Ok(row.map(|row| ImportProgress {
        phase: row.phase,
        processed: u64::try_from(row.processed).unwrap_or_default(),
        total: u64::try_from(row.total).unwrap_or_default(),
    }))
}
