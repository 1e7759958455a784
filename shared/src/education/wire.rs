//! Wire types of education poverty alleviation (教育扶贫).

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::{AidProgramme, SchoolStage, Term};
use crate::{Fen, HouseholdId, MemberId, OrgUnitId, StudentAidId};

/// The columns of the student-aid import, in order.
pub const STUDENT_AID_COLUMNS: [&str; 10] =
    ["身份证号", "学段", "学校", "年度", "学期", "学籍在区内", "资助项目", "金额(元)", "发放日期", "一卡通"];

/// `POST /api/v1/student-aid`.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct StudentAidInput {
    pub member_id: MemberId,
    pub stage: SchoolStage,
    pub school: String,
    /// The school year's calendar year of the term (2020 autumn: 2020).
    pub year: i32,
    pub term: Term,
    /// The school lies inside the district.
    pub in_district: bool,
    pub programme: AidProgramme,
    /// Required but for the district supplement, whose amount is the year's setting.
    #[serde(default)]
    pub amount_fen: Option<Fen>,
    /// Not after today.
    pub paid_on: NaiveDate,
    /// Paid through the 一卡通 card.
    #[serde(default)]
    pub via_card: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct StudentAidDto {
    pub id: StudentAidId,
    pub member_id: MemberId,
    pub member_name: String,
    pub household_id: HouseholdId,
    pub household_number: String,
    pub stage: SchoolStage,
    pub school: String,
    pub year: i32,
    pub term: Term,
    pub in_district: bool,
    pub programme: AidProgramme,
    pub amount_fen: Fen,
    pub paid_on: NaiveDate,
    pub via_card: bool,
}

/// `GET /api/v1/student-aid` filters.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams))]
pub struct StudentAidQuery {
    pub year: Option<i32>,
    /// The subtree to list; the caller's own unit when absent.
    pub org_unit_id: Option<OrgUnitId>,
    pub household_id: Option<HouseholdId>,
    pub member_id: Option<MemberId>,
    pub programme: Option<AidProgramme>,
    pub stage: Option<SchoolStage>,
    pub page: Option<u64>,
    pub per_page: Option<u64>,
}

/// `PUT /api/v1/education/year-settings/{year}`.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct EducationYearSettingInput {
    /// The district's living supplement per preschool or compulsory pupil and term (e.g. 200 元).
    pub supplement_fen: Fen,
    /// Required to change an existing setting.
    #[serde(default)]
    pub version: Option<i32>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct EducationYearSettingDto {
    pub year: i32,
    /// `None` while the year has no setting (version 0).
    pub supplement_fen: Option<Fen>,
    pub version: i32,
}

/// Students (each counted once) and what they were paid.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AidTally {
    pub students: u64,
    pub amount_fen: Fen,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct StageTally {
    pub stage: SchoolStage,
    #[serde(flatten)]
    pub tally: AidTally,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ProgrammeTally {
    pub programme: AidProgramme,
    #[serde(flatten)]
    pub tally: AidTally,
}

/// `GET /api/v1/education/figures`: a year's aid in a subtree, paid up to `as_of`. The
/// student-aid figures (total, by stage, by school place) count the education bureau's
/// programmes; 雨露计划 is counted apart, under its programme.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct EducationFigures {
    pub year: i32,
    pub student_aid: AidTally,
    /// Every stage, in order, with zeros.
    pub by_stage: Vec<StageTally>,
    /// Schools inside the district (本区户籍/学籍).
    pub in_district: AidTally,
    pub out_of_district: AidTally,
    /// Every programme, 雨露计划 included, in order.
    pub by_programme: Vec<ProgrammeTally>,
    /// School-age members of registered households without a school record this year (控辍保学).
    pub out_of_school: u64,
}

/// `GET /api/v1/education/out-of-school`: the 控辍保学 list.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams))]
pub struct OutOfSchoolQuery {
    pub year: i32,
    pub org_unit_id: Option<OrgUnitId>,
    pub page: Option<u64>,
    pub per_page: Option<u64>,
}

/// A member of compulsory-school age with no school record in the year.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct OutOfSchoolChild {
    pub member_id: MemberId,
    pub name: String,
    /// Age on 1 September of the year.
    pub age: i32,
    pub household_id: HouseholdId,
    pub household_number: String,
    pub village_name: String,
}

/// `GET /api/v1/households/{id}/school-evidence`.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams))]
pub struct SchoolEvidenceQuery {
    pub year: i32,
}

/// The school item of the exit checklist (义务教育有保障) as the records show it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SchoolEvidence {
    pub met: bool,
    /// Which records support it, or which child has none.
    pub evidence: String,
    pub records: Vec<StudentAidId>,
}
