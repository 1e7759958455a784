//! Hostile and oversized uploads, made by the tests themselves: xlsx files written with
//! rust_xlsxwriter and then edited part by part, and zips written with the `zip` crate.

use std::io::{Cursor, Read, Write};

use jingzhun_shared::registry::IMPORT_COLUMNS;
use zip::write::SimpleFileOptions;

pub const MIB: usize = 1024 * 1024;

/// An xlsx with the import header, one string cell per column, and `extra` (row, column,
/// text) cells.
pub fn xlsx(extra: &[(u32, u16, &str)]) -> Vec<u8> {
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    for (c, title) in IMPORT_COLUMNS.iter().enumerate() {
        sheet.write_string(0, c as u16, *title).expect("header");
    }
    for (row, column, text) in extra {
        sheet.write_string(*row, *column, *text).expect("cell");
    }
    book.save_to_buffer().expect("xlsx")
}

/// `xlsx` with the text of its part `name` changed by `edit`.
pub fn edit_part(xlsx: &[u8], name: &str, edit: impl Fn(String) -> String) -> Vec<u8> {
    let mut archive = zip::ZipArchive::new(Cursor::new(xlsx)).expect("a zip");
    let mut out = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let mut found = false;
    for i in 0..archive.len() {
        let mut entry = archive.by_index(i).expect("entry");
        let entry_name = entry.name().expect("a name").into_owned();
        let mut content = Vec::new();
        entry.read_to_end(&mut content).expect("inflate");
        if entry_name == name {
            found = true;
            content = edit(String::from_utf8(content).expect("XML")).into_bytes();
        }
        out.start_file(entry_name, SimpleFileOptions::default()).expect("start");
        out.write_all(&content).expect("write");
    }
    assert!(found, "{name} is a part of the xlsx");
    out.finish().expect("zip").into_inner()
}

/// The 2 KB file that claims a trillion shared strings.
pub fn unique_count_bomb() -> Vec<u8> {
    let file = xlsx(&[(1, 0, "341002003")]);
    let bomb = edit_part(&file, "xl/sharedStrings.xml", |xml| {
        let start = xml.find("uniqueCount=\"").expect("uniqueCount") + "uniqueCount=\"".len();
        let end = start + xml[start..].find('"').expect("closing quote");
        format!("{}1000000000000{}", &xml[..start], &xml[end..])
    });
    assert!(bomb.len() < 8 * 1024, "a small file: {} bytes", bomb.len());
    bomb
}

/// A sheet with cells A1 and XFD1048576, whose dimension says so.
pub fn dimension_bomb() -> Vec<u8> {
    xlsx(&[(1_048_575, 16_383, "x")])
}

/// The same sheet claiming to be only A1: the cells themselves must be checked.
pub fn lying_dimension_bomb() -> Vec<u8> {
    edit_part(&dimension_bomb(), "xl/worksheets/sheet1.xml", |xml| {
        let replaced = xml.replace("<dimension ref=\"A1:XFD1048576\"/>", "<dimension ref=\"A1\"/>");
        assert_ne!(replaced, xml, "the dimension was rewritten");
        replaced
    })
}

/// A zip whose one sheet inflates to `mib` MiB of spaces.
pub fn zip_bomb(mib: usize) -> Vec<u8> {
    let mut out = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let options = SimpleFileOptions::default().compression_level(Some(9)).large_file(true);
    out.start_file("xl/worksheets/sheet1.xml", options).expect("start");
    let spaces = vec![b' '; MIB];
    for _ in 0..mib {
        out.write_all(&spaces).expect("write");
    }
    out.finish().expect("zip").into_inner()
}

/// A zip of `count` empty entries.
pub fn many_entries(count: usize) -> Vec<u8> {
    let mut out = zip::ZipWriter::new(Cursor::new(Vec::new()));
    for n in 0..count {
        out.start_file(format!("xl/media/{n}.xml"), SimpleFileOptions::default()).expect("start");
    }
    out.finish().expect("zip").into_inner()
}

/// A CSV of the import header and `rows` rows of one cell each.
pub fn csv_rows(rows: usize) -> Vec<u8> {
    let mut text = IMPORT_COLUMNS.join(",");
    text.reserve(rows * 2);
    for _ in 0..rows {
        text.push_str("\n1");
    }
    text.into_bytes()
}

/// A CSV whose header has `columns` columns, the import's first.
pub fn csv_columns(columns: usize) -> Vec<u8> {
    let mut header: Vec<String> = IMPORT_COLUMNS.iter().map(|c| (*c).to_owned()).collect();
    header.extend((header.len()..columns).map(|n| format!("备注{n}")));
    header.join(",").into_bytes()
}
