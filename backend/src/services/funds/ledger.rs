//! A batch's ledger (台账) as xlsx: what was issued and allocated, one row per project with
//! budget, spent, remaining, status, what it builds and its announcement, then the totals of
//! those rows.

use chrono::NaiveDate;
use jingzhun_shared::money::MoneyOverflow;
use jingzhun_shared::{Fen, FundBatchId};
use sea_orm::ConnectionTrait;

use super::batch_projects;
use crate::actor::CurrentUser;
use crate::error::AppResult;
use crate::services::sheet::xlsx_error;

/// The batch's ledger: one row per project with budget, spent, remaining and status, then the
/// totals of those rows.
pub async fn ledger(db: &impl ConnectionTrait, user: &CurrentUser, id: FundBatchId) -> AppResult<Vec<u8>> {
    let (batch, projects) = batch_projects(db, user, id).await?;
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    sheet.set_name("项目台账").map_err(xlsx_error)?;
    let bold = rust_xlsxwriter::Format::new().set_bold();
    let money = rust_xlsxwriter::Format::new().set_num_format("#,##0.00");
    let money_bold = rust_xlsxwriter::Format::new().set_num_format("#,##0.00").set_bold();
    let title = format!("{} 年第 {} 批 {}（{}）", batch.year, batch.seq, batch.name, batch.document_no);
    sheet.write_string_with_format(0, 0, &title, &bold).map_err(xlsx_error)?;
    let issued = format!(
        "下达 {} 元 · 已分配 {} 元 · 未分配 {} 元",
        batch.issued_fen.to_yuan_string(),
        batch.allocated_fen.to_yuan_string(),
        batch.unallocated_fen.to_yuan_string()
    );
    sheet.write_string(1, 0, &issued).map_err(xlsx_error)?;
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
        "建设内容",
        "公告公示",
    ];
    for (c, h) in header.iter().enumerate() {
        sheet.write_string_with_format(2, c as u16, *h, &bold).map_err(xlsx_error)?;
        sheet.set_column_width(c as u16, if c == 1 { 36 } else { 13 }).map_err(xlsx_error)?;
    }
    let as_yuan = |fen: i64| fen as f64 / 100.0;
    let date = |d: Option<NaiveDate>| d.map(|d| d.to_string()).unwrap_or_default();
    let mut line = 3u32;
    for p in &projects {
        sheet.write_number(line, 0, p.id.0 as f64).map_err(xlsx_error)?;
        sheet.write_string(line, 1, &p.name).map_err(xlsx_error)?;
        sheet.write_string(line, 2, p.kind.zh()).map_err(xlsx_error)?;
        sheet.write_string(line, 3, &p.org_unit.name).map_err(xlsx_error)?;
        sheet.write_number_with_format(line, 4, as_yuan(p.budget_fen.fen()), &money).map_err(xlsx_error)?;
        sheet.write_number_with_format(line, 5, as_yuan(p.spent_fen.fen()), &money).map_err(xlsx_error)?;
        sheet
            .write_number_with_format(line, 6, as_yuan(p.budget_fen.fen() - p.spent_fen.fen()), &money)
            .map_err(xlsx_error)?;
        sheet.write_string(line, 7, p.status.zh()).map_err(xlsx_error)?;
        sheet.write_string(line, 8, date(p.started_on)).map_err(xlsx_error)?;
        sheet.write_string(line, 9, date(p.completed_on)).map_err(xlsx_error)?;
        sheet.write_string(line, 10, date(p.accepted_on)).map_err(xlsx_error)?;
        sheet
            .write_number(line, 11, f64::from(u32::try_from(p.beneficiary_households).unwrap_or(u32::MAX)))
            .map_err(xlsx_error)?;
        let output = p.quantity.map(|q| format!("{q} {}", p.unit.as_deref().unwrap_or_default()));
        sheet.write_string(line, 12, output.unwrap_or_default()).map_err(xlsx_error)?;
        let announced = p.announced_from.zip(p.announced_to).map(|(from, to)| format!("{from} 至 {to}"));
        sheet.write_string(line, 13, announced.unwrap_or_default()).map_err(xlsx_error)?;
        line += 1;
    }
    let budget = projects.iter().map(|p| p.budget_fen).sum::<Result<Fen, MoneyOverflow>>()?.fen();
    let spent = projects.iter().map(|p| p.spent_fen).sum::<Result<Fen, MoneyOverflow>>()?.fen();
    sheet.write_string_with_format(line, 1, format!("合计（{} 个项目）", projects.len()), &bold).map_err(xlsx_error)?;
    sheet.write_number_with_format(line, 4, as_yuan(budget), &money_bold).map_err(xlsx_error)?;
    sheet.write_number_with_format(line, 5, as_yuan(spent), &money_bold).map_err(xlsx_error)?;
    sheet.write_number_with_format(line, 6, as_yuan(budget - spent), &money_bold).map_err(xlsx_error)?;
    book.save_to_buffer().map_err(xlsx_error)
}
