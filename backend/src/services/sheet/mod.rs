//! Spreadsheets in and out: reading CSV and xlsx uploads into trimmed rows under a fixed
//! header, and the error of the xlsx writer.
//!
//! An upload is read within limits that hold whatever the file claims about itself: at most
//! [`MAX_ROWS`] data rows, [`MAX_COLUMNS`] columns and [`MAX_CELL_CHARS`] characters a cell,
//! and for xlsx a zip and its XML parts bounded before the xlsx reader opens them
//! ([`package`]). A file past a limit is refused whole, naming the limit.

use jingzhun_shared::registry::RowError;

use crate::error::{AppError, AppResult};

mod delimited;
pub mod package;
mod workbook;

/// At most this many data rows (below the header) in an upload.
pub const MAX_ROWS: usize = 200_000;
/// At most this many columns in an upload.
pub const MAX_COLUMNS: usize = 64;
/// At most this many characters in one cell.
pub const MAX_CELL_CHARS: usize = 1_000;
/// At most this many row errors are listed in an answer (all are counted).
const MAX_LISTED_ERRORS: usize = 500;

/// Why an upload was refused as a whole.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SheetError {
    /// Not a file of its format, or a broken one (400).
    Unreadable(String),
    /// Past a byte limit (413).
    TooLarge(String),
    /// Past a limit of rows, columns, cells, strings or zip entries (422).
    OverLimit(String),
}

impl From<SheetError> for AppError {
    fn from(error: SheetError) -> Self {
        match error {
            SheetError::Unreadable(message) => AppError::BadRequest(message),
            SheetError::TooLarge(message) => AppError::PayloadTooLarge(message),
            SheetError::OverLimit(message) => AppError::OverLimit(message),
        }
    }
}

fn too_many_rows() -> SheetError {
    SheetError::OverLimit(format!("表格超过 {MAX_ROWS} 行（表头以下）"))
}

fn too_many_columns() -> SheetError {
    SheetError::OverLimit(format!("表格超过 {MAX_COLUMNS} 列"))
}

/// Refuses a cell of more than [`MAX_CELL_CHARS`] characters; `line` and `column` (from 0)
/// as a spreadsheet numbers them.
fn check_cell(text: &str, line: u64, column: usize) -> Result<(), SheetError> {
    if text.chars().count() > MAX_CELL_CHARS {
        return Err(SheetError::OverLimit(format!(
            "第 {line} 行第 {} 列的单元格超过 {MAX_CELL_CHARS} 个字",
            column.saturating_add(1)
        )));
    }
    Ok(())
}

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
        self.count = self.count.saturating_add(1);
        if self.listed.len() < MAX_LISTED_ERRORS {
            let column = self.columns.get(column).copied().unwrap_or_default().to_owned();
            self.listed.push(RowError { row: line, column, message: message.into() });
        }
    }

    /// Adds the cells of `row` that could not be read as text (a date out of range).
    pub fn add_unreadable_cells(&mut self, row: &RawRow) {
        for (column, message) in &row.unreadable {
            self.add(row.line, *column, message.clone());
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
    /// Cells that could not be read as text, by column, with the reason; such a cell reads
    /// empty in `cells`. The row is in error.
    pub unreadable: Vec<(usize, String)>,
}

/// Reads `bytes` as `format` (`csv` or `xlsx`) whose header must begin with `columns`.
pub fn read(format: &str, bytes: &[u8], columns: &[&str]) -> Result<Vec<RawRow>, SheetError> {
    match format {
        "csv" => delimited::read_csv(bytes, columns),
        "xlsx" => workbook::read_xlsx(bytes, columns, &package::UPLOAD),
        other => Err(SheetError::Unreadable(format!("不支持的文件格式 “{other}”：请上传 csv 或 xlsx"))),
    }
}

fn check_header<'a>(header: impl Iterator<Item = &'a str>, columns: &[&str]) -> Result<(), SheetError> {
    let header: Vec<&str> = header.map(|h| h.trim().trim_start_matches('\u{feff}')).collect();
    if header.get(..columns.len()) != Some(columns) {
        return Err(SheetError::Unreadable(format!("表头须为：{}（请使用导入模板）", columns.join("、"))));
    }
    Ok(())
}

/// An import template: the `columns` in bold on the first row of a sheet named `name`, one
/// `example` row under them, and the `notes`, if any, one a row on a second sheet "说明".
pub fn template(name: &str, columns: &[&str], example: &[&str], notes: &[String]) -> AppResult<Vec<u8>> {
    let column = |c: usize| u16::try_from(c).unwrap_or(u16::MAX);
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    sheet.set_name(name).map_err(xlsx_error)?;
    let bold = rust_xlsxwriter::Format::new().set_bold();
    for (c, h) in columns.iter().enumerate() {
        sheet.write_string_with_format(0, column(c), *h, &bold).map_err(xlsx_error)?;
        sheet.set_column_width(column(c), 16).map_err(xlsx_error)?;
    }
    for (c, value) in example.iter().enumerate() {
        sheet.write_string(1, column(c), *value).map_err(xlsx_error)?;
    }
    if !notes.is_empty() {
        let help = book.add_worksheet();
        help.set_name("说明").map_err(xlsx_error)?;
        help.set_column_width(0, 100).map_err(xlsx_error)?;
        for (r, note) in notes.iter().enumerate() {
            help.write_string(u32::try_from(r).unwrap_or(u32::MAX), 0, note).map_err(xlsx_error)?;
        }
    }
    book.save_to_buffer().map_err(xlsx_error)
}

pub fn xlsx_error(e: rust_xlsxwriter::XlsxError) -> AppError {
    AppError::Internal(format!("xlsx: {e}"))
}
