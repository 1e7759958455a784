//! The loan ledger (贷款台账) and a subsidy batch's list as xlsx: the same rows the API answers
//! (the borrower's ID number through the masking gate), with a line of totals.

use jingzhun_shared::credit::{LoanQuery, YearPage};
use jingzhun_shared::page::PageQuery;
use sea_orm::ConnectionTrait;

use crate::actor::CurrentUser;
use crate::error::AppResult;
use crate::services::audit::{self, Event};
use crate::services::sheet::xlsx_error;

/// One text or money cell.
enum Cell {
    Text(String),
    Yuan(i64),
}

/// A workbook of one sheet: a title, the header, the rows, then the totals of the money columns.
fn book(name: &str, title: &str, header: &[&str], rows: Vec<Vec<Cell>>) -> AppResult<Vec<u8>> {
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    sheet.set_name(name).map_err(xlsx_error)?;
    let bold = rust_xlsxwriter::Format::new().set_bold();
    let money = rust_xlsxwriter::Format::new().set_num_format("#,##0.00");
    sheet.write_string_with_format(0, 0, title, &bold).map_err(xlsx_error)?;
    for (c, h) in header.iter().enumerate() {
        sheet.write_string_with_format(1, c as u16, *h, &bold).map_err(xlsx_error)?;
        sheet.set_column_width(c as u16, 14).map_err(xlsx_error)?;
    }
    let mut totals = vec![0i64; header.len()];
    let mut line = 2u32;
    for row in &rows {
        for (c, cell) in row.iter().enumerate() {
            match cell {
                Cell::Text(text) => sheet.write_string(line, c as u16, text).map_err(xlsx_error)?,
                Cell::Yuan(fen) => {
                    if let Some(total) = totals.get_mut(c) {
                        *total += fen;
                    }
                    sheet.write_number_with_format(line, c as u16, *fen as f64 / 100.0, &money).map_err(xlsx_error)?
                }
            };
        }
        line += 1;
    }
    sheet.write_string_with_format(line, 0, format!("合计（{} 行）", rows.len()), &bold).map_err(xlsx_error)?;
    let is_money = |c: usize| rows.first().and_then(|r| r.get(c)).is_some_and(|cell| matches!(cell, Cell::Yuan(_)));
    for (c, total) in totals.iter().enumerate().filter(|(c, _)| is_money(*c)) {
        sheet.write_number_with_format(line, c as u16, *total as f64 / 100.0, &money).map_err(xlsx_error)?;
    }
    book.save_to_buffer().map_err(xlsx_error)
}

/// The loans the list's filters select, every page of them.
pub async fn loan_ledger(db: &impl ConnectionTrait, user: &CurrentUser, query: LoanQuery) -> AppResult<Vec<u8>> {
    let mut rows = Vec::new();
    for page in 1.. {
        let query = LoanQuery { page: Some(page), per_page: Some(PageQuery::MAX_PER_PAGE), ..query.clone() };
        let found = super::loans::loans_with_id_cards(db, user, query).await?;
        let last = found.items.len() < usize::try_from(PageQuery::MAX_PER_PAGE).unwrap_or(usize::MAX);
        rows.extend(found.items.into_iter().map(|l| {
            vec![
                Cell::Text(l.contract_no),
                Cell::Text(l.household_number),
                Cell::Text(l.borrower_name),
                Cell::Text(l.borrower_id_card_no),
                Cell::Text(l.bank),
                Cell::Text(l.mode.zh().to_owned()),
                Cell::Text(l.enterprise.map(|e| e.name).unwrap_or_default()),
                Cell::Text(l.issued_on.to_string()),
                Cell::Text(l.due_on.to_string()),
                Cell::Yuan(l.amount_fen.fen()),
                Cell::Yuan(l.balance_fen.fen()),
                Cell::Text(l.status.zh().to_owned()),
            ]
        }));
        if last {
            break;
        }
    }
    let header = [
        "合同编号",
        "户编号",
        "借款人",
        "身份证号",
        "银行",
        "方式",
        "用款企业",
        "放款日",
        "到期日",
        "金额（元）",
        "余额（元）",
        "状态",
    ];
    if user.role.sees_personal_data() {
        let detail = serde_json::json!({ "loans": rows.len() });
        audit::record(db, Some(user), Event::new("read_personal_data", "loan_ledger", rows.len()).after(&detail))
            .await?;
    }
    book("贷款台账", &format!("扶贫小额信贷台账（{}）", user.today), &header, rows)
}

/// A subsidy batch's lines on loans in the caller's subtree.
pub async fn batch_ledger(db: &impl ConnectionTrait, user: &CurrentUser, id: i64) -> AppResult<Vec<u8>> {
    let batch = super::batch(db, user, id).await?;
    let query = YearPage { per_page: Some(PageQuery::MAX_PER_PAGE), ..Default::default() };
    let mut rows = Vec::new();
    for page in 1.. {
        let found = super::batch_lines(db, user, id, YearPage { page: Some(page), ..query.clone() }).await?;
        let last = found.items.len() < usize::try_from(PageQuery::MAX_PER_PAGE).unwrap_or(usize::MAX);
        rows.extend(found.items.into_iter().map(|l| {
            vec![
                Cell::Text(l.household_number),
                Cell::Text(l.bank),
                Cell::Text(l.contract_no),
                Cell::Text(l.days.to_string()),
                Cell::Yuan(l.subsidy_fen.fen()),
            ]
        }));
        if last {
            break;
        }
    }
    let title = format!(
        "{} 年第 {} 季度贴息（{} 至 {}，{}）",
        batch.year,
        batch.quarter,
        batch.from,
        batch.to,
        batch.status.zh()
    );
    book("贴息明细", &title, &["户编号", "银行", "合同编号", "贴息天数", "贴息（元）"], rows)
}
