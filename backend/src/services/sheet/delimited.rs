//! CSV uploads: UTF-8, a header row first, bounded in rows, columns and cell length.

use super::{MAX_COLUMNS, MAX_ROWS, RawRow, SheetError, check_cell, check_header, too_many_columns, too_many_rows};

/// Reads a CSV file whose header must begin with `columns`.
pub(super) fn read_csv(bytes: &[u8], columns: &[&str]) -> Result<Vec<RawRow>, SheetError> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let mut reader = csv::ReaderBuilder::new().has_headers(true).flexible(true).from_reader(bytes);
    let header = reader.headers().map_err(|e| SheetError::Unreadable(format!("无法读取 CSV：{e}")))?;
    if header.len() > MAX_COLUMNS {
        return Err(too_many_columns());
    }
    check_header(header.iter(), columns)?;
    let mut rows = Vec::new();
    for (i, record) in reader.records().enumerate() {
        if i >= MAX_ROWS {
            return Err(too_many_rows());
        }
        // Line 1 is the header; `i` is below MAX_ROWS, so this cannot overflow.
        let line = i as u64 + 2;
        let record = record.map_err(|e| SheetError::Unreadable(format!("第 {line} 行无法读取：{e}")))?;
        if record.len() > MAX_COLUMNS {
            return Err(too_many_columns());
        }
        let mut cells = Vec::with_capacity(record.len());
        for (column, cell) in record.iter().enumerate() {
            check_cell(cell, line, column)?;
            cells.push(cell.trim().to_owned());
        }
        if cells.iter().all(String::is_empty) {
            continue;
        }
        rows.push(RawRow { line, cells, unreadable: Vec::new() });
    }
    Ok(rows)
}

#[cfg(test)]
mod tests {
    use super::*;

    const COLUMNS: [&str; 2] = ["a", "b"];

    #[test]
    fn rows_are_numbered_as_a_spreadsheet_numbers_them_and_blank_ones_are_skipped() {
        let rows = read_csv(b"a,b\n1,2\n,\n 3 ,4", &COLUMNS).expect("reads");
        let lines: Vec<u64> = rows.iter().map(|r| r.line).collect();
        assert_eq!(lines, [2, 4]);
        assert_eq!(rows[1].cells, ["3", "4"]);
    }

    #[test]
    fn a_row_past_the_column_limit_is_refused() {
        let wide = vec!["x"; MAX_COLUMNS + 1].join(",");
        let error = read_csv(format!("a,b\n1,2\n{wide}").as_bytes(), &COLUMNS).err();
        assert_eq!(error, Some(too_many_columns()));
    }

    #[test]
    fn a_cell_past_the_length_limit_is_refused_with_its_place() {
        let long = "字".repeat(super::super::MAX_CELL_CHARS + 1);
        let error = read_csv(format!("a,b\n1,{long}").as_bytes(), &COLUMNS).err();
        assert!(matches!(error, Some(SheetError::OverLimit(m)) if m.contains("第 2 行第 2 列")));
    }
}
