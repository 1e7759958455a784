//! Wire types of the entry / exit / removal applications (识别、退出、清退).

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use crate::org::OrgUnitRef;
use crate::{ApplicationId, ApplicationKind, ApplicationStage, ApplicationStatus, HouseholdId, OrgUnitId, UserId};

/// 两不愁三保障 (and safe drinking water): all must be true for an exit.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ExitChecklist {
    /// 不愁吃.
    pub food: bool,
    /// 不愁穿.
    pub clothing: bool,
    /// 义务教育有保障.
    pub compulsory_education: bool,
    /// 基本医疗有保障.
    pub basic_medical: bool,
    /// 住房安全有保障.
    pub safe_housing: bool,
    /// 饮水安全有保障.
    pub safe_drinking_water: bool,
}

impl ExitChecklist {
    pub fn all_met(&self) -> bool {
        self.food
            && self.clothing
            && self.compulsory_education
            && self.basic_medical
            && self.safe_housing
            && self.safe_drinking_water
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
}

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
}
