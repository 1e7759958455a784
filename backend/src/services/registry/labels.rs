//! The words the registry's spreadsheet uses for its values, read on import and written on
//! export.

use jingzhun_shared::{HealthStatus, HouseholdCategory, Labour, PovertyCause, Relation};

/// The value whose label (or wire word) is `text`.
pub fn parse_label<T: Copy + std::str::FromStr>(text: &str, labels: &[(&str, T)]) -> Option<T> {
    labels.iter().find(|(label, _)| *label == text).map(|(_, v)| *v).or_else(|| text.parse().ok())
}

pub const CATEGORIES: &[(&str, HouseholdCategory)] = &[
    ("低保户", HouseholdCategory::Dibao),
    ("低保", HouseholdCategory::Dibao),
    ("五保户", HouseholdCategory::Wubao),
    ("五保", HouseholdCategory::Wubao),
    ("一般贫困户", HouseholdCategory::General),
    ("一般户", HouseholdCategory::General),
];
pub const CAUSES: &[(&str, PovertyCause)] = &[
    ("因病", PovertyCause::Illness),
    ("因残", PovertyCause::Disability),
    ("因学", PovertyCause::Education),
    ("因灾", PovertyCause::Disaster),
    ("缺土地", PovertyCause::LackOfLand),
    ("缺水", PovertyCause::LackOfWater),
    ("缺技术", PovertyCause::LackOfSkills),
    ("缺劳力", PovertyCause::LackOfLabour),
    ("缺资金", PovertyCause::LackOfFunds),
    ("交通条件落后", PovertyCause::PoorTransport),
    ("自身发展动力不足", PovertyCause::LackOfDrive),
];
pub const RELATIONS: &[(&str, Relation)] = &[
    ("户主", Relation::Head),
    ("配偶", Relation::Spouse),
    ("子女", Relation::Child),
    ("父母", Relation::Parent),
    ("孙子女", Relation::Grandchild),
    ("兄弟姐妹", Relation::Sibling),
    ("其他", Relation::Other),
];
pub const HEALTH: &[(&str, HealthStatus)] = &[
    ("健康", HealthStatus::Healthy),
    ("长期慢性病", HealthStatus::Chronic),
    ("大病", HealthStatus::SeriousIllness),
    ("残疾", HealthStatus::Disabled),
];
pub const LABOUR: &[(&str, Labour)] = &[
    ("普通劳动力", Labour::Full),
    ("弱劳动力", Labour::Weak),
    ("丧失劳动力", Labour::Lost),
    ("无劳动力", Labour::NoCapacity),
];

/// The label of `value`, empty when it has none.
pub fn label_of<T: PartialEq + Copy>(value: T, labels: &[(&'static str, T)]) -> &'static str {
    labels.iter().find(|(_, v)| *v == value).map_or("", |(l, _)| l)
}
