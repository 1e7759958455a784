//! Villages by year: the profile kept per (village, year), 贫困发生率, the 出列 criteria and the
//! village exit through notice and announcement.

mod api;
mod wire;

pub use api::ROUTES;
pub use wire::*;

use crate::string_enum::string_enum;

string_enum! {
    /// An infrastructure or public-service check a poor village must pass to exit, recorded
    /// with its date, evidence and who recorded it.
    CheckKind {
        /// 通硬化路.
        Road = "road" ("道路", "Road"),
        /// 安全饮水.
        Water = "water" ("饮水", "Water"),
        /// 标准化卫生室.
        Clinic = "clinic" ("卫生室", "Clinic"),
        /// 宽带网络.
        Broadband = "broadband" ("宽带", "Broadband"),
    }
}

string_enum! {
    /// One criterion of the exit check (出列标准).
    ExitCriterion {
        /// 贫困发生率 below the year's setting.
        Incidence = "incidence" ("贫困发生率", "Poverty incidence"),
        /// 村集体经济收入 at least the year's setting.
        CollectiveIncome = "collective_income" ("村集体经济收入", "Collective income"),
        Road = "road" ("道路", "Road"),
        Water = "water" ("饮水", "Water"),
        Clinic = "clinic" ("卫生室", "Clinic"),
        Broadband = "broadband" ("宽带", "Broadband"),
    }
}

impl CheckKind {
    /// The check an infrastructure project's output answers, read from its unit: 公里 of road
    /// (通硬化路), 人 or 户 of safe water (供水人口 / 受益户), 村 of broadband (通宽带村). A
    /// clinic is not measured in a unit the projects use, so none answers it.
    pub fn from_output_unit(unit: &str) -> Option<CheckKind> {
        match unit.trim() {
            "公里" | "千米" | "km" | "KM" => Some(CheckKind::Road),
            "人" | "户" => Some(CheckKind::Water),
            "村" | "个村" => Some(CheckKind::Broadband),
            _ => None,
        }
    }

    /// What the projects of this check are measured in, for a clerk's message.
    pub fn output_units(self) -> Option<&'static str> {
        match self {
            CheckKind::Road => Some("公里"),
            CheckKind::Water => Some("人或户"),
            CheckKind::Broadband => Some("村"),
            CheckKind::Clinic => None,
        }
    }
}

impl From<CheckKind> for ExitCriterion {
    fn from(kind: CheckKind) -> Self {
        match kind {
            CheckKind::Road => ExitCriterion::Road,
            CheckKind::Water => ExitCriterion::Water,
            CheckKind::Clinic => ExitCriterion::Clinic,
            CheckKind::Broadband => ExitCriterion::Broadband,
        }
    }
}

/// 贫困发生率 in basis points: remaining poor people per rural population, rounded down
/// (49.9 bp is 49 bp: below a 50 bp line it stays below). `None` without a population.
pub fn incidence_bp(poor_people: u64, rural_population: i64) -> Option<i64> {
    let population = u64::try_from(rural_population).ok().filter(|p| *p > 0)?;
    i64::try_from(poor_people.saturating_mul(10_000) / population).ok()
}

#[cfg(test)]
mod tests {
    use super::{CheckKind, incidence_bp};

    #[test]
    fn a_project_s_unit_names_the_check_it_answers_and_other_units_none() {
        assert_eq!(CheckKind::from_output_unit("公里"), Some(CheckKind::Road));
        assert_eq!(CheckKind::from_output_unit(" 户"), Some(CheckKind::Water));
        assert_eq!(CheckKind::from_output_unit("村"), Some(CheckKind::Broadband));
        assert_eq!(CheckKind::from_output_unit("平方米"), None);
        assert!(CheckKind::ALL.iter().all(|k| k.output_units().is_some() != (*k == CheckKind::Clinic)));
    }

    #[test]
    fn incidence_is_poor_people_per_ten_thousand_rural_people_rounded_down() {
        assert_eq!(incidence_bp(10, 2_000), Some(50));
        assert_eq!(incidence_bp(9, 2_000), Some(45));
        assert_eq!(incidence_bp(1, 2_001), Some(4));
        assert_eq!(incidence_bp(0, 2_000), Some(0));
        assert_eq!(incidence_bp(5, 0), None);
    }
}
