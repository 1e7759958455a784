//! The money as spreadsheets: a batch's ledger (台账) as xlsx, and import of expenditures from
//! xlsx or CSV with the registry import's rules — a preview lists every row error, a commit
//! writes every row or none.

use std::collections::{HashMap, HashSet};

use chrono::{NaiveDate, Utc};
use jingzhun_shared::funds::{EXPENDITURE_COLUMNS, ExpenditureImportReport};
use jingzhun_shared::{Fen, FundBatchId, ProjectStatus};
use sea_orm::{
    ActiveValue::Set, ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, QuerySelect, TransactionTrait,
};

use crate::actor::CurrentUser;
use crate::entities::{expenditure, project};
use crate::error::{AppError, AppResult};
use crate::services::audit::{self, Event};
use crate::services::bulk;
use crate::services::funds::{self, FUND_WRITERS, kind_label, status_label};
use crate::services::sheet::{RawRow, RowErrors, xlsx_error};

/// Rows are looked up and written in batches of this many.
const BATCH: usize = 1_000;

/// The batch's ledger: one row per project with budget, spent, remaining and status, then the
/// totals of those rows.
pub async fn ledger(db: &DatabaseConnection, user: &CurrentUser, id: FundBatchId) -> AppResult<Vec<u8>> {
    let (batch, projects) = funds::batch_projects(db, user, id).await?;
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    sheet.set_name("项目台账").map_err(xlsx_error)?;
    let bold = rust_xlsxwriter::Format::new().set_bold();
    let money = rust_xlsxwriter::Format::new().set_num_format("#,##0.00");
    let money_bold = rust_xlsxwriter::Format::new().set_num_format("#,##0.00").set_bold();
    let title = format!("{} 年第 {} 批 {}（{}）", batch.year, batch.seq, batch.name, batch.document_no);
    sheet.write_string_with_format(0, 0, &title, &bold).map_err(xlsx_error)?;
    let header = [
        "项目编号",
        "项目名称",
        "类别",
        "实施地点",
        "预算（元）",
        "已支出（元）",
        "结余（元）",
        "状态",
        "开工日期",
        "竣工日期",
        "验收日期",
        "受益户数",
    ];
    for (c, h) in header.iter().enumerate() {
        sheet.write_string_with_format(2, c as u16, *h, &bold).map_err(xlsx_error)?;
        sheet.set_column_width(c as u16, if c == 1 { 36 } else { 13 }).map_err(xlsx_error)?;
    }
    let as_yuan = |fen: i64| fen as f64 / 100.0;
    let date = |d: Option<NaiveDate>| d.map(|d| d.to_string()).unwrap_or_default();
    let mut line = 3u32;
    let (mut budget, mut spent) = (0i64, 0i64);
    for p in &projects {
        sheet.write_number(line, 0, p.id.0 as f64).map_err(xlsx_error)?;
        sheet.write_string(line, 1, &p.name).map_err(xlsx_error)?;
        sheet.write_string(line, 2, kind_label(p.kind)).map_err(xlsx_error)?;
        sheet.write_string(line, 3, &p.org_unit.name).map_err(xlsx_error)?;
        sheet.write_number_with_format(line, 4, as_yuan(p.budget_fen.0), &money).map_err(xlsx_error)?;
        sheet.write_number_with_format(line, 5, as_yuan(p.spent_fen.0), &money).map_err(xlsx_error)?;
        sheet.write_number_with_format(line, 6, as_yuan(p.budget_fen.0 - p.spent_fen.0), &money).map_err(xlsx_error)?;
        sheet.write_string(line, 7, status_label(p.status)).map_err(xlsx_error)?;
        sheet.write_string(line, 8, date(p.started_on)).map_err(xlsx_error)?;
        sheet.write_string(line, 9, date(p.completed_on)).map_err(xlsx_error)?;
        sheet.write_string(line, 10, date(p.accepted_on)).map_err(xlsx_error)?;
        sheet.write_number(line, 11, f64::from(p.beneficiary_households)).map_err(xlsx_error)?;
        budget += p.budget_fen.0;
        spent += p.spent_fen.0;
        line += 1;
    }
    sheet.write_string_with_format(line, 1, format!("合计（{} 个项目）", projects.len()), &bold).map_err(xlsx_error)?;
    sheet.write_number_with_format(line, 4, as_yuan(budget), &money_bold).map_err(xlsx_error)?;
    sheet.write_number_with_format(line, 5, as_yuan(spent), &money_bold).map_err(xlsx_error)?;
    sheet.write_number_with_format(line, 6, as_yuan(budget - spent), &money_bold).map_err(xlsx_error)?;
    book.save_to_buffer().map_err(xlsx_error)
}

/// The expenditure import template: the header and one example row.
pub fn template() -> AppResult<Vec<u8>> {
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    sheet.set_name("支出").map_err(xlsx_error)?;
    let bold = rust_xlsxwriter::Format::new().set_bold();
    for (c, h) in EXPENDITURE_COLUMNS.iter().enumerate() {
        sheet.write_string_with_format(0, c as u16, *h, &bold).map_err(xlsx_error)?;
        sheet.set_column_width(c as u16, 16).map_err(xlsx_error)?;
    }
    for (c, value) in ["1", "12000.50", "2020-06-30", "PZ2020-0001"].iter().enumerate() {
        sheet.write_string(1, c as u16, *value).map_err(xlsx_error)?;
    }
    book.save_to_buffer().map_err(xlsx_error)
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
    let project = cell(0).parse::<i64>().ok().filter(|id| *id > 0);
    if project.is_none() {
        errors.add(r.line, 0, "项目编号须为台账中的数字编号");
    }
    let amount = match Fen::parse_yuan(cell(1)) {
        Ok(f) if f.0 > 0 => Some(f.0),
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
    db: &DatabaseConnection,
    user: &CurrentUser,
    raw: Vec<RawRow>,
    commit: bool,
) -> AppResult<ExpenditureImportReport> {
    user.require(FUND_WRITERS)?;
    let mut errors = RowErrors::new(EXPENDITURE_COLUMNS);
    let mut vouchers = HashSet::new();
    let total = raw.len() as u64;
    let rows: Vec<Row> = raw.iter().filter_map(|r| check_row(r, &mut errors, &mut vouchers)).collect();

    // The projects named, as they are now.
    let mut ids: Vec<i64> = rows.iter().map(|r| r.project).collect();
    ids.sort_unstable();
    ids.dedup();
    let mut projects: HashMap<i64, project::Model> = HashMap::new();
    for chunk in ids.chunks(BATCH) {
        for p in project::Entity::find().filter(project::Column::Id.is_in(chunk.to_vec())).all(db).await? {
            if user.sees(&p.org_path) {
                projects.insert(p.id, p);
            }
        }
    }
    // Vouchers already on file.
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
    // Running spending per project, row by row, so the row that crosses the budget is named.
    let mut spent: HashMap<i64, i64> = projects.iter().map(|(id, p)| (*id, p.spent_fen)).collect();
    let mut amount = 0i64;
    for row in &rows {
        if on_file.contains(&row.voucher) {
            errors.add(row.line, 3, format!("凭证号 {} 已登记", row.voucher));
        }
        let Some(p) = projects.get(&row.project) else {
            errors.add(row.line, 0, format!("项目 {} 不存在或不在您的管辖范围", row.project));
            continue;
        };
        if p.status == ProjectStatus::Planned {
            errors.add(row.line, 0, format!("项目 {}（{}）尚未开工，不能登记支出", p.id, status_label(p.status)));
            continue;
        }
        let so_far = spent.entry(p.id).or_default();
        if *so_far + row.amount > p.budget_fen {
            errors.add(
                row.line,
                1,
                format!("超出项目 {} 的预算：剩余可支出 {} 元", p.id, Fen(p.budget_fen - *so_far).to_yuan_string()),
            );
            continue;
        }
        *so_far += row.amount;
        amount += row.amount;
    }
    let report = ExpenditureImportReport {
        committed: false,
        rows: total,
        amount_fen: Fen(amount),
        projects: ids.len() as u64,
        error_count: errors.count,
        errors: errors.into_sorted(),
    };
    if !commit || report.error_count > 0 {
        return Ok(report);
    }
    let txn = db.begin().await?;
    let mut per_project: HashMap<i64, i64> = HashMap::new();
    for row in &rows {
        *per_project.entry(row.project).or_default() += row.amount;
    }
    for (project_id, sum) in &per_project {
        // Checked above against what was read; checked again here against what is there now.
        if !funds::charge(&txn, *project_id, *sum).await? {
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
        bulk::insert(&txn, batch).await?;
    }
    audit::record(
        &txn,
        Some(user),
        Event::new("import", "expenditure", "").after(&serde_json::json!({
            "rows": report.rows, "amount_fen": report.amount_fen, "projects": report.projects,
        })),
    )
    .await?;
    txn.commit().await?;
    Ok(ExpenditureImportReport { committed: true, ..report })
}
