//! Spreadsheets in and out: reading CSV and xlsx uploads into trimmed rows under a fixed
//! header, and the error of the xlsx writer.

use jingzhun_shared::registry::RowError;

use crate::error::AppError;

/// At most this many row errors are listed in an answer (all are counted).
const MAX_LISTED_ERRORS: usize = 500;

/// The row errors of an import: every one counted, the first [`MAX_LISTED_ERRORS`] kept,
/// each naming its column by the header's title.
pub struct RowErrors {
    columns: &'static [&'static str],
    listed: Vec<RowError>,
    pub count: u64,
}

impl RowErrors {
    pub fn new(columns: &'static [&'static str]) -> Self {
        Self { columns, listed: Vec::new(), count: 0 }
    }

    pub fn add(&mut self, line: u64, column: usize, message: impl Into<String>) {
        self.count += 1;
        if self.listed.len() < MAX_LISTED_ERRORS {
            let column = self.columns.get(column).copied().unwrap_or_default().to_owned();
            self.listed.push(RowError { row: line, column, message: message.into() });
        }
    }

    /// The listed errors in row order.
    pub fn into_sorted(mut self) -> Vec<RowError> {
        self.listed.sort_by_key(|e| e.row);
        self.listed
    }
}

/// One data row as read, cells trimmed; `line` as a spreadsheet numbers it.
pub struct RawRow {
    pub line: u64,
    pub cells: Vec<String>,
}

/// Reads `bytes` as `format` (`csv` or `xlsx`) whose header must begin with `columns`.
pub fn read(format: &str, bytes: &[u8], columns: &[&str]) -> Result<Vec<RawRow>, String> {
    match format {
        "csv" => read_csv(bytes, columns),
        "xlsx" => read_xlsx(bytes, columns),
        other => Err(format!("不支持的文件格式 “{other}”：请上传 csv 或 xlsx")),
    }
}

/// Reads a CSV file (UTF-8, a header row first).
pub fn read_csv(bytes: &[u8], columns: &[&str]) -> Result<Vec<RawRow>, String> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let mut reader = csv::ReaderBuilder::new().has_headers(true).flexible(true).from_reader(bytes);
    check_header(reader.headers().map_err(|e| format!("无法读取 CSV：{e}"))?.iter(), columns)?;
    let mut rows = Vec::new();
    for (i, record) in reader.records().enumerate() {
        let record = record.map_err(|e| format!("第 {} 行无法读取：{e}", i + 2))?;
        let cells: Vec<String> = record.iter().map(|c| c.trim().to_owned()).collect();
        if cells.iter().all(String::is_empty) {
            continue;
        }
        rows.push(RawRow { line: i as u64 + 2, cells });
    }
    Ok(rows)
}

/// Reads the first sheet of an xlsx file.
pub fn read_xlsx(bytes: &[u8], columns: &[&str]) -> Result<Vec<RawRow>, String> {
    use calamine::{Reader, Xlsx};
    let mut workbook: Xlsx<_> = Xlsx::new(std::io::Cursor::new(bytes)).map_err(|e| format!("无法读取 xlsx：{e}"))?;
    let range = workbook
        .worksheet_range_at(0)
        .ok_or_else(|| "xlsx 中没有工作表".to_owned())?
        .map_err(|e| format!("无法读取工作表：{e}"))?;
    let mut lines = range.rows();
    let header = lines.next().ok_or_else(|| "文件为空".to_owned())?;
    let header: Vec<String> = header.iter().map(|c| c.to_string()).collect();
    check_header(header.iter().map(String::as_str), columns)?;
    let mut rows = Vec::new();
    for (i, line) in lines.enumerate() {
        let cells: Vec<String> = line.iter().map(cell_text).collect();
        if cells.iter().all(String::is_empty) {
            continue;
        }
        rows.push(RawRow { line: i as u64 + 2, cells });
    }
    Ok(rows)
}

/// A cell as text; numbers typed into a spreadsheet lose their ".0", dates read `YYYY-MM-DD`.
fn cell_text(cell: &calamine::Data) -> String {
    match cell {
        calamine::Data::Float(f) if f.fract() == 0.0 && f.abs() < 1e15 => format!("{}", *f as i64),
        calamine::Data::DateTime(d) if !d.is_duration() => {
            // Excel counts days from 1899-12-30.
            let days = d.as_f64().floor() as i64;
            chrono::NaiveDate::from_ymd_opt(1899, 12, 30)
                .and_then(|epoch| epoch.checked_add_signed(chrono::Duration::days(days)))
                .map_or_else(|| d.to_string(), |date| date.format("%Y-%m-%d").to_string())
        }
        other => other.to_string().trim().to_owned(),
    }
}

fn check_header<'a>(header: impl Iterator<Item = &'a str>, columns: &[&str]) -> Result<(), String> {
    let header: Vec<&str> = header.map(|h| h.trim().trim_start_matches('\u{feff}')).collect();
    if header.get(..columns.len()) != Some(columns) {
        return Err(format!("表头须为：{}（请使用导入模板）", columns.join("、")));
    }
    Ok(())
}

pub fn xlsx_error(e: rust_xlsxwriter::XlsxError) -> AppError {
    AppError::Internal(format!("xlsx: {e}"))
}
