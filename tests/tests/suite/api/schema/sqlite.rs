//! The schema as SQLite's catalogue tells it: `sqlite_master` and the table-valued pragmas.

use std::fmt::Write as _;

use sea_orm::DatabaseConnection;

use super::{MIGRATIONS_TABLE, actions, column_tail, rows};

pub(super) async fn schema(db: &DatabaseConnection) -> String {
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
        columns(db, &table, &mut out).await;
        indexes(db, &table, &mut out).await;
        foreign_keys(db, &table, &mut out).await;
    }
    out
}

/// Columns in declared order, then the primary key in its own order.
async fn columns(db: &DatabaseConnection, table: &str, out: &mut String) {
    let columns: Vec<[String; 5]> = rows(
        db,
        &format!(
            "SELECT name, type, CAST(\"notnull\" AS TEXT), dflt_value, CAST(pk AS TEXT) \
             FROM pragma_table_info('{table}') ORDER BY cid"
        ),
    )
    .await;
    let mut primary: Vec<(u32, String)> = Vec::new();
    for [name, kind, not_null, default, pk] in columns {
        let _ = writeln!(out, "  column {name} {}", column_tail(&kind, not_null == "1", &default));
        match pk.parse::<u32>() {
            Ok(0) | Err(_) => {}
            Ok(position) => primary.push((position, name)),
        }
    }
    primary.sort();
    if !primary.is_empty() {
        let names: Vec<String> = primary.into_iter().map(|(_, name)| name).collect();
        let _ = writeln!(out, "  primary key ({})", names.join(", "));
    }
}

async fn indexes(db: &DatabaseConnection, table: &str, out: &mut String) {
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
        let columns: Vec<String> = columns.into_iter().map(|[column]| column).collect();
        let origin = match origin.as_str() {
            "pk" => " (primary key)",
            "u" => " (unique constraint)",
            _ => "",
        };
        let partial = if partial == "1" { " (partial)" } else { "" };
        let unique = if unique == "1" { "unique " } else { "" };
        let _ = writeln!(out, "  {unique}index {index} ({}){origin}{partial}", columns.join(", "));
    }
}

/// One foreign key, gathered from its rows in `pragma_foreign_key_list` (one per column).
struct ForeignKey {
    id: String,
    from: Vec<String>,
    target: String,
    to: Vec<String>,
    actions: String,
}

async fn foreign_keys(db: &DatabaseConnection, table: &str, out: &mut String) {
    let rows: Vec<[String; 6]> = rows(
        db,
        &format!(
            "SELECT CAST(id AS TEXT), \"from\", \"table\", \"to\", on_update, on_delete \
             FROM pragma_foreign_key_list('{table}') ORDER BY id, seq"
        ),
    )
    .await;
    let mut keys: Vec<ForeignKey> = Vec::new();
    for [id, from, target, to, on_update, on_delete] in rows {
        match keys.last_mut() {
            Some(key) if key.id == id => {
                key.from.push(from);
                key.to.push(to);
            }
            _ => keys.push(ForeignKey {
                id,
                from: vec![from],
                target,
                to: vec![to],
                actions: actions(&on_update, &on_delete),
            }),
        }
    }
    // SQLite numbers a table's keys from the last declared; the text order is stable.
    let mut lines: Vec<String> = keys
        .iter()
        .map(|key| {
            let (from, to) = (key.from.join(", "), key.to.join(", "));
            format!("  foreign key ({from}) references {} ({to}){}", key.target, key.actions)
        })
        .collect();
    lines.sort();
    for line in lines {
        let _ = writeln!(out, "{line}");
    }
}
