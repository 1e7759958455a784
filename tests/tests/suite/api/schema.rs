//! The schema after every migration, read back from the database in a normalised text form and
//! compared with the snapshot checked in for its engine (`tests/snapshots/schema.<engine>.txt`).
//!
//! Migrations are frozen: an old one must produce the same schema for ever, so any change to
//! this text is either a bug in an edit to an old migration (or to something it calls) or the
//! intended effect of a new migration. For the latter, rerun with `UPDATE_SCHEMA_SNAPSHOT=1`
//! on both engines and commit the rewritten files with the migration.

use std::fmt::Write as _;
use std::path::PathBuf;

use sea_orm::{ConnectionTrait, DatabaseConnection, DbBackend, Statement};

use crate::helpers::TestApp;

mod postgres;
mod sqlite;

/// The migrator's own bookkeeping table is sea-orm's, not the project's schema.
const MIGRATIONS_TABLE: &str = "seaql_migrations";

#[tokio::test]
async fn the_schema_after_all_migrations_matches_the_snapshot_for_its_engine() {
    let app = TestApp::spawn_empty().await;

    let (engine, actual) = match app.db.get_database_backend() {
        DbBackend::Sqlite => ("sqlite", sqlite::schema(&app.db).await),
        DbBackend::Postgres => ("postgres", postgres::schema(&app.db).await),
        other => panic!("no schema reader for {other:?}"),
    };

    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(format!("snapshots/schema.{engine}.txt"));
    if std::env::var("UPDATE_SCHEMA_SNAPSHOT").as_deref() == Ok("1") {
        std::fs::write(&path, &actual).unwrap_or_else(|e| panic!("write {}: {e}", path.display()));
        eprintln!("rewrote {}", path.display());
        return;
    }
    let expected = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        expected == actual,
        "the {engine} schema after all migrations differs from {} (- snapshot, + now):\n{}\n\
         An old migration must never change. If a NEW migration made this change on purpose, \
         update the snapshot with `UPDATE_SCHEMA_SNAPSHOT=1 cargo test -p jingzhun-tests --test suite -- \
         api::schema` (and again with JINGZHUN_TEST_DB=postgres and TEST_DATABASE_URL set) and commit it.",
        path.display(),
        diff(&expected, &actual),
    );
}

/// Every row of `sql`, each column read as text (NULL as ""); the queries cast to TEXT.
async fn rows<const N: usize>(db: &DatabaseConnection, sql: &str) -> Vec<[String; N]> {
    let statement = Statement::from_string(db.get_database_backend(), sql.to_owned());
    let result = db.query_all_raw(statement).await.unwrap_or_else(|e| panic!("{sql}: {e}"));
    result
        .iter()
        .map(|row| {
            std::array::from_fn(|i| {
                row.try_get_by_index::<Option<String>>(i)
                    .unwrap_or_else(|e| panic!("{sql}, column {i}: {e}"))
                    .unwrap_or_default()
            })
        })
        .collect()
}

/// `type [not] null [default …]`, the same words on both engines.
fn column_tail(kind: &str, not_null: bool, default: &str) -> String {
    let null = if not_null { "not null" } else { "null" };
    let default = if default.is_empty() { String::new() } else { format!(" default {default}") };
    format!("{} {null}{default}", kind.to_lowercase())
}

/// Referential actions in SQLite's words, from SQLite's words or PostgreSQL's one-letter codes.
fn actions(on_update: &str, on_delete: &str) -> String {
    let word = |action: &str| match action {
        "a" => "no action".to_owned(),
        "r" => "restrict".to_owned(),
        "c" => "cascade".to_owned(),
        "n" => "set null".to_owned(),
        "d" => "set default".to_owned(),
        other => other.to_lowercase(),
    };
    format!(" on update {} on delete {}", word(on_update), word(on_delete))
}

/// A line diff (longest common subsequence): `-` only in the snapshot, `+` only now, each
/// change under the `table` line it belongs to; unchanged lines are left out.
fn diff(expected: &str, actual: &str) -> String {
    let old: Vec<&str> = expected.lines().collect();
    let new: Vec<&str> = actual.lines().collect();
    let width = new.len() + 1;
    // common[i * width + j]: length of the common subsequence of old[i..] and new[j..].
    let mut common = vec![0usize; (old.len() + 1) * width];
    for i in (0..old.len()).rev() {
        for j in (0..new.len()).rev() {
            let value = if old.get(i) == new.get(j) {
                common.get((i + 1) * width + j + 1).copied().unwrap_or(0) + 1
            } else {
                let down = common.get((i + 1) * width + j).copied().unwrap_or(0);
                let right = common.get(i * width + j + 1).copied().unwrap_or(0);
                down.max(right)
            };
            if let Some(cell) = common.get_mut(i * width + j) {
                *cell = value;
            }
        }
    }
    let at = |i: usize, j: usize| common.get(i * width + j).copied().unwrap_or(0);
    let (mut i, mut j, mut out) = (0, 0, String::new());
    // The table a change is in, printed before its first change only.
    let mut table: Option<&str> = None;
    let mut changed = |sign: char, line: &str, table: &mut Option<&str>| {
        if let Some(header) = table.take() {
            let _ = writeln!(out, "  {header}");
        }
        let _ = writeln!(out, "{sign} {line}");
    };
    while i < old.len() || j < new.len() {
        match (old.get(i), new.get(j)) {
            (Some(a), Some(b)) if a == b => {
                if a.starts_with("table ") {
                    table = Some(a);
                }
                (i, j) = (i + 1, j + 1);
            }
            (Some(a), Some(_)) if at(i + 1, j) >= at(i, j + 1) => {
                changed('-', a, &mut table);
                i += 1;
            }
            (Some(a), None) => {
                changed('-', a, &mut table);
                i += 1;
            }
            (_, Some(b)) => {
                changed('+', b, &mut table);
                j += 1;
            }
            (None, None) => break,
        }
    }
    out
}
