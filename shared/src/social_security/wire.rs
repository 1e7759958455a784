//! Wire types of social security: standards, payments, the shortfall list and figures.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::AssistancePaymentKind;
use crate::{Fen, HouseholdCategory, HouseholdId, MemberId, OrgUnitId};

/// The columns of the assistance-payment import (民政发放表), in order.
pub const ASSISTANCE_COLUMNS: [&str; 6] = ["身份证号", "救助类别", "年度", "发放期间", "金额(元)", "发放日期"];

/// `GET /api/v1/social-security/standards/{year}`: the year's standards, per person and year.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SocialStandardDto {
    pub year: i32,
    /// Nothing while the year has no standards (`version` 0).
    pub dibao_fen: Fen,
    pub wubao_concentrated_fen: Fen,
    pub wubao_dispersed_fen: Fen,
    /// 临时救助起付线.
    pub temporary_threshold_fen: Fen,
    /// 临时救助比例 raised by this many basis points.
    pub temporary_uplift_bp: i64,
    pub version: i32,
}

/// `PUT /api/v1/social-security/standards/{year}` (with `version` once the year has them).
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SocialStandardInput {
    pub dibao_fen: Fen,
    pub wubao_concentrated_fen: Fen,
    pub wubao_dispersed_fen: Fen,
    pub temporary_threshold_fen: Fen,
    pub temporary_uplift_bp: i64,
    #[serde(default)]
    pub version: Option<i32>,
}

/// `POST /api/v1/assistance-payments`.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AssistancePaymentInput {
    pub household_id: HouseholdId,
    /// The member it is for, when it is for one person (医疗救助).
    #[serde(default)]
    pub member_id: Option<MemberId>,
    pub kind: AssistancePaymentKind,
    /// The year the payment is for.
    pub year: i32,
    /// The period within the year (`2020年1-3月`, `2020年9月`).
    pub period: String,
    pub amount_fen: Fen,
    /// Not after today.
    pub paid_on: NaiveDate,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AssistancePaymentDto {
    pub id: i64,
    pub household_id: HouseholdId,
    pub household_number: String,
    pub head_name: String,
    pub member_id: Option<MemberId>,
    pub kind: AssistancePaymentKind,
    pub year: i32,
    pub period: String,
    pub amount_fen: Fen,
    pub paid_on: NaiveDate,
}

/// `GET /api/v1/assistance-payments` and `/api/v1/social-security/shortfalls` filters.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams))]
pub struct AssistanceQuery {
    pub year: i32,
    pub household_id: Option<HouseholdId>,
    /// The subtree to list; the caller's own unit when absent.
    pub org_unit_id: Option<OrgUnitId>,
    pub page: Option<u64>,
    pub per_page: Option<u64>,
}

/// A 低保 / 五保 household paid less than the year's standard for its people.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ShortfallDto {
    pub household_id: HouseholdId,
    pub household_number: String,
    pub head_name: String,
    pub category: HouseholdCategory,
    pub people: u64,
    /// The standard that applies per person (五保: concentrated when paid so, else dispersed).
    pub standard_fen: Fen,
    pub due_fen: Fen,
    pub paid_fen: Fen,
    pub short_fen: Fen,
}

/// One kind of payment in the year.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AssistanceFigure {
    pub kind: AssistancePaymentKind,
    pub households: u64,
    pub payments: u64,
    pub amount_fen: Fen,
}

/// `GET /api/v1/social-security/figures`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SocialFigures {
    pub year: i32,
    pub standard: SocialStandardDto,
    /// The year before's, to show the rise.
    pub previous_standard: SocialStandardDto,
    /// Registered 低保 households and their people.
    pub dibao_households: u64,
    pub dibao_people: u64,
    pub wubao_households: u64,
    pub wubao_people: u64,
    /// Payments by kind, paid up to `as_of`.
    pub payments: Vec<AssistanceFigure>,
    /// 低保 / 五保 households paid less than the standard for their people.
    pub short_households: u64,
}
