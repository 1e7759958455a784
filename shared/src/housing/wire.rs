//! Wire types of housing safety: appraisals, renovations and the year's figures.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::{HousingGrade, RenovationKind};
use crate::{Fen, HouseholdId, OrgUnitId};

/// The columns of the housing-check import (房屋安全鉴定表), in order; rows are matched by the
/// household head's ID card.
pub const HOUSING_CHECK_COLUMNS: [&str; 4] = ["户主身份证号", "鉴定日期", "鉴定等级", "备注"];

/// The columns of the renovation import (危房改造台账), in order; rows are matched by the
/// household head's ID card.
pub const RENOVATION_COLUMNS: [&str; 7] =
    ["户主身份证号", "计划年度", "改造方式", "改造费用(元)", "补助资金(元)", "竣工日期", "验收日期"];

/// `POST /api/v1/housing-checks`.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct HousingCheckInput {
    pub household_id: HouseholdId,
    /// Not after today.
    pub checked_on: NaiveDate,
    pub grade: HousingGrade,
    #[serde(default)]
    pub note: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct HousingCheckDto {
    pub id: i64,
    pub household_id: HouseholdId,
    pub household_number: String,
    pub head_name: String,
    pub checked_on: NaiveDate,
    pub grade: HousingGrade,
    pub note: Option<String>,
    /// Photos of the house, oldest first (`GET /api/v1/housing-checks/{id}/photos/{photo}`).
    pub photo_ids: Vec<i64>,
}

/// `GET /api/v1/housing-checks` and `/api/v1/housing-renovations` filters.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams))]
pub struct HousingQuery {
    /// Appraisals of the year, or renovations planned for it.
    pub year: Option<i32>,
    pub household_id: Option<HouseholdId>,
    /// The subtree to list; the caller's own unit when absent.
    pub org_unit_id: Option<OrgUnitId>,
    pub page: Option<u64>,
    pub per_page: Option<u64>,
}

/// `POST /api/v1/housing-renovations` and `PUT /api/v1/housing-renovations/{id}` (with
/// `version`; the household stays the one planned).
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RenovationInput {
    pub household_id: HouseholdId,
    pub plan_year: i32,
    pub kind: RenovationKind,
    pub cost_fen: Fen,
    pub subsidy_fen: Fen,
    /// Not after today.
    #[serde(default)]
    pub completed_on: Option<NaiveDate>,
    /// Not after today, nor before completion.
    #[serde(default)]
    pub accepted_on: Option<NaiveDate>,
    #[serde(default)]
    pub version: Option<i32>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RenovationDto {
    pub id: i64,
    pub household_id: HouseholdId,
    pub household_number: String,
    pub head_name: String,
    pub plan_year: i32,
    pub kind: RenovationKind,
    pub cost_fen: Fen,
    pub subsidy_fen: Fen,
    /// 缺口兜底: cost − subsidy, paid by the government.
    pub government_top_up_fen: Fen,
    pub completed_on: Option<NaiveDate>,
    pub accepted_on: Option<NaiveDate>,
    pub version: i32,
}

/// `GET /api/v1/housing/figures`: the year's renovations in a subtree, counted as recorded up
/// to `as_of`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct HousingFigures {
    pub year: i32,
    /// Renovations planned for the year.
    pub planned: u64,
    pub completed: u64,
    /// completed / planned in basis points.
    pub completion_rate_bp: i64,
    pub accepted: u64,
    pub cost_fen: Fen,
    pub subsidy_fen: Fen,
    /// The government's top-up of the completed renovations.
    pub top_up_paid_fen: Fen,
    /// Registered households whose records say their housing is not safe.
    pub unsafe_households: u64,
}
