//! The zip of an xlsx upload, checked before the xlsx reader opens it.
//!
//! The reader trusts the file: it reserves as many strings as `sharedStrings.xml` says it
//! holds (`uniqueCount="1000000000000"` in a 2 KB file aborted the server) and inflates every
//! part it needs. So first, from the zip's central directory: the number of entries, each
//! entry's declared size by kind of part, and their total. Those bound what can be inflated:
//! the `zip` crate fails a read that goes past an entry's declared size, so a part that lies
//! about its size (a zip bomb) stops there, here and in the reader alike. Then the shared
//! strings are counted, as declared and as present, in one streamed pass over that part.

use std::io::{Cursor, Read};

use quick_xml::events::Event;

use super::SheetError;

const MIB: u64 = 1024 * 1024;

/// The limits of an xlsx package.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    /// Entries in the zip.
    pub entries: usize,
    /// Inflated bytes of one worksheet part (`…/worksheets/…`).
    pub sheet_bytes: u64,
    /// Inflated bytes of the shared strings part.
    pub strings_bytes: u64,
    /// Inflated bytes of any other part (workbook, styles, relationships …).
    pub other_bytes: u64,
    /// Inflated bytes of all entries together.
    pub total_bytes: u64,
    /// Distinct shared strings, declared (`uniqueCount`) or present (`<si>`).
    pub strings: u64,
    /// References to shared strings as declared (`count`).
    pub string_refs: u64,
}

/// The limits of an import: a sheet of [`super::MAX_ROWS`] rows of [`super::MAX_COLUMNS`]
/// columns fits, a zip bomb does not.
pub const UPLOAD: Limits = Limits {
    entries: 1_000,
    sheet_bytes: 256 * MIB,
    strings_bytes: 64 * MIB,
    other_bytes: 16 * MIB,
    total_bytes: 320 * MIB,
    strings: 2_000_000,
    string_refs: ((super::MAX_ROWS + 1) * super::MAX_COLUMNS) as u64,
};

/// Checks the zip of `bytes` against `limits` without trusting what it declares.
pub fn check(bytes: &[u8], limits: &Limits) -> Result<(), SheetError> {
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|e| unreadable(format!("无法读取 xlsx：{e}")))?;
    if zip.len() > limits.entries {
        return Err(SheetError::OverLimit(format!("xlsx 中的文件超过 {} 个", limits.entries)));
    }
    if zip.has_duplicate_names() {
        return Err(unreadable("xlsx 已损坏：其中有重名的文件".to_owned()));
    }
    let mut total = 0u64;
    for index in 0..zip.len() {
        let mut entry = zip.by_index(index).map_err(|e| unreadable(format!("无法读取 xlsx：{e}")))?;
        let name = entry.name().map(|n| n.to_lowercase()).unwrap_or_default();
        let declared = entry.size();
        let (limit, strings) = if name.ends_with("sharedstrings.xml") {
            (limits.strings_bytes, true)
        } else if name.contains("worksheets/") {
            (limits.sheet_bytes, false)
        } else {
            (limits.other_bytes, false)
        };
        if declared > limit {
            return Err(SheetError::TooLarge(format!("xlsx 中的 {name} 解压后超过 {} MiB", limit / MIB)));
        }
        total = total.saturating_add(declared);
        if total > limits.total_bytes {
            return Err(SheetError::TooLarge(format!("xlsx 解压后共超过 {} MiB", limits.total_bytes / MIB)));
        }
        if strings {
            check_shared_strings(&mut entry, limits)?;
        }
    }
    Ok(())
}

/// The `<sst>` element's declared counts, then the `<si>` strings actually there.
fn check_shared_strings(part: &mut impl Read, limits: &Limits) -> Result<(), SheetError> {
    let too_many = || SheetError::OverLimit(format!("共享字符串超过 {} 个", limits.strings));
    let mut xml = quick_xml::Reader::from_reader(std::io::BufReader::new(part));
    let mut buf = Vec::new();
    let mut present = 0u64;
    loop {
        buf.clear();
        match xml.read_event_into(&mut buf) {
            Ok(Event::Start(e) | Event::Empty(e)) if e.local_name().as_ref() == "sst" => {
                for attribute in e.attributes() {
                    let attribute = attribute.map_err(|e| unreadable(format!("xlsx 已损坏：{e}")))?;
                    let limit = match attribute.key.local_name().as_ref() {
                        "uniqueCount" => limits.strings,
                        "count" => limits.string_refs,
                        _ => continue,
                    };
                    if declared_count(&attribute.value)? > limit {
                        return Err(SheetError::OverLimit(format!("共享字符串超过 {limit} 个")));
                    }
                }
            }
            Ok(Event::Start(e) | Event::Empty(e)) if e.local_name().as_ref() == "si" => {
                present = present.saturating_add(1);
                if present > limits.strings {
                    return Err(too_many());
                }
            }
            Ok(Event::Eof) => return Ok(()),
            Ok(_) => {}
            // A part inflating past its declared size ends here too.
            Err(e) => return Err(unreadable(format!("xlsx 已损坏：无法读取 sharedStrings.xml（{e}）"))),
        }
    }
}

/// A count attribute as a number; one too large for `u64` is past any limit.
fn declared_count(value: &str) -> Result<u64, SheetError> {
    let text = value.trim();
    if text.is_empty() || !text.bytes().all(|b| b.is_ascii_digit()) {
        return Err(unreadable(format!("xlsx 已损坏：共享字符串的个数 “{text}” 不是数字")));
    }
    Ok(text.parse().unwrap_or(u64::MAX))
}

fn unreadable(message: String) -> SheetError {
    SheetError::Unreadable(message)
}

#[cfg(test)]
mod tests {
    use std::io::Write;

    use zip::write::SimpleFileOptions;

    use super::*;

    /// A zip of `parts` (name, content), deflated.
    fn zip_of(parts: &[(&str, &[u8])]) -> Vec<u8> {
        let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
        for (name, content) in parts {
            zip.start_file(*name, SimpleFileOptions::default()).expect("start");
            zip.write_all(content).expect("write");
        }
        zip.finish().expect("finish").into_inner()
    }

    const SMALL: Limits = Limits {
        entries: 4,
        sheet_bytes: 1_000,
        strings_bytes: 1_000,
        other_bytes: 100,
        total_bytes: 1_500,
        strings: 2,
        string_refs: 10,
    };

    #[test]
    fn a_package_within_the_limits_passes() {
        let sst = br#"<sst count="3" uniqueCount="2"><si><t>a</t></si><si><t>b</t></si></sst>"#;
        assert_eq!(
            check(&zip_of(&[("xl/sharedStrings.xml", sst), ("xl/worksheets/sheet1.xml", b"x")]), &SMALL),
            Ok(())
        );
    }

    #[test]
    fn too_many_entries_are_refused_before_any_is_read() {
        let parts = [("a", &b""[..]), ("b", b""), ("c", b""), ("d", b""), ("e", b"")];
        assert_eq!(check(&zip_of(&parts), &SMALL), Err(SheetError::OverLimit("xlsx 中的文件超过 4 个".into())));
    }

    #[test]
    fn each_kind_of_part_has_its_own_size_limit_and_all_together_one_more() {
        let big = vec![b' '; 900];
        assert!(check(&zip_of(&[("xl/worksheets/sheet1.xml", &big)]), &SMALL).is_ok());
        assert!(
            matches!(check(&zip_of(&[("xl/styles.xml", &big)]), &SMALL), Err(SheetError::TooLarge(m)) if m.contains("styles.xml"))
        );
        let two = [("xl/worksheets/sheet1.xml", &big[..]), ("xl/worksheets/sheet2.xml", &big[..])];
        assert!(matches!(check(&zip_of(&two), &SMALL), Err(SheetError::TooLarge(m)) if m.contains("共超过")));
    }

    #[test]
    fn a_part_that_inflates_past_its_declared_size_is_refused() {
        let sst = format!("<sst>{}</sst>", " ".repeat(500));
        let mut bytes = zip_of(&[("xl/sharedStrings.xml", sst.as_bytes())]);
        // Declare 5 bytes instead of 500, in the local header (offset 22) and the central
        // directory (offset 24), as a lying zip bomb does.
        let central = bytes.windows(4).position(|w| w == b"PK\x01\x02").expect("central directory");
        for at in [22, central + 24] {
            bytes[at..at + 4].copy_from_slice(&5u32.to_le_bytes());
        }
        let verdict = check(&bytes, &SMALL);
        assert!(matches!(&verdict, Err(SheetError::Unreadable(m)) if m.contains("sharedStrings.xml")), "{verdict:?}");
    }

    #[test]
    fn shared_strings_are_bounded_as_declared_and_as_present() {
        let declared = br#"<sst count="1" uniqueCount="1000000000000"><si><t>a</t></si></sst>"#;
        let refs = br#"<x:sst xmlns:x="m" count="99999999999999999999999" uniqueCount="1"></x:sst>"#;
        let present = br#"<sst><si><t>a</t></si><si><t>b</t></si><si><t>c</t></si></sst>"#;
        let garbled = br#"<sst uniqueCount="1e12"></sst>"#;
        let verdict = |sst: &[u8]| check(&zip_of(&[("xl/sharedStrings.xml", sst)]), &SMALL);
        assert_eq!(verdict(declared), Err(SheetError::OverLimit("共享字符串超过 2 个".into())));
        assert_eq!(verdict(refs), Err(SheetError::OverLimit("共享字符串超过 10 个".into())));
        assert_eq!(verdict(present), Err(SheetError::OverLimit("共享字符串超过 2 个".into())));
        assert!(matches!(verdict(garbled), Err(SheetError::Unreadable(_))));
    }

    #[test]
    fn what_is_not_a_zip_is_unreadable() {
        assert!(matches!(check(b"name,id\n", &SMALL), Err(SheetError::Unreadable(_))));
    }
}
