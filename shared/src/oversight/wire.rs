//! Wire types of rectification: inspections, problems with their measures and history,
//! accountability records, the board and the figures.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::{AccountabilityKind, InspectionSource, ProblemAction, ProblemCategory, ProblemStatus};
use crate::privacy::Personal;
use crate::{HouseholdId, OrgUnitId};

/// `POST /api/v1/inspections`.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct InspectionInput {
    pub source: InspectionSource,
    pub name: String,
    /// When the findings reached the district; not after today.
    pub received_on: NaiveDate,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct InspectionDto {
    pub id: i64,
    pub source: InspectionSource,
    pub name: String,
    pub received_on: NaiveDate,
    /// Its problems, and how many of them are closed.
    pub problems: u64,
    pub closed: u64,
}

/// `GET /api/v1/inspections` filters.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams))]
pub struct InspectionQuery {
    /// Received in the year.
    pub year: Option<i32>,
    pub page: Option<u64>,
    pub per_page: Option<u64>,
}

/// `POST /api/v1/problems`.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ProblemInput {
    pub inspection_id: i64,
    pub description: String,
    pub category: ProblemCategory,
    /// The district, a township or a village the problem lies in.
    pub org_unit_id: OrgUnitId,
    /// A household of that unit, when the problem is one family's.
    #[serde(default)]
    pub household_id: Option<HouseholdId>,
    /// The units that rectify it (责任单位), as written in the list.
    pub responsible_units: String,
    /// The leader answerable for it (责任领导).
    pub leader: String,
    pub deadline: NaiveDate,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ProblemDto {
    pub id: i64,
    pub inspection_id: i64,
    pub inspection_name: String,
    pub source: InspectionSource,
    pub description: String,
    pub category: ProblemCategory,
    pub org_unit_id: OrgUnitId,
    pub org_unit_name: String,
    pub household_id: Option<HouseholdId>,
    pub household_number: Option<String>,
    pub responsible_units: String,
    pub leader: String,
    pub deadline: NaiveDate,
    pub status: ProblemStatus,
    /// Days past the deadline on the reader's today, when not closed.
    pub days_overdue: Option<i64>,
    pub measures: u64,
    pub measures_done: u64,
}

/// `GET /api/v1/problems` filters; overdue problems come first, the most overdue on top.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams))]
pub struct ProblemQuery {
    pub inspection_id: Option<i64>,
    pub status: Option<ProblemStatus>,
    /// Only problems overdue today.
    pub overdue: Option<bool>,
    /// The subtree to list; the caller's own unit when absent.
    pub org_unit_id: Option<OrgUnitId>,
    pub page: Option<u64>,
    pub per_page: Option<u64>,
}

/// One step of a problem's history: who, when, what, and the note or evidence.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ProblemStepDto {
    pub action: ProblemAction,
    pub status: ProblemStatus,
    pub on: NaiveDate,
    pub by: String,
    pub note: Option<String>,
    pub evidence: Option<String>,
}

/// `GET /api/v1/problems/{id}`: the problem with its measures and history.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ProblemDetail {
    pub problem: ProblemDto,
    pub measures: Vec<MeasureDto>,
    pub history: Vec<ProblemStepDto>,
}

/// `POST /api/v1/problems/{id}/submit`.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SubmitProblem {
    #[serde(default)]
    pub note: Option<String>,
}

/// `POST /api/v1/problems/{id}/close`. A problem is closed only with at least one evidence
/// file attached to it (`record_type` `problem`) and at least one measure done; `evidence` may
/// say in words what the files prove.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CloseProblem {
    #[serde(default)]
    pub note: Option<String>,
    #[serde(default)]
    pub evidence: String,
}

/// `POST /api/v1/problems/{id}/reopen`.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ReopenProblem {
    pub reason: String,
}

/// `POST /api/v1/problems/{id}/measures`.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct MeasureInput {
    pub description: String,
    pub due: NaiveDate,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct MeasureDto {
    pub id: i64,
    pub problem_id: i64,
    pub description: String,
    pub due: NaiveDate,
    pub done_on: Option<NaiveDate>,
}

/// `PUT /api/v1/measures/{id}/done`.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct MeasureDone {
    /// Not after today.
    pub done_on: NaiveDate,
}

/// `POST /api/v1/accountability`.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AccountabilityInput {
    pub person: String,
    pub unit: String,
    pub on: NaiveDate,
    pub kind: AccountabilityKind,
    pub reason: String,
    #[serde(default)]
    pub problem_id: Option<i64>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AccountabilityDto {
    pub id: i64,
    /// Masked to the surname for readers without need of personal data.
    pub person: String,
    pub unit: String,
    pub on: NaiveDate,
    pub kind: AccountabilityKind,
    pub reason: String,
    pub problem_id: Option<i64>,
}

impl Personal for AccountabilityDto {
    fn masked(self) -> Self {
        Self { person: crate::privacy::mask_name(&self.person), ..self }
    }
}

/// `GET /api/v1/accountability` filters.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams))]
pub struct AccountabilityQuery {
    pub year: Option<i32>,
    pub kind: Option<AccountabilityKind>,
    pub page: Option<u64>,
    pub per_page: Option<u64>,
}

/// Problems open (not closed), overdue and closed in one group of the board.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ProblemCounts {
    pub open: u64,
    pub overdue: u64,
    pub closed: u64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SourceCounts {
    pub source: InspectionSource,
    pub counts: ProblemCounts,
}

/// A township's counts (or the district's own problems, under the district's name).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct UnitCounts {
    pub org_unit_id: OrgUnitId,
    pub name: String,
    pub counts: ProblemCounts,
}

/// `GET /api/v1/oversight/board`: the caller's subtree today.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RectificationBoard {
    pub today: Option<NaiveDate>,
    pub total: ProblemCounts,
    pub by_source: Vec<SourceCounts>,
    pub by_unit: Vec<UnitCounts>,
}

/// `GET /api/v1/oversight/board` filters.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams))]
pub struct BoardQuery {
    pub org_unit_id: Option<OrgUnitId>,
}

/// `GET /api/v1/oversight/figures` filters.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams))]
pub struct OversightFiguresQuery {
    pub year: i32,
    /// The state as recorded up to this date (the reader's today when absent).
    pub as_of: Option<NaiveDate>,
    pub org_unit_id: Option<OrgUnitId>,
}

/// `GET /api/v1/oversight/figures`: inspections received in the year and their problems in a
/// subtree, as the history stood on `as_of`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct OversightFigures {
    pub year: i32,
    pub as_of: Option<NaiveDate>,
    pub inspections: u64,
    pub problems: u64,
    pub measures: u64,
    pub measures_done: u64,
    pub closed: u64,
    pub overdue: u64,
    /// closed / problems in basis points.
    pub close_rate_bp: i64,
}
