//! Wire types of the money: fund batches (资金批次), projects (扶贫项目), their expenditures,
//! the rates and the expenditure import.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::industry::Quantity;
use crate::org::OrgUnitRef;
use crate::{
    ExpenditureId, Fen, FundBatchId, FundSource, HouseholdId, OrgUnitId, ProjectId, ProjectKind, ProjectStatus,
};

/// One source's part of a batch's issued amount.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SourceShare {
    pub source: FundSource,
    pub amount_fen: Fen,
}

/// `POST /api/v1/fund-batches`.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CreateFundBatch {
    pub year: i32,
    /// 第 N 批.
    pub seq: i32,
    pub name: String,
    /// 文号.
    pub document_no: String,
    /// The level whose document issued it.
    pub source: FundSource,
    pub issued_on: NaiveDate,
    /// 下达金额.
    pub issued_fen: Fen,
    /// Whose money it is, adding up to `issued_fen`; empty means all of it from `source`.
    #[serde(default)]
    pub sources: Vec<SourceShare>,
}

/// `PATCH /api/v1/fund-batches/{id}`: a corrected issued amount and its shares.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct UpdateFundBatch {
    pub version: i32,
    pub issued_fen: Fen,
    /// As on creation: empty means all of it from the batch's `source`.
    #[serde(default)]
    pub sources: Vec<SourceShare>,
}

/// A batch: what was issued, what its projects hold and spent.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct FundBatchDto {
    pub id: FundBatchId,
    pub year: i32,
    pub seq: i32,
    pub name: String,
    pub document_no: String,
    pub source: FundSource,
    pub issued_on: NaiveDate,
    pub issued_fen: Fen,
    pub sources: Vec<SourceShare>,
    /// Sum of its projects' budgets (all of them, whatever the caller's scope).
    pub allocated_fen: Fen,
    /// Issued, not yet given to a project.
    pub unallocated_fen: Fen,
    /// Projects and spending in the caller's scope.
    pub projects: u64,
    pub spent_fen: Fen,
    /// Spent ÷ issued, basis points.
    pub spending_progress_bp: i64,
    pub version: i32,
}

/// `GET /api/v1/fund-batches` filters.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams))]
pub struct FundBatchQuery {
    pub year: Option<i32>,
    pub page: Option<u64>,
    pub per_page: Option<u64>,
}

/// `POST /api/v1/projects`.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CreateProject {
    pub batch_id: FundBatchId,
    pub name: String,
    pub kind: ProjectKind,
    /// The village, township or district the project is for.
    pub org_unit_id: OrgUnitId,
    pub budget_fen: Fen,
    /// What it builds, e.g. 3.5 (km).
    #[serde(default)]
    pub quantity: Option<Quantity>,
    /// The unit of `quantity` (公里, 立方米, 户 …).
    #[serde(default)]
    pub unit: Option<String>,
    /// Households that benefit (受益贫困户), in the project's area.
    #[serde(default)]
    pub household_ids: Vec<HouseholdId>,
    /// The announcement (公告公示) period.
    #[serde(default)]
    pub announced_from: Option<NaiveDate>,
    #[serde(default)]
    pub announced_to: Option<NaiveDate>,
}

/// `PATCH /api/v1/projects/{id}`: the next status with its date, and/or plain fields.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct UpdateProject {
    pub version: i32,
    #[serde(default)]
    pub status: Option<ProjectStatus>,
    #[serde(default)]
    pub started_on: Option<NaiveDate>,
    #[serde(default)]
    pub completed_on: Option<NaiveDate>,
    #[serde(default)]
    pub accepted_on: Option<NaiveDate>,
    #[serde(default)]
    pub name: Option<String>,
    #[serde(default)]
    pub budget_fen: Option<Fen>,
    #[serde(default)]
    pub quantity: Option<Quantity>,
    #[serde(default)]
    pub unit: Option<String>,
    /// The whole new list of beneficiary households.
    #[serde(default)]
    pub household_ids: Option<Vec<HouseholdId>>,
    #[serde(default)]
    pub announced_from: Option<NaiveDate>,
    #[serde(default)]
    pub announced_to: Option<NaiveDate>,
}

/// A project with its spending.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ProjectDto {
    pub id: ProjectId,
    pub batch_id: FundBatchId,
    pub year: i32,
    pub name: String,
    pub kind: ProjectKind,
    pub org_unit: OrgUnitRef,
    pub budget_fen: Fen,
    /// What it has spent: its expenditures and the industry subsidies it paid.
    pub spent_fen: Fen,
    pub status: ProjectStatus,
    pub started_on: Option<NaiveDate>,
    pub completed_on: Option<NaiveDate>,
    pub accepted_on: Option<NaiveDate>,
    pub quantity: Option<Quantity>,
    pub unit: Option<String>,
    /// The households it benefits (受益贫困户).
    pub household_ids: Vec<HouseholdId>,
    /// How many they are.
    pub beneficiary_households: u64,
    pub announced_from: Option<NaiveDate>,
    pub announced_to: Option<NaiveDate>,
    pub version: i32,
}

/// `GET /api/v1/projects` filters.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams))]
pub struct ProjectQuery {
    pub page: Option<u64>,
    pub per_page: Option<u64>,
    pub batch_id: Option<FundBatchId>,
    pub year: Option<i32>,
    pub kind: Option<ProjectKind>,
    pub status: Option<ProjectStatus>,
    /// Projects of this unit's subtree.
    pub org_unit_id: Option<OrgUnitId>,
    /// Part of the name.
    pub q: Option<String>,
}

/// `POST /api/v1/projects/{id}/expenditures`.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CreateExpenditure {
    pub amount_fen: Fen,
    pub paid_on: NaiveDate,
    /// 凭证号, unique in the district.
    pub voucher_no: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ExpenditureDto {
    pub id: ExpenditureId,
    pub project_id: ProjectId,
    pub amount_fen: Fen,
    pub paid_on: NaiveDate,
    pub voucher_no: String,
}

/// `GET /api/v1/funds/rates` parameters.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams))]
pub struct RatesQuery {
    pub year: i32,
    /// Count only what was recorded as happening up to this date (started, completed, paid);
    /// projects of batches issued after it are not counted.
    pub as_of: Option<NaiveDate>,
    /// The subtree to count; the caller's own unit when absent. Also read as `org_unit`.
    #[serde(alias = "org_unit")]
    pub org_unit_id: Option<OrgUnitId>,
}

/// A year's projects in a subtree and their rates, in basis points rounded half up.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct FundRates {
    pub projects: u64,
    pub started: u64,
    pub completed: u64,
    pub budget_fen: Fen,
    pub spent_fen: Fen,
    pub industry_projects: u64,
    pub industry_budget_fen: Fen,
    /// Started (or further) / projects.
    pub start_rate_bp: i64,
    /// Completed or accepted / projects.
    pub completion_rate_bp: i64,
    /// Spent / budget.
    pub expenditure_rate_bp: i64,
    /// Industry budget / budget.
    pub industry_share_bp: i64,
}

/// Budget and spending of one group (a batch, a kind) for the charts.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct KindTotal {
    pub kind: ProjectKind,
    pub projects: u64,
    pub budget_fen: Fen,
    pub spent_fen: Fen,
}

// ---- industry ----

/// Expenditure import columns, in order.
pub const EXPENDITURE_COLUMNS: &[&str] = &["项目编号", "金额（元）", "支付日期", "凭证号"];

/// `POST /api/v1/expenditures/import` parameters.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams))]
pub struct ExpenditureImportQuery {
    /// `xlsx` or `csv`.
    pub format: String,
    /// `false` (the default) only checks; `true` writes all rows or none.
    #[serde(default)]
    pub commit: bool,
}

/// What an expenditure import found (and, committed, wrote).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ExpenditureImportReport {
    pub committed: bool,
    pub rows: u64,
    pub amount_fen: Fen,
    pub projects: u64,
    pub errors: Vec<crate::registry::RowError>,
    pub error_count: u64,
}
