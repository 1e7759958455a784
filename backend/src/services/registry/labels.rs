//! How the registry's spreadsheet spells its values: each enum's own Chinese label (written on
//! export, read on import), its wire word, and the few short forms clerks type for categories.

use jingzhun_shared::{HouseholdCategory, StringEnum};

/// Short forms of the categories that clerks type (低保 for 低保户 …).
const CATEGORY_SHORT_FORMS: &[(&str, HouseholdCategory)] =
    &[("低保", HouseholdCategory::Dibao), ("五保", HouseholdCategory::Wubao), ("一般户", HouseholdCategory::General)];

/// The value whose Chinese label or wire word is `text`.
pub fn parse_label<T: StringEnum>(text: &str) -> Option<T> {
    T::from_zh(text).or_else(|| T::from_wire(text))
}

/// A category by its label, wire word or short form.
pub fn parse_category(text: &str) -> Option<HouseholdCategory> {
    parse_label(text).or_else(|| CATEGORY_SHORT_FORMS.iter().find(|(short, _)| *short == text).map(|(_, c)| *c))
}

/// Every Chinese label of `T`, joined with 、 (for the template's notes).
pub fn all_labels<T: StringEnum>() -> String {
    T::ALL.iter().map(|v| v.zh()).collect::<Vec<_>>().join("、")
}
