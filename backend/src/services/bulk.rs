//! Inserting many rows of one table at once.
//!
//! On PostgreSQL the rows travel column by column, each column one array literal unpacked by
//! `unnest`: one parameter per column and one plan for fifty thousand rows, where a multi-row
//! `VALUES` is limited to 65,535 parameters and costs a parse of its whole text each time (a JSON
//! document of the rows unpacked by `json_to_recordset`, used before, spent a third more of the
//! server's time reading the column names repeated in every row). SQLite, in process, takes
//! multi-row `VALUES` in batches under its parameter limit.

use sea_orm::sea_query::{ColumnType, Expr, ExprTrait, PgFunc, Value, sea_value_to_json_value};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseBackend, EntityName, EntityTrait, IdenStatic,
    IntoActiveModel, Iterable, PrimaryKeyTrait, Statement,
};

use crate::error::{AppError, AppResult};

/// SQLite's limit on the parameters of one statement, with room to spare.
const SQLITE_PARAMS: usize = 30_000;
/// PostgreSQL look-ups ([`one_of`]) send this many values a query as one array parameter.
pub const ARRAY_CHUNK: usize = 10_000;

/// Inserts `rows`; every row must set the same columns.
pub async fn insert<A>(db: &impl ConnectionTrait, rows: Vec<A>) -> AppResult<()>
where
    A: ActiveModelTrait + Send,
{
    if rows.is_empty() {
        return Ok(());
    }
    if db.get_database_backend() == DatabaseBackend::Postgres {
        db.execute_raw(postgres_statement(&rows, false)?).await?;
        return Ok(());
    }
    let size = sqlite_batch::<A>(&rows);
    let mut rows = rows.into_iter().peekable();
    while rows.peek().is_some() {
        A::Entity::insert_many(rows.by_ref().take(size).collect::<Vec<_>>()).exec(db).await?;
    }
    Ok(())
}

/// Inserts `rows` and answers their new ids in the order of `rows`.
pub async fn insert_returning_ids<A>(db: &impl ConnectionTrait, rows: Vec<A>) -> AppResult<Vec<i64>>
where
    A: ActiveModelTrait + Send,
    <A::Entity as EntityTrait>::Model: IntoActiveModel<A>,
    <<A::Entity as EntityTrait>::PrimaryKey as PrimaryKeyTrait>::ValueType: Into<i64>,
{
    if rows.is_empty() {
        return Ok(Vec::new());
    }
    let expected = rows.len();
    let ids: Vec<i64> = if db.get_database_backend() == DatabaseBackend::Postgres {
        db.query_all_raw(postgres_statement(&rows, true)?)
            .await?
            .iter()
            .map(|row| row.try_get_by_index::<i64>(0))
            .collect::<Result<_, _>>()?
    } else {
        let size = sqlite_batch::<A>(&rows);
        let mut ids = Vec::with_capacity(expected);
        let mut rows = rows.into_iter().peekable();
        while rows.peek().is_some() {
            let keys = A::Entity::insert_many(rows.by_ref().take(size).collect::<Vec<_>>())
                .exec_with_returning_keys(db)
                .await?;
            ids.extend(keys.into_iter().map(Into::into));
        }
        ids
    };
    if ids.len() != expected {
        return Err(AppError::Internal(format!("insert of {expected} rows answered {} ids", ids.len())));
    }
    Ok(ids)
}

fn set_columns<A: ActiveModelTrait>(first: &A) -> Vec<<A::Entity as EntityTrait>::Column> {
    <A::Entity as EntityTrait>::Column::iter().filter(|c| !first.get(*c).is_not_set()).collect()
}

fn sqlite_batch<A: ActiveModelTrait>(rows: &[A]) -> usize {
    let columns = rows.first().map(|r| set_columns(r).len()).unwrap_or(1).max(1);
    (SQLITE_PARAMS / columns).max(1)
}

/// `INSERT … SELECT … FROM unnest($1::bigint[], $2::text[], …) WITH ORDINALITY … ORDER BY ord`,
/// each parameter one column's values as an array literal: the order by ordinality makes
/// `RETURNING` answer in the order of the rows.
fn postgres_statement<A: ActiveModelTrait>(rows: &[A], returning: bool) -> AppResult<Statement> {
    let Some(first) = rows.first() else {
        return Err(AppError::Internal("bulk insert of no rows".to_owned()));
    };
    let columns = set_columns(first);
    let mut arrays = Vec::with_capacity(columns.len());
    for (i, column) in columns.iter().enumerate() {
        let values = rows.iter().map(|row| {
            row.get(*column).into_value().ok_or_else(|| {
                AppError::Internal(format!("bulk insert: column {} is not set in every row", column.as_str()))
            })
        });
        let literal = array_literal(values, rows.len())?;
        arrays.push((format!("${}::{}[]", i + 1, postgres_type(column.def().get_column_type())?), literal));
    }
    let names: Vec<String> = columns.iter().map(|c| format!("\"{}\"", c.as_str())).collect();
    let names = names.join(", ");
    let table = A::Entity::default().table_name().to_owned();
    let parameters: Vec<&str> = arrays.iter().map(|(p, _)| p.as_str()).collect();
    let mut sql = format!(
        "INSERT INTO \"{table}\" ({names}) SELECT {names} FROM unnest({}) \
         WITH ORDINALITY AS r({names}, bulk_ord) ORDER BY bulk_ord",
        parameters.join(", ")
    );
    if returning {
        sql.push_str(" RETURNING \"id\"");
    }
    Ok(Statement::from_sql_and_values(
        DatabaseBackend::Postgres,
        sql,
        arrays.into_iter().map(|(_, literal)| Value::from(literal)),
    ))
}

/// One element of a PostgreSQL array literal: `NULL`, a number or boolean as written, anything
/// else double-quoted with `"` and `\` escaped.
fn push_element(literal: &mut String, value: &Value) {
    match json_of(value) {
        serde_json::Value::Null => literal.push_str("NULL"),
        serde_json::Value::Bool(b) => literal.push_str(if b { "t" } else { "f" }),
        serde_json::Value::Number(n) => literal.push_str(&n.to_string()),
        serde_json::Value::String(text) => push_quoted(literal, &text),
        json => push_quoted(literal, &json.to_string()),
    }
}

/// A PostgreSQL array literal (`{1,"a",NULL}`) of `values`, `count` of them expected.
fn array_literal(values: impl Iterator<Item = AppResult<Value>>, count: usize) -> AppResult<String> {
    let mut literal = String::with_capacity(count * 8 + 2);
    literal.push('{');
    for (n, value) in values.enumerate() {
        if n > 0 {
            literal.push(',');
        }
        push_element(&mut literal, &value?);
    }
    literal.push('}');
    Ok(literal)
}

/// How many values of a look-up ([`one_of`]) to send a query: [`ARRAY_CHUNK`] on PostgreSQL,
/// one array parameter; `sqlite` on SQLite, one parameter a value under its limit.
pub fn chunk_size(backend: DatabaseBackend, sqlite: usize) -> usize {
    if backend == DatabaseBackend::Postgres { ARRAY_CHUNK } else { sqlite }
}

/// `column IN (values)`. On PostgreSQL `column = ANY(CAST($1 AS type[]))` with the values as
/// one array literal: `IN` with a parameter a value cost about five times as much there, parsed
/// and planned again each time (the claims bench's statement log: 170 ms per 2,500 ID cards;
/// `psql`: 0.6 s for 50,000 as one array).
pub fn one_of<C, V>(backend: DatabaseBackend, column: C, values: impl IntoIterator<Item = V>) -> AppResult<Expr>
where
    C: ColumnTrait,
    V: Into<Value>,
{
    let target = Expr::col(column.as_column_ref());
    if backend != DatabaseBackend::Postgres {
        return Ok(target.is_in(values));
    }
    let values: Vec<Value> = values.into_iter().map(Into::into).collect();
    let literal = array_literal(values.iter().cloned().map(Ok), values.len())?;
    let cast = format!("CAST($1 AS {}[])", postgres_type(column.def().get_column_type())?);
    Ok(target.eq(PgFunc::any(Expr::cust_with_values(cast, [literal]))))
}

fn push_quoted(literal: &mut String, text: &str) {
    literal.push('"');
    for c in text.chars() {
        if c == '"' || c == '\\' {
            literal.push('\\');
        }
        literal.push(c);
    }
    literal.push('"');
}

fn postgres_type(column: &ColumnType) -> AppResult<&'static str> {
    Ok(match column {
        ColumnType::BigInteger => "bigint",
        ColumnType::Integer => "integer",
        ColumnType::SmallInteger => "smallint",
        ColumnType::Char(_) | ColumnType::String(_) | ColumnType::Text | ColumnType::Enum { .. } => "text",
        ColumnType::Double => "double precision",
        ColumnType::Float => "real",
        ColumnType::Boolean => "boolean",
        ColumnType::Date => "date",
        ColumnType::DateTime | ColumnType::Timestamp => "timestamp",
        ColumnType::TimestampWithTimeZone => "timestamptz",
        ColumnType::Json => "json",
        ColumnType::JsonBinary => "jsonb",
        other => return Err(AppError::Internal(format!("bulk insert: no PostgreSQL type for {other:?}"))),
    })
}

/// A value as JSON that PostgreSQL reads back as its column type: dates and times as ISO 8601.
fn json_of(value: &Value) -> serde_json::Value {
    match value {
        Value::ChronoDate(Some(d)) => d.format("%Y-%m-%d").to_string().into(),
        Value::ChronoDateTime(Some(t)) => t.format("%Y-%m-%dT%H:%M:%S%.f").to_string().into(),
        Value::ChronoDateTimeUtc(Some(t)) => t.to_rfc3339().into(),
        Value::ChronoDateTimeWithTimeZone(Some(t)) => t.to_rfc3339().into(),
        Value::ChronoDateTimeLocal(Some(t)) => t.to_rfc3339().into(),
        other => sea_value_to_json_value(other),
    }
}

/// After a bulk load of `added` rows into `table` on PostgreSQL: refreshes the planner's
/// statistics when the load grew the table by a tenth or more of what they counted (a table
/// planned as "empty" after a first load would be scanned by the next file's look-ups);
/// smaller loads leave it to autovacuum. Nothing on SQLite.
pub async fn refresh_statistics(db: &impl ConnectionTrait, table: &str, added: u64) -> AppResult<()> {
    if db.get_database_backend() != DatabaseBackend::Postgres || added < 10_000 {
        return Ok(());
    }
    let counted = Statement::from_sql_and_values(
        DatabaseBackend::Postgres,
        "SELECT CAST(reltuples AS BIGINT) AS n FROM pg_class WHERE oid = to_regclass($1)",
        [Value::from(table.to_owned())],
    );
    let counted: i64 = match db.query_one_raw(counted).await? {
        Some(row) => row.try_get("", "n")?,
        None => -1,
    };
    if counted < 0 || added.saturating_mul(10) >= u64::try_from(counted).unwrap_or(0) {
        db.execute_unprepared(&format!("ANALYZE \"{table}\"")).await?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use sea_orm::sea_query::{PostgresQueryBuilder, Query};

    use super::*;
    use crate::entities::member;

    #[test]
    fn one_of_sends_postgresql_one_array_parameter() {
        let expr = one_of(DatabaseBackend::Postgres, member::Column::IdCardNo, ["a\"b", "c"]).expect("expr");
        let (sql, values) =
            Query::select().column(member::Column::Id).from(member::Entity).and_where(expr).build(PostgresQueryBuilder);
        assert!(sql.ends_with(r#"WHERE "member"."id_card_no" = ANY(CAST($1 AS text[]))"#), "{sql}");
        assert_eq!(values.0, vec![Value::from(r#"{"a\"b","c"}"#.to_owned())]);
    }
}
