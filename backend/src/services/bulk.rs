//! Inserting many rows of one table at once.
//!
//! On PostgreSQL the rows travel as one JSON document unpacked by `json_to_recordset`: one
//! parameter and one plan for ten thousand rows, where a multi-row `VALUES` is limited to 65,535
//! parameters and costs a parse of its whole text each time. SQLite, in process, takes multi-row
//! `VALUES` in batches under its parameter limit.

use sea_orm::sea_query::{ColumnType, Value, sea_value_to_json_value};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseBackend, EntityName, EntityTrait, IdenStatic,
    IntoActiveModel, Iterable, PrimaryKeyTrait, Statement,
};

use crate::error::{AppError, AppResult};

/// SQLite's limit on the parameters of one statement, with room to spare.
const SQLITE_PARAMS: usize = 30_000;

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

/// `INSERT … SELECT … FROM ROWS FROM (json_to_recordset($1)) WITH ORDINALITY … ORDER BY ord`:
/// the order by ordinality makes `RETURNING` answer in the order of the document.
fn postgres_statement<A: ActiveModelTrait>(rows: &[A], returning: bool) -> AppResult<Statement> {
    let Some(first) = rows.first() else {
        return Err(AppError::Internal("bulk insert of no rows".to_owned()));
    };
    let columns = set_columns(first);
    let mut definitions = Vec::with_capacity(columns.len());
    for column in &columns {
        definitions.push(format!("\"{}\" {}", column.as_str(), postgres_type(column.def().get_column_type())?));
    }
    let mut document = Vec::with_capacity(rows.len());
    for row in rows {
        let mut object = serde_json::Map::with_capacity(columns.len());
        for column in &columns {
            let value = row.get(*column).into_value().ok_or_else(|| {
                AppError::Internal(format!("bulk insert: column {} is not set in every row", column.as_str()))
            })?;
            object.insert(column.as_str().to_owned(), json_of(&value));
        }
        document.push(serde_json::Value::Object(object));
    }
    let names: Vec<String> = columns.iter().map(|c| format!("\"{}\"", c.as_str())).collect();
    let names = names.join(", ");
    let table = A::Entity::default().table_name().to_owned();
    let mut sql = format!(
        "INSERT INTO \"{table}\" ({names}) SELECT {names} FROM ROWS FROM (json_to_recordset($1::json) AS ({})) \
         WITH ORDINALITY AS r({names}, bulk_ord) ORDER BY bulk_ord",
        definitions.join(", ")
    );
    if returning {
        sql.push_str(" RETURNING \"id\"");
    }
    Ok(Statement::from_sql_and_values(
        DatabaseBackend::Postgres,
        sql,
        [Value::from(serde_json::Value::Array(document).to_string())],
    ))
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
