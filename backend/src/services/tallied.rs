//! The tallies the database keeps by its own triggers (the migrations `create_health_tallies`
//! and `create_registry_tally`): bulk inserts of the rows they follow, and the date condition
//! their readers share. It lives outside the registry and health so that either may use it.
//!
//! On SQLite a row trigger costs about 30 µs a row (measured: 290,000 plain inserts a second
//! against 31,000 with the claim trigger), which would halve a registry or claims import; here
//! the triggers stand aside for the batch and grouped statements add what they would have.

use chrono::{Datelike, NaiveDate};
use sea_orm::sea_query::{Alias, Cond, Expr, ExprTrait};
use sea_orm::{ActiveModelTrait, ConnectionTrait, DatabaseTransaction, DbBackend, EntityName, Statement};

use crate::error::{AppError, AppResult};
use crate::services::bulk;

/// The rows of a tally kept by day (`whole_month` false) and by month (`whole_month` true,
/// `day` its first day) that add up to the figure of `on`, counting from `from` (a month's
/// first day) when given: the months before `on`'s month and the days of its month.
pub fn rows_up_to(from: Option<NaiveDate>, on: NaiveDate) -> AppResult<Cond> {
    let month = on.with_day(1).ok_or_else(|| AppError::field("as_of", "日期不合理"))?;
    let whole_month = Alias::new("whole_month");
    let day = Alias::new("day");
    let mut months = Cond::all().add(Expr::col(whole_month.clone()).eq(true)).add(Expr::col(day.clone()).lt(month));
    if let Some(from) = from {
        months = months.add(Expr::col(day.clone()).gte(from));
    }
    let days = Cond::all()
        .add(Expr::col(whole_month).eq(false))
        .add(Expr::col(day.clone()).gte(month))
        .add(Expr::col(day).lte(on));
    Ok(Cond::any().add(months).add(days))
}

/// `SUM(col)` as a BIGINT, 0 over no rows.
pub fn sum(col: &str) -> Expr {
    Expr::cust(format!("CAST(COALESCE(SUM({col}), 0) AS BIGINT)"))
}

/// A count summed from a tally or a query, never below zero (a sum of +1/−1 rows is not, unless
/// the tally is wrong).
pub fn non_negative(n: i64) -> u64 {
    u64::try_from(n).unwrap_or(0)
}

/// Tally rows under the org path `path`.
pub fn under(path: &str) -> Expr {
    Expr::col(Alias::new("org_path")).like(format!("{path}%"))
}

/// SQLite: what the INSERT triggers of `member` and `health_claim` would add, for the rows past
/// `after`, in one grouped statement (the trigger SQL of the migration `create_health_tallies`,
/// SQLite dialect; a test compares the tallies with a plain reading after bulk imports).
fn sqlite_catch_up(table: &str, after: i64) -> Option<String> {
    let month = "CASE WHEN w.whole_month THEN date(c.day, 'start of month') ELSE c.day END";
    let both = "(SELECT FALSE AS whole_month UNION ALL SELECT TRUE) w";
    match table {
        "health_claim" => Some(format!(
            "INSERT INTO health_claim_tally (org_path, kind, whole_month, day, claims, total_cost_fen, \
             out_of_pocket_fen, fallback_fen, supplementary_fen, commercial_fen) \
             SELECT c.org_path, c.kind, w.whole_month, {month}, COUNT(*), SUM(c.total_cost_fen), \
             SUM(c.out_of_pocket_fen), SUM(c.fallback_fen), SUM(c.supplementary_fen), SUM(c.commercial_fen) \
             FROM (SELECT *, discharged_on AS day FROM health_claim WHERE id > {after}) c CROSS JOIN {both} \
             WHERE TRUE GROUP BY 1, 2, 3, 4 ON CONFLICT (org_path, kind, whole_month, day) DO UPDATE SET \
             claims = health_claim_tally.claims + excluded.claims, \
             total_cost_fen = health_claim_tally.total_cost_fen + excluded.total_cost_fen, \
             out_of_pocket_fen = health_claim_tally.out_of_pocket_fen + excluded.out_of_pocket_fen, \
             fallback_fen = health_claim_tally.fallback_fen + excluded.fallback_fen, \
             supplementary_fen = health_claim_tally.supplementary_fen + excluded.supplementary_fen, \
             commercial_fen = health_claim_tally.commercial_fen + excluded.commercial_fen"
        )),
        "member" => {
            // CROSS JOIN keeps the new members as SQLite's outer loop; a plain join let the
            // planner walk every household on file through its status index per batch, which
            // made a province's import slow down as it grew (37,811 rows/s after 300,000 rows,
            // 13,367 after 2,500,000).
            let joined = format!(
                "FROM member m CROSS JOIN household h WHERE h.id = m.household_id \
                 AND m.id > {after} AND h.status IN ('registered', 'exited')"
            );
            Some(format!(
                "INSERT INTO health_people_tally (org_path, whole_month, day, on_file, signed) \
                 SELECT c.org_path, w.whole_month, {month}, SUM(c.on_file), 0 \
                 FROM (SELECT h.org_path AS org_path, COALESCE(m.joined_on, '0001-01-01') AS day, 1 AS on_file {joined} \
                 UNION ALL SELECT h.org_path, m.left_on, -1 {joined} AND m.left_on IS NOT NULL) c CROSS JOIN {both} \
                 WHERE TRUE GROUP BY 1, 2, 3 ON CONFLICT (org_path, whole_month, day) DO UPDATE SET \
                 on_file = health_people_tally.on_file + excluded.on_file"
            ))
        }
        _ => None,
    }
}

/// Whether the registry tally follows `table`'s inserts (both engines).
fn registry_follows(table: &str) -> bool {
    matches!(table, "member" | "household_status_change")
}

/// The largest id of `table` so far.
async fn last_id(txn: &DatabaseTransaction, table: &str) -> AppResult<i64> {
    let last = format!("SELECT CAST(COALESCE(MAX(id), 0) AS BIGINT) AS n FROM {table}");
    let backend = txn.get_database_backend();
    Ok(match txn.query_one_raw(Statement::from_string(backend, last)).await? {
        Some(row) => row.try_get("", "n")?,
        None => 0,
    })
}

/// Inserts `rows` in bulk and brings the tallies up to date: [`insert_queued`], then
/// [`flush`].
pub async fn insert_in_bulk<A>(txn: &DatabaseTransaction, rows: Vec<A>) -> AppResult<()>
where
    A: ActiveModelTrait + Send,
{
    let queued = insert_queued(txn, rows).await?;
    if queued {
        flush(txn).await?;
    }
    Ok(())
}

/// Inserts `rows` in bulk. For members and claims on SQLite, whose row triggers cost about
/// 30 µs a row, the health triggers stand aside (a row in `health_tally_paused`, inside this
/// transaction only) and one grouped statement adds the new rows to the tallies. For members
/// and status changes on either engine the registry tally's INSERT triggers stand aside too
/// (`registry_tally_paused`) and the households the new rows belong to are queued: answers
/// whether any were, in which case the caller must [`flush`] before its transaction ends. A
/// writer of many batches (an import) flushes once at the end, so each household is refreshed
/// once, not once per batch that touches it.
pub async fn insert_queued<A>(txn: &DatabaseTransaction, rows: Vec<A>) -> AppResult<bool>
where
    A: ActiveModelTrait + Send,
{
    let table = A::Entity::default().table_name().to_owned();
    let health = txn.get_database_backend() == DbBackend::Sqlite && sqlite_catch_up(&table, 0).is_some();
    let registry = registry_follows(&table);
    if rows.is_empty() || !(health || registry) {
        bulk::insert(txn, rows).await?;
        return Ok(false);
    }
    let after = last_id(txn, &table).await?;
    if health {
        txn.execute_unprepared("INSERT INTO health_tally_paused (paused) VALUES (1)").await?;
    }
    if registry {
        txn.execute_unprepared("INSERT INTO registry_tally_paused (paused) VALUES (1)").await?;
    }
    bulk::insert(txn, rows).await?;
    if health {
        if let Some(sql) = sqlite_catch_up(&table, after) {
            txn.execute_unprepared(&sql).await?;
        }
        txn.execute_unprepared("DELETE FROM health_tally_paused").await?;
    }
    if registry {
        txn.execute_unprepared("DELETE FROM registry_tally_paused").await?;
        txn.execute_unprepared(&format!(
            "INSERT INTO registry_tally_queue (household_id) SELECT DISTINCT household_id FROM {table} \
             WHERE id > {after} ON CONFLICT (household_id) DO NOTHING"
        ))
        .await?;
    }
    Ok(registry)
}

/// Refreshes the households queued by [`insert_queued`] in the registry tally, in one pass.
pub async fn flush(txn: &DatabaseTransaction) -> AppResult<()> {
    txn.execute_unprepared("INSERT INTO registry_tally_flush DEFAULT VALUES").await?;
    Ok(())
}
