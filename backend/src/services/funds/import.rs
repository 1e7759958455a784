//! Expenditures from a spreadsheet (xlsx or CSV) with the registry import's rules: a preview
//! lists every row error, a commit writes every row or none.

use std::collections::hash_map::Entry;
use std::collections::{HashMap, HashSet};

use chrono::{NaiveDate, Utc};
use jingzhun_shared::funds::{EXPENDITURE_COLUMNS, ExpenditureImportReport};
use jingzhun_shared::{Capability, Fen, ProjectStatus};
use sea_orm::{ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QuerySelect};

use super::charge;
use crate::actor::CurrentUser;
use crate::entities::{expenditure, project};
use crate::error::{AppError, AppResult};
use crate::services::audit::Event;
use crate::services::bulk;
use crate::services::sheet::{self, RawRow, RowErrors};
use crate::services::txn::{Db, in_txn};

/// Rows are looked up and written in batches of this many.
const BATCH: usize = 1_000;

/// The expenditure import template: the header and one example row.
pub fn template() -> AppResult<Vec<u8>> {
    sheet::template("支出", EXPENDITURE_COLUMNS, &["1", "12000.50", "2020-06-30", "PZ2020-0001"], &[])
}

struct Row {
    line: u64,
    project: i64,
    amount: i64,
    paid_on: NaiveDate,
    voucher: String,
}

fn check_row(r: &RawRow, errors: &mut RowErrors, vouchers: &mut HashSet<String>) -> Option<Row> {
    let cell = |i: usize| r.cells.get(i).map(String::as_str).unwrap_or_default();
    let before = errors.count;
    errors.add_unreadable_cells(r);
    let project = cell(0).parse::<i64>().ok().filter(|id| *id > 0);
    if project.is_none() {
        errors.add(r.line, 0, "项目编号须为台账中的数字编号");
    }
    let amount = match Fen::parse_yuan(cell(1)) {
        Ok(f) if f.fen() > 0 => Some(f.fen()),
        Ok(_) => {
            errors.add(r.line, 1, "金额须大于 0");
            None
        }
        Err(e) => {
            errors.add(r.line, 1, e);
            None
        }
    };
    let paid_on = NaiveDate::parse_from_str(cell(2), "%Y-%m-%d").ok();
    match paid_on {
        None => errors.add(r.line, 2, "支付日期须为 YYYY-MM-DD，例如 2020-06-30"),
        Some(d) if d > Utc::now().date_naive() => errors.add(r.line, 2, "支付日期不能晚于今天"),
        Some(_) => {}
    }
    let voucher = cell(3).to_owned();
    if voucher.is_empty() || voucher.chars().count() > 64 {
        errors.add(r.line, 3, "请填写凭证号（最多 64 个字）");
    } else if !vouchers.insert(voucher.clone()) {
        errors.add(r.line, 3, "该凭证号在文件中重复");
    }
    if errors.count > before {
        return None;
    }
    Some(Row { line: r.line, project: project?, amount: amount?, paid_on: paid_on?, voucher })
}

/// Checks `raw` and, with `commit`, writes every expenditure in one transaction, or nothing.
pub async fn import(
    db: &impl Db,
    user: &CurrentUser,
    raw: Vec<RawRow>,
    commit: bool,
) -> AppResult<ExpenditureImportReport> {
    user.require(Capability::EditFunds)?;
    let mut errors = RowErrors::new(EXPENDITURE_COLUMNS);
    let mut vouchers = HashSet::new();
    let total = raw.len() as u64;
    let rows: Vec<Row> = raw.iter().filter_map(|r| check_row(r, &mut errors, &mut vouchers)).collect();
    let (projects, amount) = check_against_file(db, user, &rows, &mut errors).await?;
    let report = ExpenditureImportReport {
        committed: false,
        rows: total,
        amount_fen: Fen::new(amount),
        projects,
        error_count: errors.count,
        errors: errors.into_sorted(),
    };
    if !commit || report.error_count > 0 {
        return Ok(report);
    }
    let summary = serde_json::json!({
        "rows": report.rows, "amount_fen": report.amount_fen, "projects": report.projects,
    });
    in_txn(db, Some(user), async |txn| {
        write(txn, &rows).await?;
        Ok(((), Event::new("import", "expenditure", "").after(&summary)))
    })
    .await?;
    Ok(ExpenditureImportReport { committed: true, ..report })
}

/// Checks the rows against the projects and vouchers on file, keeping a running sum per
/// project so the row that crosses the budget is named; answers how many projects the file
/// names and the amount of the rows that pass.
async fn check_against_file(
    db: &impl ConnectionTrait,
    user: &CurrentUser,
    rows: &[Row],
    errors: &mut RowErrors,
) -> AppResult<(u64, i64)> {
    let mut ids: Vec<i64> = rows.iter().map(|r| r.project).collect();
    ids.sort_unstable();
    ids.dedup();
    let projects = projects_in_scope(db, user, &ids).await?;
    let mut issued: HashMap<i64, NaiveDate> = HashMap::new();
    for p in projects.values() {
        if let Entry::Vacant(day) = issued.entry(p.batch_id) {
            day.insert(super::expenditures::issued_on(db, p.batch_id).await?);
        }
    }
    let on_file = vouchers_on_file(db, rows).await?;
    let mut spent: HashMap<i64, i64> = projects.iter().map(|(id, p)| (*id, p.spent_fen)).collect();
    let mut amount = 0i64;
    for row in rows {
        if on_file.contains(&row.voucher) {
            errors.add(row.line, 3, format!("凭证号 {} 已登记", row.voucher));
        }
        let Some(p) = projects.get(&row.project) else {
            errors.add(row.line, 0, format!("项目 {} 不存在或不在您的管辖范围", row.project));
            continue;
        };
        if p.status == ProjectStatus::Planned {
            errors.add(row.line, 0, format!("项目 {}（{}）尚未开工，不能登记支出", p.id, p.status.zh()));
            continue;
        }
        if let Some(day) = issued.get(&p.batch_id).filter(|day| row.paid_on < **day) {
            errors.add(row.line, 2, format!("支付日期不能早于项目所属批次的资金下达日期 {day}"));
            continue;
        }
        let so_far = spent.entry(p.id).or_default();
        let Some(with_row) = so_far.checked_add(row.amount).filter(|s| *s <= p.budget_fen) else {
            errors.add(
                row.line,
                1,
                format!(
                    "超出项目 {} 的预算：剩余可支出 {} 元",
                    p.id,
                    Fen::new(p.budget_fen.saturating_sub(*so_far)).to_yuan_string()
                ),
            );
            continue;
        };
        *so_far = with_row;
        amount = amount.saturating_add(row.amount);
    }
    Ok((ids.len() as u64, amount))
}

/// The projects named, as they are now, that the caller sees.
async fn projects_in_scope(
    db: &impl ConnectionTrait,
    user: &CurrentUser,
    ids: &[i64],
) -> AppResult<HashMap<i64, project::Model>> {
    let mut projects = HashMap::new();
    for chunk in ids.chunks(BATCH) {
        for p in project::Entity::find().filter(project::Column::Id.is_in(chunk.to_vec())).all(db).await? {
            if user.sees(&p.org_path) {
                projects.insert(p.id, p);
            }
        }
    }
    Ok(projects)
}

/// The rows' vouchers already on file.
async fn vouchers_on_file(db: &impl ConnectionTrait, rows: &[Row]) -> AppResult<HashSet<String>> {
    let wanted: Vec<String> = rows.iter().map(|r| r.voucher.clone()).collect();
    let mut on_file = HashSet::new();
    for chunk in wanted.chunks(BATCH) {
        let found: Vec<String> = expenditure::Entity::find()
            .select_only()
            .column(expenditure::Column::VoucherNo)
            .filter(expenditure::Column::VoucherNo.is_in(chunk.to_vec()))
            .into_tuple()
            .all(db)
            .await?;
        on_file.extend(found);
    }
    Ok(on_file)
}

/// Charges each project its rows' sum through the budget guard, then inserts the rows.
async fn write(txn: &impl ConnectionTrait, rows: &[Row]) -> AppResult<()> {
    let mut per_project: HashMap<i64, i64> = HashMap::new();
    for row in rows {
        // Each sum was checked against its budget above; the guard below checks it again.
        let sum = per_project.entry(row.project).or_default();
        *sum = sum.saturating_add(row.amount);
    }
    for (project_id, sum) in &per_project {
        // Checked above against what was read; checked again here against what is there now.
        if !charge(txn, *project_id, *sum).await? {
            return Err(AppError::Conflict {
                code: "budget_changed",
                message: format!("项目 {project_id} 的支出在导入期间发生变化，请重新预览"),
            });
        }
    }
    let now = Utc::now();
    for chunk in rows.chunks(BATCH * 10) {
        let batch: Vec<expenditure::ActiveModel> = chunk
            .iter()
            .map(|r| expenditure::ActiveModel {
                project_id: Set(r.project),
                amount_fen: Set(r.amount),
                paid_on: Set(r.paid_on),
                voucher_no: Set(r.voucher.clone()),
                created_at: Set(now),
                ..Default::default()
            })
            .collect();
        bulk::insert(txn, batch).await?;
    }
    Ok(())
}
