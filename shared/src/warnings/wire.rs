//! Wire types of the early warning: warnings with the figures that raised them, the run, the
//! check, the figures by rule and village, the per-year settings and the disaster reports.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::{CheckOutcome, WarningRule, WarningStatus};
use crate::{Fen, HouseholdId, MonitoringKind, OrgUnitId, VisitId};

/// The figures that raised a warning; which are set depends on the rule ([`super::describe`]).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct WarningFigures {
    /// The amount the rule measured: the year's medical out-of-pocket, the per-capita income,
    /// the overdue balance, the reported loss.
    pub amount_fen: Option<Fen>,
    /// What it was measured against: the household's net income, the line, the year before's
    /// per-capita income.
    pub reference_fen: Option<Fen>,
    /// How many records of the rule the household has (claims, children, loans, reports).
    pub count: Option<u64>,
    /// The day of the record that raised it: a member's leave, a loan's due date, a check.
    pub event_on: Option<NaiveDate>,
    /// The record's word: a leave reason, a housing grade, a disaster's description.
    pub detail: Option<String>,
    /// The record that raised it (member, loan, housing check, disaster report), when one did.
    pub record_id: Option<i64>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct WarningDto {
    pub id: i64,
    pub household_id: HouseholdId,
    pub household_number: String,
    pub head_name: String,
    pub village_id: OrgUnitId,
    pub village_name: String,
    pub rule: WarningRule,
    pub year: i32,
    pub raised_on: NaiveDate,
    pub figures: WarningFigures,
    /// The figures told in a sentence.
    pub summary: String,
    pub status: WarningStatus,
    /// Unchecked and older than 15 days on the reader's today: the township's to chase.
    pub escalated: bool,
    pub checked_on: Option<NaiveDate>,
    pub checked_by: Option<String>,
    /// Why it was cleared, or the monitoring plan.
    pub check_reason: Option<String>,
    /// The visit it was checked on, and that visit's day (checks made without a visit: none).
    pub checked_visit_id: Option<VisitId>,
    pub checked_visit_on: Option<NaiveDate>,
}

/// `GET /api/v1/warnings` filters; escalated warnings come first, then the oldest.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams))]
pub struct WarningQuery {
    pub year: Option<i32>,
    pub status: Option<WarningStatus>,
    pub rule: Option<WarningRule>,
    /// The subtree to list; the caller's own unit when absent.
    pub org_unit: Option<OrgUnitId>,
    pub household_id: Option<HouseholdId>,
    /// Only escalated ones (`true`) or only the others (`false`).
    pub escalated: Option<bool>,
    pub page: Option<u64>,
    pub per_page: Option<u64>,
}

/// `POST /api/v1/warnings/run`: every rule over the district for the year.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RunWarnings {
    pub year: i32,
}

/// How many new warnings a rule raised in a run.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RuleRaised {
    pub rule: WarningRule,
    pub raised: u64,
}

/// What a run raised: only warnings not raised before for their household, rule and year.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct WarningRun {
    pub year: i32,
    pub raised_on: NaiveDate,
    pub by_rule: Vec<RuleRaised>,
    pub raised: u64,
}

/// `POST /api/v1/warnings/{id}/check`: what the visit found. `reason` is why the risk is ruled
/// out, or the monitoring plan.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CheckWarning {
    pub outcome: CheckOutcome,
    pub reason: String,
    /// The kind of monitoring (`monitor` only); an exited household is `unstable`, any other
    /// `marginal` when absent.
    #[serde(default)]
    pub monitoring_kind: Option<MonitoringKind>,
    /// The visit to the warning's household the check was made on (on or after the day the
    /// warning was raised); a cadre checks only on a visit.
    #[serde(default)]
    pub visit_id: Option<VisitId>,
}

/// Warnings raised, open, escalated, cleared and monitored in one group.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct WarningCounts {
    pub raised: u64,
    pub open: u64,
    pub escalated: u64,
    pub cleared: u64,
    pub monitored: u64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RuleCounts {
    pub rule: WarningRule,
    pub counts: WarningCounts,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct VillageCounts {
    pub village_id: OrgUnitId,
    pub name: String,
    pub counts: WarningCounts,
}

/// `GET /api/v1/warnings/figures` filters.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams))]
pub struct WarningStatsQuery {
    pub year: i32,
    /// The state as recorded up to this date (the reader's today when absent).
    pub as_of: Option<NaiveDate>,
    pub org_unit: Option<OrgUnitId>,
}

/// `GET /api/v1/warnings/figures`: the year's warnings in a subtree as they stood on `as_of`,
/// by rule and by village (villages with warnings only).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct WarningStats {
    pub year: i32,
    pub as_of: Option<NaiveDate>,
    pub total: WarningCounts,
    pub by_rule: Vec<RuleCounts>,
    pub by_village: Vec<VillageCounts>,
}

/// A year's settings of the rules (`GET /api/v1/warning-settings/{year}`), the defaults while
/// the year has none (`version` 0).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct WarningSettings {
    pub year: i32,
    /// A household's medical out-of-pocket of the year over this warns.
    pub medical_cost_fen: Fen,
    /// … or over this share of its net income (basis points; 5000 = half).
    pub medical_income_share_bp: i64,
    /// A fall of per-capita income from the year before by more than this share warns.
    pub income_fall_bp: i64,
    /// Rules not run this year.
    pub disabled_rules: Vec<WarningRule>,
    pub version: i32,
}

/// `PUT /api/v1/warning-settings/{year}`, with the version read (0 the first time).
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct WarningSettingsInput {
    pub medical_cost_fen: Fen,
    pub medical_income_share_bp: i64,
    pub income_fall_bp: i64,
    #[serde(default)]
    pub disabled_rules: Vec<WarningRule>,
    pub version: i32,
}

/// `POST /api/v1/disaster-reports`: a disaster a household suffered, entered by the clerk.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct DisasterReportInput {
    pub household_id: HouseholdId,
    /// Not after today.
    pub reported_on: NaiveDate,
    pub description: String,
    pub loss_fen: Fen,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct DisasterReportDto {
    pub id: i64,
    pub household_id: HouseholdId,
    pub household_number: String,
    pub village_name: String,
    pub reported_on: NaiveDate,
    pub description: String,
    pub loss_fen: Fen,
    pub reported_by: String,
}

/// `GET /api/v1/disaster-reports` filters.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams))]
pub struct DisasterReportQuery {
    /// Reported in the year.
    pub year: Option<i32>,
    pub org_unit: Option<OrgUnitId>,
    pub household_id: Option<HouseholdId>,
    pub page: Option<u64>,
    pub per_page: Option<u64>,
}
