//! xlsx uploads: the first sheet, read cell by cell.
//!
//! The package is checked first ([`super::package`]). The sheet is then streamed rather than
//! read as a range: a range is as large as the box around its cells, so a sheet with A1 and
//! XFD1048576 asks for 17 billion of them. The declared `<dimension>` is checked, and so is
//! every cell actually there; only the columns the import reads are kept.

use std::collections::BTreeMap;
use std::io::Cursor;

use calamine::{Data, DataRef, Reader, Xlsx};

use super::{
    MAX_COLUMNS, MAX_ROWS, RawRow, SheetError, check_cell, check_header, package, too_many_columns, too_many_rows,
};

/// Reads the first sheet of an xlsx file whose header (its first non-empty row, from column A)
/// must begin with `columns`.
pub(super) fn read_xlsx(bytes: &[u8], columns: &[&str], limits: &package::Limits) -> Result<Vec<RawRow>, SheetError> {
    package::check(bytes, limits)?;
    let unreadable = |e: calamine::XlsxError| SheetError::Unreadable(format!("无法读取 xlsx：{e}"));
    let mut workbook: Xlsx<_> = Xlsx::new(Cursor::new(bytes)).map_err(unreadable)?;
    let name =
        workbook.sheet_names().first().cloned().ok_or_else(|| SheetError::Unreadable("xlsx 中没有工作表".into()))?;
    let mut cells = workbook.worksheet_cells_reader(&name).map_err(unreadable)?;
    let declared = cells.dimensions();
    check_place(declared.end)?;
    // Row index (from 0) → the kept cells of that row, as text.
    let mut grid: BTreeMap<u32, Row> = BTreeMap::new();
    while let Some(cell) = cells.next_cell().map_err(unreadable)? {
        if matches!(cell.get_value(), DataRef::Empty) {
            continue;
        }
        let (row, column) = cell.get_position();
        check_place((row, column))?;
        let Some(column) = usize::try_from(column).ok().filter(|c| *c < columns.len()) else {
            continue;
        };
        let line = u64::from(row) + 1;
        let slot = grid.entry(row).or_insert_with(|| Row::new(columns.len()));
        match cell_text(cell.get_value()) {
            Ok(text) => {
                check_cell(&text, line, column)?;
                if let Some(place) = slot.cells.get_mut(column) {
                    *place = text;
                }
            }
            Err(message) => slot.unreadable.push((column, message)),
        }
    }
    let mut rows = grid.into_iter();
    let (_, header) = rows.next().ok_or_else(|| SheetError::Unreadable("文件为空".into()))?;
    check_header(header.cells.iter().map(String::as_str), columns)?;
    Ok(rows
        .map(|(row, r)| RawRow { line: u64::from(row) + 1, cells: r.cells, unreadable: r.unreadable })
        .filter(|r| !r.unreadable.is_empty() || r.cells.iter().any(|c| !c.is_empty()))
        .collect())
}

struct Row {
    cells: Vec<String>,
    unreadable: Vec<(usize, String)>,
}

impl Row {
    fn new(columns: usize) -> Self {
        Self { cells: vec![String::new(); columns], unreadable: Vec::new() }
    }
}

/// Refuses a cell (row, column, from 0) past the limits: the header's row and at most
/// [`MAX_ROWS`] below it, [`MAX_COLUMNS`] columns.
fn check_place((row, column): (u32, u32)) -> Result<(), SheetError> {
    if usize::try_from(row).map_or(true, |r| r > MAX_ROWS) {
        return Err(too_many_rows());
    }
    if usize::try_from(column).map_or(true, |c| c >= MAX_COLUMNS) {
        return Err(too_many_columns());
    }
    Ok(())
}

/// A cell as text; numbers typed into a spreadsheet lose their ".0", dates read `YYYY-MM-DD`.
/// A date outside the years 1900–9999 is an error of its row, not a date.
fn cell_text(cell: &DataRef<'_>) -> Result<String, String> {
    Ok(match cell {
        DataRef::Float(f) if f.fract() == 0.0 && f.abs() < 1e15 => format!("{}", *f as i64),
        DataRef::DateTime(d) if !d.is_duration() => excel_date(d.as_f64())?,
        DataRef::SharedString(s) => s.trim().to_owned(),
        other => Data::from(other.clone()).to_string().trim().to_owned(),
    })
}

/// 1900-01-01 and 9999-12-31 as serial numbers: the dates an import takes.
const FIRST_SERIAL: f64 = 2.0;
const LAST_SERIAL: f64 = 2_958_465.0;

/// An Excel date serial (days since 1899-12-30) as `YYYY-MM-DD`.
fn excel_date(serial: f64) -> Result<String, String> {
    let out_of_range = || format!("日期超出范围（{serial}）：须在 1900-01-01 到 9999-12-31 之间");
    if !(FIRST_SERIAL..LAST_SERIAL + 1.0).contains(&serial) {
        return Err(out_of_range());
    }
    // In range, so the floor fits an i64 exactly.
    let days = serial.floor() as i64;
    chrono::NaiveDate::from_ymd_opt(1899, 12, 30)
        .zip(chrono::TimeDelta::try_days(days))
        .and_then(|(epoch, days)| epoch.checked_add_signed(days))
        .map(|date| date.format("%Y-%m-%d").to_string())
        .ok_or_else(out_of_range)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn excel_serials_read_as_dates_within_the_years_excel_shows() {
        assert_eq!(excel_date(FIRST_SERIAL).as_deref(), Ok("1900-01-01"));
        assert_eq!(excel_date(44_012.75).as_deref(), Ok("2020-06-30"));
        assert_eq!(excel_date(LAST_SERIAL).as_deref(), Ok("9999-12-31"));
    }

    #[test]
    fn huge_tiny_and_not_a_number_serials_are_errors_not_panics() {
        for serial in [1e300, -1e300, f64::MAX, f64::NAN, f64::INFINITY, 1.0, -5.0, LAST_SERIAL + 1.0] {
            assert!(excel_date(serial).is_err(), "{serial}");
        }
    }

    #[test]
    fn a_place_past_the_row_or_column_limit_is_refused() {
        assert_eq!(check_place((MAX_ROWS as u32, MAX_COLUMNS as u32 - 1)), Ok(()));
        assert_eq!(check_place((MAX_ROWS as u32 + 1, 0)), Err(too_many_rows()));
        assert_eq!(check_place((0, MAX_COLUMNS as u32)), Err(too_many_columns()));
        assert_eq!(check_place((1_048_575, 16_383)), Err(too_many_rows()));
    }
}
