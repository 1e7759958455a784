//! Wire types of villages by year: profiles and their history, the exit check, the exit
//! thresholds, the recorded checks and the village exit.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use super::{CheckKind, ExitCriterion};
use crate::industry::Quantity;
use crate::{ApplicationStatus, Fen, OrgUnitId, ProjectId};

/// `GET /api/v1/villages` filters: the year whose profiles and incidence to show (this year
/// when absent), and only the villages on that year's poor list.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams))]
pub struct VillageQuery {
    pub page: Option<u64>,
    pub per_page: Option<u64>,
    pub year: Option<i32>,
    pub poor_only: Option<bool>,
}

/// A village as the list shows it for one year.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct VillageRow {
    /// The village's org unit.
    pub id: OrgUnitId,
    pub name: String,
    pub township: String,
    pub year: i32,
    /// On the poor list (建档立卡贫困村) in `year`, by the latest profile up to it.
    pub is_poor_village: bool,
    /// 出列年份: the village exited at the end of this year.
    pub exit_year: Option<i32>,
    /// The year's own profile, when recorded.
    pub rural_population: Option<i64>,
    pub collective_income_fen: Option<Fen>,
    /// Members of the village's registered households.
    pub poor_people: u64,
    /// 贫困发生率 in basis points, when the year's population is known.
    pub incidence_bp: Option<i64>,
}

/// A village's profile of one year.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct VillageProfile {
    pub org_unit_id: OrgUnitId,
    pub year: i32,
    /// On the poor list (建档立卡贫困村) this year.
    pub is_poor_village: bool,
    pub rural_population: i64,
    /// 村集体经济收入 recorded for the year.
    pub collective_income_fen: Fen,
    pub version: i32,
}

/// `PUT /api/v1/villages/{id}/profile` (admin, district official): a year's profile, created
/// without `version` or replaced with the version read.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SaveVillageProfile {
    pub year: i32,
    pub is_poor_village: bool,
    pub rural_population: i64,
    pub collective_income_fen: Fen,
    #[serde(default)]
    pub version: Option<i32>,
}

/// One change of a village's profiles: who, when, the year, and the values before and after.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ProfileChange {
    pub at: DateTime<Utc>,
    pub username: Option<String>,
    pub year: i32,
    pub before: Option<VillageProfile>,
    pub after: VillageProfile,
}

/// A year's thresholds for a poor village to exit (`GET`/`PUT /api/v1/settings/village-exit`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct VillageExitSetting {
    pub year: i32,
    /// 贫困发生率 must be below this, in basis points (200 = 2 %).
    pub max_incidence_bp: i32,
    /// 村集体经济收入 must be at least this.
    pub min_collective_income_fen: Fen,
}

/// `PUT /api/v1/villages/{id}/checks` (admin, district official): the finding of one check of
/// a year, replacing an earlier one of the same kind.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RecordVillageCheck {
    pub year: i32,
    pub kind: CheckKind,
    pub passed: bool,
    pub checked_on: NaiveDate,
    /// What was seen or documented (e.g. the acceptance record of the road).
    pub evidence: String,
}

/// A recorded check.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct VillageCheck {
    pub year: i32,
    pub kind: CheckKind,
    pub passed: bool,
    pub checked_on: NaiveDate,
    pub evidence: String,
    pub recorded_by: String,
}

/// `GET /api/v1/villages/{id}/exit-check` parameters.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams))]
pub struct YearQuery {
    pub year: Option<i32>,
}

/// One 出列 criterion: the village's figure, the threshold and whether it passes. Figures are
/// basis points for the incidence and fen for the income; a check carries its record instead.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CriterionResult {
    pub criterion: ExitCriterion,
    pub figure: Option<i64>,
    pub threshold: Option<i64>,
    pub passed: bool,
    pub check: Option<VillageCheck>,
    /// The village's completed infrastructure project that answers a road, water or broadband
    /// criterion (the latest completed by the year's end), when there is one.
    #[serde(default)]
    pub project: Option<SupportingProject>,
    /// Why it fails, in words a clerk reads.
    pub problem: Option<String>,
}

/// An infrastructure project a criterion reads: what it built and when it was completed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SupportingProject {
    pub project_id: ProjectId,
    pub name: String,
    pub year: i32,
    pub quantity: Quantity,
    pub unit: String,
    pub completed_on: NaiveDate,
}

/// `GET /api/v1/villages/{id}/exit-check?year=`: every criterion and whether all pass.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ExitCheck {
    pub org_unit_id: OrgUnitId,
    pub year: i32,
    pub poor_people: u64,
    pub rural_population: Option<i64>,
    pub incidence_bp: Option<i64>,
    pub criteria: Vec<CriterionResult>,
    pub passes: bool,
}

/// `POST /api/v1/villages/{id}/exit`: file the village's exit for `year` (it leaves the poor
/// list at the end of that year).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct FileVillageExit {
    pub year: i32,
    pub applied_on: NaiveDate,
}

/// `POST /api/v1/villages/{id}/exit/notice`: the village notice (公示), ≥ 7 days, both dates
/// no later than today.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct VillageExitNotice {
    pub notice_start: NaiveDate,
    pub notice_end: NaiveDate,
    pub version: i32,
}

/// `POST /api/v1/villages/{id}/exit/announce` (admin, district official): the district's
/// announcement (公告), on or after the notice ended.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AnnounceVillageExit {
    pub announced_on: NaiveDate,
    pub version: i32,
}

/// `POST /api/v1/villages/{id}/exit/reject`: closes the exit in progress as rejected, with why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RejectVillageExit {
    pub reason: String,
    pub version: i32,
}

/// A village exit application and where it stands.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct VillageExit {
    pub id: i64,
    pub org_unit_id: OrgUnitId,
    pub year: i32,
    pub status: ApplicationStatus,
    pub applied_on: NaiveDate,
    pub applied_by: String,
    pub notice_start: Option<NaiveDate>,
    pub notice_end: Option<NaiveDate>,
    pub announced_on: Option<NaiveDate>,
    pub announced_by: Option<String>,
    /// Why it was rejected.
    pub reason: Option<String>,
    pub version: i32,
}
