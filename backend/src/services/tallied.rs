//! Bulk inserts of rows that the database's tally triggers follow (members and health claims,
//! see the migration `create_health_tallies` and [`super::health::tally`]). On SQLite a row
//! trigger costs about 30 µs a row (measured: 290,000 plain inserts a second against 31,000 with
//! the claim trigger), which would halve a registry or claims import; here the triggers stand
//! aside for the batch and one grouped statement adds what they would have. It lives outside
//! both the registry and health so that either may use it.

use sea_orm::{ActiveModelTrait, ConnectionTrait, DatabaseTransaction, DbBackend, EntityName, Statement};

use crate::error::AppResult;
use crate::services::bulk;

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

/// Inserts `rows` in bulk. For members and claims on SQLite, whose row triggers cost about
/// 30 µs a row, the triggers stand aside (a row in `health_tally_paused`, inside this
/// transaction only) and one grouped statement adds the new rows to the tallies.
pub async fn insert_in_bulk<A>(txn: &DatabaseTransaction, rows: Vec<A>) -> AppResult<()>
where
    A: ActiveModelTrait + Send,
{
    let table = A::Entity::default().table_name().to_owned();
    let sqlite = txn.get_database_backend() == DbBackend::Sqlite;
    if !sqlite || rows.is_empty() || sqlite_catch_up(&table, 0).is_none() {
        return bulk::insert(txn, rows).await;
    }
    let last = format!("SELECT CAST(COALESCE(MAX(id), 0) AS BIGINT) AS n FROM {table}");
    let after: i64 = match txn.query_one_raw(Statement::from_string(DbBackend::Sqlite, last)).await? {
        Some(row) => row.try_get("", "n")?,
        None => 0,
    };
    txn.execute_unprepared("INSERT INTO health_tally_paused (paused) VALUES (1)").await?;
    bulk::insert(txn, rows).await?;
    if let Some(sql) = sqlite_catch_up(&table, after) {
        txn.execute_unprepared(&sql).await?;
    }
    txn.execute_unprepared("DELETE FROM health_tally_paused").await?;
    Ok(())
}
