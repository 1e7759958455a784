//! The annual report as xlsx: the same [`AnnualReport`] the JSON route answers, one sheet per
//! section present (the sections left out are named on a last sheet), each a title, the
//! header and one line a figure. Money in 万元 rounded to the yuan as the report writes it,
//! rates as percentages, counts as integers. Written in constant-memory mode: rows go to disk
//! as they are written, in order.

use jingzhun_shared::reports::AnnualReport;
use rust_xlsxwriter::{Format, Workbook, Worksheet};

use super::lines::{self, Line, Value};
use crate::error::AppResult;
use crate::services::sheet::xlsx_error;

/// 万元 as the report writes them: four decimals, i.e. to the yuan.
pub fn wan(fen: jingzhun_shared::Fen) -> f64 {
    (fen.fen() as f64 / 100.0).round() / 10_000.0
}

/// The report's title line, as on the printed page.
pub fn title(r: &AnnualReport) -> String {
    let date = r.as_of.map(|d| format!("（截至{}）", d.format("%Y年%-m月%-d日"))).unwrap_or_default();
    format!("{}{}年脱贫攻坚工作数据{}", r.org_unit_name, r.year, date)
}

struct Formats {
    bold: Format,
    count: Format,
    money: Format,
    rate: Format,
    decimal: Format,
}

/// The workbook's bytes.
pub fn workbook(r: &AnnualReport) -> AppResult<Vec<u8>> {
    let formats = Formats {
        bold: Format::new().set_bold(),
        count: Format::new().set_num_format("0"),
        // General shows 2531.239 and 1645 as the report writes them.
        money: Format::new(),
        rate: Format::new().set_num_format("0.00%"),
        decimal: Format::new().set_num_format("0.00"),
    };
    let title = title(r);
    let mut book = Workbook::new();
    for (name, lines) in lines::sections(r) {
        let sheet = book.add_worksheet_with_constant_memory().map_err(xlsx_error)?;
        sheet.set_name(name).map_err(xlsx_error)?;
        write_section(sheet, &formats, &title, &lines)?;
    }
    if !r.left_out.is_empty() {
        let sheet = book.add_worksheet_with_constant_memory().map_err(xlsx_error)?;
        sheet.set_name("未列入的部分").map_err(xlsx_error)?;
        sheet.set_column_width(0, 16).map_err(xlsx_error)?;
        sheet.set_column_width(1, 40).map_err(xlsx_error)?;
        sheet.write_string_with_format(0, 0, &title, &formats.bold).map_err(xlsx_error)?;
        sheet.write_string_with_format(1, 0, "部分", &formats.bold).map_err(xlsx_error)?;
        sheet.write_string_with_format(1, 1, "原因", &formats.bold).map_err(xlsx_error)?;
        for (row, l) in (2u32..).zip(&r.left_out) {
            sheet.write_string(row, 0, lines::section_name(&l.section)).map_err(xlsx_error)?;
            sheet.write_string(row, 1, &l.reason).map_err(xlsx_error)?;
        }
    }
    book.save_to_buffer().map_err(xlsx_error)
}

fn write_section(sheet: &mut Worksheet, f: &Formats, title: &str, lines: &[Line]) -> AppResult<()> {
    sheet.set_column_width(0, 28).map_err(xlsx_error)?;
    sheet.set_column_width(1, 14).map_err(xlsx_error)?;
    sheet.set_column_width(2, 8).map_err(xlsx_error)?;
    sheet.write_string_with_format(0, 0, title, &f.bold).map_err(xlsx_error)?;
    for (c, h) in (0u16..).zip(["指标", "数值", "单位"]) {
        sheet.write_string_with_format(1, c, h, &f.bold).map_err(xlsx_error)?;
    }
    for (row, line) in (2u32..).zip(lines) {
        sheet.write_string(row, 0, &line.label).map_err(xlsx_error)?;
        let (value, format) = match line.value {
            Value::Count(n) => (n as f64, &f.count),
            Value::Wan(fen) => (wan(fen), &f.money),
            Value::Yuan(fen) => (fen.fen() as f64 / 100.0, &f.decimal),
            Value::Rate(bp) => (bp as f64 / 10_000.0, &f.rate),
            Value::Quantity(q) => (q.hundredths() as f64 / 100.0, &f.decimal),
        };
        sheet.write_number_with_format(row, 1, value, format).map_err(xlsx_error)?;
        sheet.write_string(row, 2, line.unit).map_err(xlsx_error)?;
    }
    Ok(())
}
