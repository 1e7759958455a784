//! A household's assistance plan for a year (到户帮扶计划): items of the 16-item checklist
//! ([`VisitItem`]), each with the cadre responsible, a due date and the day it was done.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::VisitItem;
use crate::org::OrgUnitRef;
use crate::{AssistancePlanId, CadreId, HouseholdId, OrgUnitId};

/// `POST /api/v1/assistance-plans`: one item of a household's plan.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CreatePlanItem {
    pub household_id: HouseholdId,
    pub year: i32,
    pub item: VisitItem,
    /// The cadre responsible; the household's cadre when absent (a cadre account: itself).
    #[serde(default)]
    pub cadre_id: Option<CadreId>,
    pub due: NaiveDate,
    #[serde(default)]
    pub note: Option<String>,
}

/// One item of a plan; `done_on` is set once, after which the item stays.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PlanItemDto {
    pub id: AssistancePlanId,
    pub household_id: HouseholdId,
    pub head_name: String,
    pub village: OrgUnitRef,
    pub year: i32,
    pub item: VisitItem,
    pub cadre_id: CadreId,
    pub cadre_name: String,
    pub due: NaiveDate,
    pub done_on: Option<NaiveDate>,
    pub note: Option<String>,
}

impl PlanItemDto {
    /// Whether the item is past its due date without being done on `today`.
    pub fn overdue(&self, today: NaiveDate) -> bool {
        self.done_on.is_none() && self.due < today
    }
}

/// `GET /api/v1/assistance-plans` filters.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams))]
pub struct PlanQuery {
    pub household_id: Option<HouseholdId>,
    pub year: Option<i32>,
    /// A village or township of the caller's subtree.
    pub org_unit: Option<OrgUnitId>,
    /// Only items not done (`false`) or done (`true`).
    pub done: Option<bool>,
    pub page: Option<u64>,
    pub per_page: Option<u64>,
}

/// `POST /api/v1/assistance-plans/{id}/done`.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct MarkPlanDone {
    pub done_on: NaiveDate,
}
