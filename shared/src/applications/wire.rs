//! Wire types of the entry / exit / removal applications (识别、退出、清退).

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use crate::org::OrgUnitRef;
use crate::{
    ApplicationId, ApplicationKind, ApplicationStage, ApplicationStatus, ComparisonSource, HouseholdId, OrgUnitId,
    UserId,
};

/// One item of 两不愁三保障: met or not, and the evidence it rests on (what was seen or which
/// record shows it), never a bare tick.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ChecklistItem {
    pub met: bool,
    /// At most [`crate::text::NOTE_MAX`] characters; required for an exit.
    #[serde(default)]
    pub evidence: String,
}

/// 两不愁三保障 (and safe drinking water): every item met, with its evidence, for an exit.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ExitChecklist {
    /// 不愁吃.
    pub food: ChecklistItem,
    /// 不愁穿.
    pub clothing: ChecklistItem,
    /// 义务教育有保障.
    pub compulsory_education: ChecklistItem,
    /// 基本医疗有保障.
    pub basic_medical: ChecklistItem,
    /// 住房安全有保障.
    pub safe_housing: ChecklistItem,
    /// 饮水安全有保障.
    pub safe_drinking_water: ChecklistItem,
}

impl ExitChecklist {
    /// The items with their wire names and labels, in the order forms show them.
    pub fn items(&self) -> [(&'static str, &'static str, &ChecklistItem); 6] {
        [
            ("food", "不愁吃", &self.food),
            ("clothing", "不愁穿", &self.clothing),
            ("compulsory_education", "义务教育有保障", &self.compulsory_education),
            ("basic_medical", "基本医疗有保障", &self.basic_medical),
            ("safe_housing", "住房安全有保障", &self.safe_housing),
            ("safe_drinking_water", "饮水安全有保障", &self.safe_drinking_water),
        ]
    }

    /// The item under its wire name, to edit.
    pub fn item_mut(&mut self, name: &str) -> Option<&mut ChecklistItem> {
        match name {
            "food" => Some(&mut self.food),
            "clothing" => Some(&mut self.clothing),
            "compulsory_education" => Some(&mut self.compulsory_education),
            "basic_medical" => Some(&mut self.basic_medical),
            "safe_housing" => Some(&mut self.safe_housing),
            "safe_drinking_water" => Some(&mut self.safe_drinking_water),
            _ => None,
        }
    }
}

/// What the district compared the household against and what it found (区级比对). A failed
/// comparison rejects the application with the finding as its reason.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Comparison {
    /// At least one source; each once.
    pub sources: Vec<ComparisonSource>,
    pub passed: bool,
    /// What the comparison found (required; at most [`crate::text::NOTE_MAX`] characters).
    pub finding: String,
}

/// The days a public notice stood (公示): at least [`crate::NOTICE_DAYS`] days, both dates
/// within the notice stage and not after the step that ends it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct NoticePeriod {
    pub start_on: NaiveDate,
    pub end_on: NaiveDate,
}

/// Before an exit is posted in the village: the village committee and the work team verified
/// the household (村两委 + 驻村工作队 核实) and the household signed its acknowledgement (签字认可).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ExitVerification {
    pub verified_on: NaiveDate,
    /// Who verified (names of the committee members and the work team).
    pub verified_by: String,
    pub finding: String,
    /// The day the household signed (签字认可).
    pub acknowledged_on: NaiveDate,
}

/// What a step recorded besides its date and note: the comparison, the notice it ended, the
/// exit's verification. Each is asked for by exactly one step.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct StepRecords {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub comparison: Option<Comparison>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub notice: Option<NoticePeriod>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub verification: Option<ExitVerification>,
}

impl StepRecords {
    pub fn is_empty(&self) -> bool {
        self.comparison.is_none() && self.notice.is_none() && self.verification.is_none()
    }
}

/// `POST /api/v1/applications`.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CreateApplication {
    pub household_id: HouseholdId,
    pub kind: ApplicationKind,
    /// The income year checked against the poverty line (entry and exit).
    pub year: i32,
    #[serde(default)]
    pub checklist: Option<ExitChecklist>,
    #[serde(default)]
    pub reason: Option<String>,
    /// The day of the application; today when absent.
    #[serde(default)]
    pub on: Option<NaiveDate>,
}

/// `POST /api/v1/applications/{id}/advance` and `/reject`.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ApplicationStep {
    /// The day the step is taken; today when absent. Notices must have stood 7 days by then.
    #[serde(default)]
    pub on: Option<NaiveDate>,
    /// A note, or the reason of a rejection (required then).
    #[serde(default)]
    pub note: Option<String>,
    /// Leaving `village_assessed`: the district's comparison.
    #[serde(default)]
    pub comparison: Option<Comparison>,
    /// Leaving a notice stage: the days the notice stood.
    #[serde(default)]
    pub notice: Option<NoticePeriod>,
    /// An exit leaving `district_compared` (into the village notice): the verification and the
    /// household's acknowledgement.
    #[serde(default)]
    pub verification: Option<ExitVerification>,
}

/// `GET /api/v1/applications` filters; `waiting=true` lists what the caller's role acts on next.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams))]
pub struct ApplicationQuery {
    pub page: Option<u64>,
    pub per_page: Option<u64>,
    pub household_id: Option<HouseholdId>,
    /// Applications of households under this township or village.
    pub org_unit_id: Option<OrgUnitId>,
    pub status: Option<ApplicationStatus>,
    pub waiting: Option<bool>,
}

/// One step of an application's history: who moved it where, and when.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ApplicationHistoryEntry {
    pub stage: ApplicationStage,
    pub rejected: bool,
    pub on: NaiveDate,
    pub at: DateTime<Utc>,
    pub user_id: UserId,
    pub username: String,
    pub note: Option<String>,
    /// The comparison, notice period or verification this step recorded.
    #[serde(default)]
    pub records: StepRecords,
}

/// A photo of a posted notice (公示照片); its bytes at
/// `GET /api/v1/applications/{id}/photos/{photo}` (JPEG).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct NoticePhoto {
    pub id: i64,
    /// The notice it shows.
    pub stage: ApplicationStage,
    pub at: DateTime<Utc>,
    pub username: String,
}

/// Photos kept per notice.
pub const PHOTOS_PER_NOTICE: usize = 3;

/// An application with its whole history.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ApplicationDto {
    pub id: ApplicationId,
    pub household_id: HouseholdId,
    pub household_number: String,
    pub head_name: String,
    pub village: OrgUnitRef,
    pub kind: ApplicationKind,
    pub year: i32,
    pub stage: ApplicationStage,
    pub status: ApplicationStatus,
    pub checklist: Option<ExitChecklist>,
    pub reason: Option<String>,
    /// The day the current stage was entered.
    pub stage_since: NaiveDate,
    pub history: Vec<ApplicationHistoryEntry>,
    /// Photos of its posted notices.
    #[serde(default)]
    pub photos: Vec<NoticePhoto>,
}
