//! Housing safety (安全住房): appraisals of a household's house (A–D, C and D being 危房) and
//! renovations (修缮加固 / 拆除重建) with the government paying what the subsidy leaves
//! (缺口兜底). A registered household's housing is safe when its latest appraisal is A or B or
//! a renovation of it was accepted; that rule ([`housing_safety`]) feeds the exit checklist.

mod api;
mod wire;

pub use api::ROUTES;
pub use wire::*;

use chrono::NaiveDate;

use crate::Fen;
use crate::string_enum::string_enum;

string_enum! {
    /// The appraisal grade of a house (房屋安全鉴定).
    HousingGrade {
        A = "a" ("A级", "Grade A"),
        B = "b" ("B级", "Grade B"),
        C = "c" ("C级（局部危房）", "Grade C (partly unsafe)"),
        D = "d" ("D级（整体危房）", "Grade D (unsafe)"),
    }
}

impl HousingGrade {
    /// A and B are safe; C and D are 危房.
    pub fn is_safe(self) -> bool {
        matches!(self, HousingGrade::A | HousingGrade::B)
    }
}

string_enum! {
    /// What a renovation does.
    RenovationKind {
        Repair = "repair" ("修缮加固", "Repair"),
        Rebuild = "rebuild" ("拆除重建", "Rebuild"),
    }
}

/// The government's top-up (缺口兜底): all the cost the subsidy does not cover, never below
/// nothing.
pub fn government_top_up(cost: Fen, subsidy: Fen) -> Fen {
    cost.checked_sub(subsidy).filter(|gap| *gap > Fen::ZERO).unwrap_or(Fen::ZERO)
}

/// What a household's housing records say: safe or not, and the record that says it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HousingSafety {
    pub safe: bool,
    /// The record that decides, in words a clerk can read.
    pub evidence: String,
}

/// The safe-housing rule: an accepted renovation makes the house safe; otherwise the latest
/// appraisal decides. No record, no verdict (`None`).
pub fn housing_safety(
    latest_check: Option<(HousingGrade, NaiveDate)>,
    accepted_on: Option<NaiveDate>,
) -> Option<HousingSafety> {
    if let Some(on) = accepted_on {
        return Some(HousingSafety { safe: true, evidence: format!("危房改造已于 {on} 验收") });
    }
    latest_check.map(|(grade, on)| HousingSafety {
        safe: grade.is_safe(),
        evidence: format!("{on} 房屋安全鉴定为{}", grade.zh()),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2020, 3, d).unwrap()
    }

    #[test]
    fn the_government_pays_the_whole_gap_and_nothing_when_the_subsidy_covers_the_cost() {
        assert_eq!(government_top_up(Fen::from_yuan(40_000), Fen::from_yuan(35_000)), Fen::from_yuan(5_000));
        assert_eq!(government_top_up(Fen::from_yuan(30_000), Fen::from_yuan(35_000)), Fen::ZERO);
    }

    #[test]
    fn an_accepted_renovation_makes_a_house_safe_whatever_the_appraisal() {
        let verdict = housing_safety(Some((HousingGrade::D, day(1))), Some(day(20)));
        assert_eq!(verdict.map(|v| v.safe), Some(true));
        assert_eq!(housing_safety(Some((HousingGrade::C, day(1))), None).map(|v| v.safe), Some(false));
        assert_eq!(housing_safety(Some((HousingGrade::B, day(1))), None).map(|v| v.safe), Some(true));
        assert_eq!(housing_safety(None, None), None);
    }
}
