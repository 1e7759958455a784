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

/// The migrator's own bookkeeping table is sea-orm's, not the project's schema.
const MIGRATIONS_TABLE: &str = "seaql_migrations";

#[tokio::test]
async fn the_schema_after_all_migrations_matches_the_snapshot_for_its_engine() {
    let app = TestApp::spawn_empty().await;

    let (engine, actual) = match app.db.get_database_backend() {
        DbBackend::Sqlite => ("sqlite", sqlite_schema(&app.db).await),
        DbBackend::Postgres => ("postgres", postgres_schema(&app.db).await),
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

async fn sqlite_schema(db: &DatabaseConnection) -> String {
    let mut out = String::new();
    let tables: Vec<[String; 2]> = rows(
        db,
        &format!(
            "SELECT name, CAST(instr(upper(sql), 'AUTOINCREMENT') > 0 AS TEXT) FROM sqlite_master \
             WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> '{MIGRATIONS_TABLE}' ORDER BY name"
        ),
    )
    .await;
    for [table, autoincrement] in tables {
        let flag = if autoincrement == "1" { " (autoincrement)" } else { "" };
        let _ = writeln!(out, "table {table}{flag}");
        let columns: Vec<[String; 5]> = rows(
            db,
            &format!(
                "SELECT name, type, CAST(\"notnull\" AS TEXT), dflt_value, CAST(pk AS TEXT) \
                 FROM pragma_table_info('{table}') ORDER BY cid"
            ),
        )
        .await;
        let mut primary: Vec<(String, String)> = Vec::new();
        for [name, kind, not_null, default, pk] in columns {
            let _ = writeln!(out, "  column {name} {}", column_tail(&kind, not_null == "1", &default));
            if pk != "0" {
                primary.push((pk, name));
            }
        }
        primary.sort_by_key(|(position, _)| position.parse::<u32>().unwrap_or(0));
        if !primary.is_empty() {
            let names: Vec<String> = primary.into_iter().map(|(_, name)| name).collect();
            let _ = writeln!(out, "  primary key ({})", names.join(", "));
        }
        let indexes: Vec<[String; 4]> = rows(
            db,
            &format!(
                "SELECT name, CAST(\"unique\" AS TEXT), origin, CAST(partial AS TEXT) \
                 FROM pragma_index_list('{table}') ORDER BY name"
            ),
        )
        .await;
        for [index, unique, origin, partial] in indexes {
            let columns: Vec<[String; 1]> = rows(
                db,
                &format!(
                    "SELECT COALESCE(name, '<expression>') || CASE WHEN \"desc\" = 1 THEN ' desc' ELSE '' END \
                     FROM pragma_index_xinfo('{index}') WHERE key = 1 ORDER BY seqno"
                ),
            )
            .await;
            let origin = match origin.as_str() {
                "pk" => " (primary key)",
                "u" => " (unique constraint)",
                _ => "",
            };
            let partial = if partial == "1" { " (partial)" } else { "" };
            let unique = if unique == "1" { "unique " } else { "" };
            let _ = writeln!(out, "  {unique}index {index} ({}){origin}{partial}", joined(columns));
        }
        let foreign: Vec<[String; 6]> = rows(
            db,
            &format!(
                "SELECT CAST(id AS TEXT), \"from\", \"table\", \"to\", on_update, on_delete \
                 FROM pragma_foreign_key_list('{table}') ORDER BY id, seq"
            ),
        )
        .await;
        let mut keys: Vec<(String, Vec<String>, String, Vec<String>, String)> = Vec::new();
        for [id, from, target, to, on_update, on_delete] in foreign {
            match keys.last_mut() {
                Some((last, froms, _, tos, _)) if *last == id => {
                    froms.push(from);
                    tos.push(to);
                }
                _ => keys.push((id, vec![from], target, vec![to], actions(&on_update, &on_delete))),
            }
        }
        // SQLite numbers a table's keys from the last declared; the text order is stable.
        let mut lines: Vec<String> = keys
            .into_iter()
            .map(|(_, from, target, to, actions)| {
                format!("  foreign key ({}) references {target} ({}){actions}", from.join(", "), to.join(", "))
            })
            .collect();
        lines.sort();
        lines.iter().for_each(|line| {
            let _ = writeln!(out, "{line}");
        });
    }
    out
}

async fn postgres_schema(db: &DatabaseConnection) -> String {
    let mut out = String::new();
    let tables: Vec<[String; 1]> = rows(
        db,
        &format!(
            "SELECT c.relname::text FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace \
             WHERE n.nspname = current_schema() AND c.relkind = 'r' AND c.relname <> '{MIGRATIONS_TABLE}' \
             ORDER BY c.relname"
        ),
    )
    .await;
    for [table] in tables {
        let _ = writeln!(out, "table {table}");
        let columns: Vec<[String; 5]> = rows(
            db,
            &format!(
                "SELECT a.attname::text, format_type(a.atttypid, a.atttypmod), a.attnotnull::text, \
                 pg_get_expr(d.adbin, d.adrelid), a.attidentity::text \
                 FROM pg_attribute a LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum \
                 WHERE a.attrelid = '{table}'::regclass AND a.attnum > 0 AND NOT a.attisdropped ORDER BY a.attnum"
            ),
        )
        .await;
        for [name, kind, not_null, default, identity] in columns {
            let identity = match identity.as_str() {
                "a" => " generated always as identity",
                "d" => " generated by default as identity",
                _ => "",
            };
            let _ = writeln!(out, "  column {name} {}{identity}", column_tail(&kind, not_null == "true", &default));
        }
        let indexes: Vec<[String; 5]> = rows(
            db,
            &format!(
                "SELECT i.relname::text, x.indisunique::text, x.indisprimary::text, \
                 pg_get_expr(x.indpred, x.indrelid), \
                 (SELECT string_agg(COALESCE(a.attname::text, '<expression>') || CASE WHEN \
                   pg_index_column_has_property(x.indexrelid, k.ord::int, 'desc') THEN ' desc' ELSE '' END, \
                   ', ' ORDER BY k.ord) \
                  FROM unnest(x.indkey::int2[]) WITH ORDINALITY AS k(attnum, ord) \
                  LEFT JOIN pg_attribute a ON a.attrelid = x.indrelid AND a.attnum = k.attnum) \
                 FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid \
                 WHERE x.indrelid = '{table}'::regclass ORDER BY i.relname"
            ),
        )
        .await;
        for [index, unique, primary, predicate, columns] in indexes {
            let unique = if unique == "true" { "unique " } else { "" };
            let primary = if primary == "true" { " (primary key)" } else { "" };
            let predicate = if predicate.is_empty() { String::new() } else { format!(" where {predicate}") };
            let _ = writeln!(out, "  {unique}index {index} ({columns}){primary}{predicate}");
        }
        let constraints: Vec<[String; 5]> = rows(
            db,
            &format!(
                "SELECT c.conname::text, c.contype::text, CASE WHEN c.contype = 'f' THEN \
                   '(' || (SELECT string_agg(a.attname::text, ', ' ORDER BY k.ord) \
                     FROM unnest(c.conkey) WITH ORDINALITY AS k(attnum, ord) \
                     JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.attnum) \
                   || ') references ' || c.confrelid::regclass::text || ' (' \
                   || (SELECT string_agg(a.attname::text, ', ' ORDER BY k.ord) \
                     FROM unnest(c.confkey) WITH ORDINALITY AS k(attnum, ord) \
                     JOIN pg_attribute a ON a.attrelid = c.confrelid AND a.attnum = k.attnum) || ')' \
                 ELSE pg_get_constraintdef(c.oid) END, \
                 c.confupdtype::text, c.confdeltype::text \
                 FROM pg_constraint c WHERE c.conrelid = '{table}'::regclass AND c.contype IN ('f', 'c') \
                 ORDER BY c.contype DESC, c.conname"
            ),
        )
        .await;
        for [name, kind, definition, on_update, on_delete] in constraints {
            let line = if kind == "f" {
                format!("foreign key {name} {definition}{}", actions(&on_update, &on_delete))
            } else {
                format!("check {name} {definition}")
            };
            let _ = writeln!(out, "  {line}");
        }
    }
    out
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

fn joined(columns: Vec<[String; 1]>) -> String {
    columns.into_iter().map(|[column]| column).collect::<Vec<_>>().join(", ")
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
