//! Infrastructure (基础设施): what the year's infrastructure projects build, by village and
//! kind of output (公里 of road, 户 of safe water, 村 of broadband …), read from the projects'
//! quantities of the funds area.

use serde::{Deserialize, Serialize};

use crate::client::api;
use crate::funds::RatesQuery;
use crate::industry::Quantity;
use crate::{Fen, OrgUnitId};

/// One place and kind of output: the projects that build it and how much.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct InfrastructureRow {
    /// The village, or the township or district a project above village level belongs to.
    pub org_unit_id: OrgUnitId,
    pub org_unit_name: String,
    /// The output's unit, which names its kind (公里, 户, 村).
    pub unit: String,
    pub projects: u64,
    pub completed: u64,
    pub budget_fen: Fen,
    pub quantity: Quantity,
    /// What the completed projects built.
    pub completed_quantity: Quantity,
}

/// `GET /api/v1/infrastructure/figures`: rows by place and unit, and the totals per unit.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct InfrastructureFigures {
    pub year: i32,
    pub rows: Vec<InfrastructureRow>,
    /// Per unit over every place (`org_unit_id` is the unit asked for).
    pub totals: Vec<InfrastructureRow>,
    /// Infrastructure projects without a recorded output.
    pub without_output: u64,
}

api! {
    GET "/api/v1/infrastructure/figures" => infrastructure_figures() query(RatesQuery) -> InfrastructureFigures;
}
