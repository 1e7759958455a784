//! Importing per-member records (student aid, jobs) from a bureau's spreadsheet, on the
//! registry import's machinery: the rows as `sheet::read` gives them, every row error named
//! by column ([`RowErrors`]), progress on the caller's ticket, and a commit that writes all
//! rows in one audited transaction or nothing. The first column is always the member's ID
//! card; each area parses the rest of its row and writes its records.

use jingzhun_shared::IdCardNo;
use jingzhun_shared::registry::RecordImportReport;
use sea_orm::{ColumnTrait, ConnectionTrait, DatabaseTransaction, EntityTrait, QueryFilter};

use super::record_members::{Placed, by_id_cards};
use crate::actor::CurrentUser;
use crate::error::AppResult;
use crate::progress::Ticket;
use crate::services::audit::Event;
use crate::services::sheet::{RawRow, RowErrors};
use crate::services::txn::{Db, in_txn};

/// A row that passed every check: its member and what the area parsed.
pub struct MemberRow<T> {
    pub line: u64,
    pub member: Placed,
    pub value: T,
}

/// Marks every row whose `key` repeats a record on file (`on_file`) or an earlier row of the
/// file, at `column` with `message`: a file imported twice, or a line copied twice, writes
/// nothing twice.
pub fn once<T, K: Eq + std::hash::Hash>(
    rows: &[MemberRow<T>],
    on_file: impl IntoIterator<Item = K>,
    key: impl Fn(&MemberRow<T>) -> K,
    errors: &mut RowErrors,
    column: usize,
    message: &str,
) {
    let mut seen: std::collections::HashSet<K> = on_file.into_iter().collect();
    for r in rows {
        if !seen.insert(key(r)) {
            errors.add(r.line, column, message);
        }
    }
}

/// The keys (`key`) of the records of `E` whose `column` holds an id the rows give (`of`),
/// looked up a thousand ids at a time: what [`once`] holds a file against.
pub async fn keys_on_file<E, T, K>(
    db: &impl ConnectionTrait,
    rows: &[MemberRow<T>],
    of: impl Fn(&MemberRow<T>) -> i64,
    column: E::Column,
    key: impl Fn(E::Model) -> K,
) -> AppResult<Vec<K>>
where
    E: EntityTrait,
{
    let mut ids: Vec<i64> = rows.iter().map(of).collect();
    ids.sort_unstable();
    ids.dedup();
    let mut keys = Vec::new();
    for chunk in ids.chunks(1_000) {
        keys.extend(E::find().filter(column.is_in(chunk.to_vec())).all(db).await?.into_iter().map(&key));
    }
    Ok(keys)
}

/// What one import is: its columns, the audited entity, and the area's row parser (cells
/// from the second column on; errors added to the row's line).
pub struct RecordImport<'a, T> {
    pub columns: &'static [&'static str],
    pub entity: &'static str,
    pub commit: bool,
    pub parse: &'a dyn Fn(&RawRow, &mut RowErrors) -> Option<T>,
}

/// What an area does with the rows that passed: `check` them against each other and what is on
/// file (adding row errors), then `write` them in the import's transaction.
pub struct Steps<C, W> {
    pub check: C,
    pub write: W,
}

/// Checks `raw` and, when `spec.commit` and nothing is wrong, hands every row to the area's
/// `write` in one transaction.
pub async fn import<T, C, W>(
    db: &impl Db,
    user: &CurrentUser,
    raw: Vec<RawRow>,
    spec: RecordImport<'_, T>,
    ticket: Option<&mut Ticket<'_>>,
    steps: Steps<C, W>,
) -> AppResult<RecordImportReport>
where
    C: AsyncFnOnce(&[MemberRow<T>], &mut RowErrors) -> AppResult<()>,
    W: AsyncFnOnce(&DatabaseTransaction, Vec<MemberRow<T>>) -> AppResult<()>,
{
    let total = raw.len() as u64;
    let set = |ticket: &Option<&mut Ticket<'_>>, phase: &str| {
        if let Some(t) = ticket.as_deref() {
            t.set(phase, 0, total);
        }
    };
    set(&ticket, "checking");
    let mut errors = RowErrors::new(spec.columns);
    let cards: Vec<String> =
        raw.iter().filter_map(|r| IdCardNo::parse(r.cells.first()?).ok()).map(|c| c.as_str().to_owned()).collect();
    let mut members = by_id_cards(db, user, &cards).await?;
    let mut rows = Vec::with_capacity(raw.len());
    for r in &raw {
        errors.add_unreadable_cells(r);
        let cell = r.cells.first().map(String::as_str).unwrap_or_default();
        let member = match IdCardNo::parse(cell) {
            Err(e) => {
                errors.add(r.line, 0, e.0);
                None
            }
            Ok(card) => {
                let found = members.get(card.as_str()).cloned();
                if found.is_none() {
                    errors.add(r.line, 0, "该身份证号不是您管辖范围内建档立卡户的在册成员");
                }
                found
            }
        };
        if let (Some(value), Some(member)) = ((spec.parse)(r, &mut errors), member) {
            rows.push(MemberRow { line: r.line, member, value });
        }
    }
    members.clear();
    (steps.check)(&rows, &mut errors).await?;
    let mut report = RecordImportReport {
        committed: false,
        rows: total,
        records: rows.len() as u64,
        error_count: errors.count,
        errors: errors.into_sorted(),
    };
    if spec.commit && report.error_count == 0 {
        set(&ticket, "writing");
        let summary = serde_json::json!({ "rows": report.rows, "records": report.records });
        in_txn(db, Some(user), async |txn| {
            (steps.write)(txn, rows).await?;
            Ok(((), Event::new("import", spec.entity, "").after(&summary)))
        })
        .await?;
        report.committed = true;
    }
    if let Some(t) = ticket {
        t.done(total);
    }
    Ok(report)
}

/// The cells of a row as the areas' parsers read them, each error named on its column.
pub struct Cells<'a> {
    pub row: &'a RawRow,
    pub errors: &'a mut RowErrors,
}

impl Cells<'_> {
    pub fn text(&self, column: usize) -> &str {
        self.row.cells.get(column).map(String::as_str).unwrap_or_default()
    }

    pub fn add(&mut self, column: usize, message: impl Into<String>) {
        self.errors.add(self.row.line, column, message);
    }

    /// A value named by its Chinese label or wire word.
    pub fn label<T: jingzhun_shared::StringEnum>(&mut self, column: usize, what: &str) -> Option<T> {
        let value = crate::services::registry::labels::parse_label(self.text(column));
        if value.is_none() {
            let labels = crate::services::registry::labels::all_labels::<T>();
            self.add(column, format!("{what}须为 {labels}"));
        }
        value
    }

    /// A date `YYYY-MM-DD` between the earliest a record may carry and `today`; blank is `None`
    /// when `optional`.
    pub fn date(
        &mut self,
        column: usize,
        today: chrono::NaiveDate,
        optional: bool,
    ) -> Option<Option<chrono::NaiveDate>> {
        let text = self.text(column).to_owned();
        if text.is_empty() && optional {
            return Some(None);
        }
        match chrono::NaiveDate::parse_from_str(&text, "%Y-%m-%d") {
            Err(_) => self.add(column, "日期须为 YYYY-MM-DD，例如 2020-06-30"),
            Ok(date) => match jingzhun_shared::dates::typed_date_error(date, today) {
                Some(message) => self.add(column, message),
                None => return Some(Some(date)),
            },
        }
        None
    }

    /// An amount in 元 (blank is `None` when `optional`).
    pub fn yuan(&mut self, column: usize, optional: bool) -> Option<Option<jingzhun_shared::Fen>> {
        if self.text(column).is_empty() && optional {
            return Some(None);
        }
        match jingzhun_shared::Fen::parse_yuan(self.text(column)) {
            Ok(fen) => Some(Some(fen)),
            Err(message) => {
                self.add(column, message);
                None
            }
        }
    }

    /// 是 / 否.
    pub fn yes_no(&mut self, column: usize) -> Option<bool> {
        match self.text(column) {
            "是" | "Y" | "y" | "1" => Some(true),
            "否" | "N" | "n" | "0" => Some(false),
            _ => {
                self.add(column, "须填 是 或 否");
                None
            }
        }
    }

    /// A whole number.
    pub fn number(&mut self, column: usize, what: &str) -> Option<i32> {
        let value = self.text(column).parse::<i32>().ok();
        if value.is_none() {
            self.add(column, format!("{what}须为整数"));
        }
        value
    }
}
