//! Free text a person types: trimmed, and never longer than the column that keeps it
//! (`varchar(n)` counts characters on PostgreSQL, as [`str::chars`] does here). The server and
//! the forms check the same limits.

use crate::error::Validator;

/// The longest note or reason a record keeps (`varchar(255)`).
pub const NOTE_MAX: usize = 255;
/// Names of batches, projects, entities, stations and assets (`varchar(128)`).
pub const NAME_MAX: usize = 128;
/// Document and voucher numbers.
pub const DOCUMENT_NO_MAX: usize = 128;
pub const VOUCHER_NO_MAX: usize = 64;

/// A required text of at most `max` characters, trimmed; records on `field` why not when it
/// is empty or too long.
pub fn required(v: &mut Validator, field: &str, text: &str, max: usize, what: &str) -> String {
    let text = text.trim();
    if text.is_empty() {
        v.add(field, format!("请填写{what}"));
    } else if text.chars().count() > max {
        v.add(field, format!("{what}最多 {max} 个字"));
    }
    text.to_owned()
}

/// An optional text trimmed, `None` when blank, or the message when it passes `max` characters.
pub fn optional(text: Option<&str>, max: usize) -> Result<Option<String>, String> {
    let text = text.map(str::trim).filter(|t| !t.is_empty()).map(str::to_owned);
    match text {
        Some(t) if t.chars().count() > max => Err(format!("最多 {max} 个字")),
        other => Ok(other),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_is_trimmed_and_bounded_by_characters_not_bytes() {
        let mut v = Validator::new();
        assert_eq!(required(&mut v, "name", "  张村  ", 2, "名称"), "张村");
        assert!(v.finish().is_ok());
        let mut v = Validator::new();
        required(&mut v, "name", "张村村", 2, "名称");
        required(&mut v, "note", "   ", 2, "备注");
        let errors = v.finish().expect_err("two problems");
        assert_eq!(errors.get("name").map(Vec::len), Some(1));
        assert_eq!(errors.get("note").map(Vec::len), Some(1));
        assert_eq!(optional(Some("  "), 3), Ok(None));
        assert_eq!(optional(Some("很".repeat(NOTE_MAX).as_str()), NOTE_MAX).map(|t| t.is_some()), Ok(true));
        assert!(optional(Some("很".repeat(NOTE_MAX + 1).as_str()), NOTE_MAX).is_err());
    }
}
