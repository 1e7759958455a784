//! Education poverty alleviation (教育扶贫): aid paid to members at school, the district's
//! yearly living supplement for preschool and compulsory pupils, the rules of which stage a
//! programme may aid, and the 控辍保学 check of school-age children.

mod api;
mod wire;

pub use api::ROUTES;
pub use wire::*;

use chrono::{Datelike, NaiveDate};

use crate::Fen;
use crate::string_enum::string_enum;

string_enum! {
    /// 学段: a pupil's school stage.
    SchoolStage {
        Preschool = "preschool" ("学前教育", "Preschool"),
        Compulsory = "compulsory" ("义务教育", "Compulsory education"),
        HighSchool = "high_school" ("普通高中", "High school"),
        Vocational = "vocational" ("中等职业教育", "Vocational school"),
        University = "university" ("高等教育", "University"),
    }
}

string_enum! {
    /// Who pays a student's aid.
    AidProgramme {
        /// The state's student aid by stage (国家资助).
        National = "national" ("国家资助", "National aid"),
        /// The district's living supplement above the province's (区特惠生活补助).
        DistrictSupplement = "district_supplement" ("区特惠生活补助", "District living supplement"),
        /// 雨露计划: vocational and university students of registered households.
        Yulu = "yulu" ("雨露计划", "Yulu plan"),
    }
}

string_enum! {
    /// 学期 of a school year.
    Term {
        Spring = "spring" ("春季学期", "Spring term"),
        Autumn = "autumn" ("秋季学期", "Autumn term"),
    }
}

impl AidProgramme {
    /// Why this programme cannot aid a pupil at `stage`, if it cannot: 雨露计划 aids vocational
    /// and university students only, the district supplement preschool and compulsory pupils.
    pub fn refuses(self, stage: SchoolStage) -> Option<&'static str> {
        use SchoolStage::*;
        match self {
            AidProgramme::Yulu if !matches!(stage, Vocational | University) => {
                Some("雨露计划只资助中等职业教育和高等教育阶段的学生")
            }
            AidProgramme::DistrictSupplement if !matches!(stage, Preschool | Compulsory) => {
                Some("区特惠生活补助只发给学前和义务教育阶段的学生")
            }
            _ => None,
        }
    }

    /// Whether the education bureau's student aid (学生资助) counts it: 雨露计划 is the poverty
    /// office's own programme and is counted apart.
    pub fn is_student_aid(self) -> bool {
        self != AidProgramme::Yulu
    }
}

/// What an aid record pays: the year's supplement for the district supplement (which may not
/// be typed otherwise), the typed amount for the other programmes; or the field and message of
/// why it cannot be recorded (a stage the programme does not aid first).
pub fn aid_amount(
    stage: SchoolStage,
    programme: AidProgramme,
    typed: Option<Fen>,
    supplement: Option<Fen>,
    year: i32,
) -> Result<Fen, (&'static str, String)> {
    if let Some(message) = programme.refuses(stage) {
        return Err(("programme", message.to_owned()));
    }
    match (programme, typed, supplement) {
        (AidProgramme::DistrictSupplement, _, None) => {
            Err(("programme", format!("{year} 年尚未设置区特惠生活补助标准")))
        }
        (AidProgramme::DistrictSupplement, Some(typed), Some(standard)) if typed != standard => {
            Err(("amount_fen", format!("区特惠生活补助须为 {year} 年标准 {} 元", standard.to_yuan_string())))
        }
        (AidProgramme::DistrictSupplement, _, Some(standard)) => Ok(standard),
        (_, None, _) => Err(("amount_fen", "请填写资助金额".to_owned())),
        (_, Some(typed), _) => typed.positive_amount("资助金额").map_err(|m| ("amount_fen", m)),
    }
}

/// The youngest and oldest age of compulsory schooling (控辍保学).
pub const SCHOOL_AGES: std::ops::RangeInclusive<i32> = 6..=15;

/// A person's age in whole years on `on`.
pub fn age_on(birth: NaiveDate, on: NaiveDate) -> i32 {
    let years = on.year() - birth.year();
    if (on.month(), on.day()) < (birth.month(), birth.day()) { years - 1 } else { years }
}

/// Whether someone born on `birth` is of compulsory-school age in `year`, counted on 1 September,
/// the day the school year starts.
pub fn of_school_age(birth: NaiveDate, year: i32) -> bool {
    NaiveDate::from_ymd_opt(year, 9, 1).is_some_and(|start| SCHOOL_AGES.contains(&age_on(birth, start)))
}

/// The member's school stage as the latest aid says: the one of the highest (year, term).
pub fn latest_stage(aid: impl IntoIterator<Item = (i32, Term, SchoolStage)>) -> Option<SchoolStage> {
    aid.into_iter().max_by_key(|(year, term, _)| (*year, *term == Term::Autumn)).map(|(_, _, stage)| stage)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).expect("a date")
    }

    #[test]
    fn yulu_aids_only_vocational_and_university_students() {
        assert!(AidProgramme::Yulu.refuses(SchoolStage::Compulsory).is_some());
        assert!(AidProgramme::Yulu.refuses(SchoolStage::Vocational).is_none());
        assert!(AidProgramme::Yulu.refuses(SchoolStage::University).is_none());
        assert!(AidProgramme::DistrictSupplement.refuses(SchoolStage::HighSchool).is_some());
        assert!(AidProgramme::National.refuses(SchoolStage::HighSchool).is_none());
    }

    #[test]
    fn the_district_supplement_pays_the_years_standard_and_nothing_else() {
        let standard = Some(Fen::from_yuan(200));
        let (pre, sup) = (SchoolStage::Preschool, AidProgramme::DistrictSupplement);
        assert_eq!(aid_amount(pre, sup, None, standard, 2020), Ok(Fen::from_yuan(200)));
        assert_eq!(aid_amount(pre, sup, Some(Fen::from_yuan(300)), standard, 2020).map_err(|e| e.0), Err("amount_fen"));
        assert_eq!(aid_amount(pre, sup, None, None, 2020).map_err(|e| e.0), Err("programme"));
        assert_eq!(aid_amount(pre, AidProgramme::National, None, standard, 2020).map_err(|e| e.0), Err("amount_fen"));
    }

    #[test]
    fn school_age_is_counted_on_the_first_of_september() {
        assert!(of_school_age(date(2014, 9, 1), 2020));
        assert!(!of_school_age(date(2014, 9, 2), 2020));
        assert!(of_school_age(date(2004, 9, 2), 2020));
        assert!(!of_school_age(date(2004, 9, 1), 2020));
    }

    #[test]
    fn the_latest_aid_gives_the_stage() {
        let aid = [(2020, Term::Spring, SchoolStage::Compulsory), (2020, Term::Autumn, SchoolStage::HighSchool)];
        assert_eq!(latest_stage(aid), Some(SchoolStage::HighSchool));
        assert_eq!(latest_stage([]), None);
    }
}
