//! Ecological compensation (生态保护脱贫): what households receive from 退耕还林, 公益林,
//! forest-ranger posts and other programmes, with the area it is for.

mod api;

pub use api::ROUTES;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::industry::Quantity;
use crate::string_enum::string_enum;
use crate::{Fen, HouseholdId, OrgUnitId};

string_enum! {
    /// The programme a compensation comes from.
    EcologyProgramme {
        ReturningFarmland = "returning_farmland" ("退耕还林", "Returning farmland to forest"),
        PublicWelfareForest = "public_welfare_forest" ("公益林", "Public-welfare forest"),
        ForestRanger = "forest_ranger" ("生态护林员", "Forest ranger"),
        Other = "other" ("其他", "Other"),
    }
}

/// `POST /api/v1/ecology-compensations`.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct EcologyInput {
    pub household_id: HouseholdId,
    pub programme: EcologyProgramme,
    pub year: i32,
    /// 亩, two decimals; none for a ranger's pay.
    #[serde(default)]
    pub area_mu: Option<Quantity>,
    pub amount_fen: Fen,
    /// Not after today.
    pub paid_on: NaiveDate,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct EcologyDto {
    pub id: i64,
    pub household_id: HouseholdId,
    pub household_number: String,
    pub head_name: String,
    pub programme: EcologyProgramme,
    pub year: i32,
    pub area_mu: Option<Quantity>,
    pub amount_fen: Fen,
    pub paid_on: NaiveDate,
}

/// `GET /api/v1/ecology-compensations` filters.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams))]
pub struct EcologyQuery {
    pub year: Option<i32>,
    pub household_id: Option<HouseholdId>,
    pub programme: Option<EcologyProgramme>,
    /// The subtree to list; the caller's own unit when absent.
    pub org_unit_id: Option<OrgUnitId>,
    pub page: Option<u64>,
    pub per_page: Option<u64>,
}

/// The columns of an ecology import, in order: the member's ID card (matched against the
/// registry), the programme (its Chinese name), the year, the area in 亩 (may be empty), the
/// amount in 元 and the day it was paid.
pub const ECOLOGY_COLUMNS: &[&str] = &["身份证号", "项目", "年度", "面积（亩）", "金额（元）", "发放日期"];

/// `POST /api/v1/ecology-compensations/import` parameters.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams))]
pub struct EcologyImportQuery {
    /// `xlsx` or `csv`.
    pub format: String,
    /// `false` (the default) only checks; `true` writes all rows or none.
    #[serde(default)]
    pub commit: bool,
}

/// What an ecology import found (and, committed, wrote).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct EcologyImportReport {
    pub committed: bool,
    pub rows: u64,
    /// Households the rows that pass are for.
    pub households: u64,
    pub amount_fen: Fen,
    pub errors: Vec<crate::registry::RowError>,
    pub error_count: u64,
}

/// One programme's year: households, area and amount.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ProgrammeFigure {
    pub programme: EcologyProgramme,
    pub households: u64,
    pub area_mu: Quantity,
    pub amount_fen: Fen,
}

/// `GET /api/v1/ecology/figures`: every programme, paid up to `as_of`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct EcologyFigures {
    pub year: i32,
    pub programmes: Vec<ProgrammeFigure>,
}
