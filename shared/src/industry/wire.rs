//! Wire types of industry poverty alleviation (产业扶贫): the subsidy menu, subsidies to
//! households, business entities, photovoltaic stations with their income and its
//! distributions, and asset-income investments.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::Quantity;
use crate::org::OrgUnitRef;
use crate::{
    BusinessEntityId, BusinessEntityKind, Fen, HouseholdId, IndustrySubsidyId, OrgUnitId, ProjectId, PvDistributionId,
    PvDistributionKind, PvIncomeId, PvStationId, SubsidyMenuItemId,
};

/// `POST /api/v1/subsidy-menu` and `PUT /api/v1/subsidy-menu/{id}` (with `version`).
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SubsidyMenuInput {
    pub year: i32,
    pub name: String,
    /// 头, 亩, 箱 …
    pub unit: String,
    /// 元 per unit, as fen.
    pub standard_fen: Fen,
    /// At most this much per household in the year for this item.
    #[serde(default)]
    pub cap_fen: Option<Fen>,
    #[serde(default)]
    pub version: Option<i32>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SubsidyMenuItemDto {
    pub id: SubsidyMenuItemId,
    pub year: i32,
    pub name: String,
    pub unit: String,
    pub standard_fen: Fen,
    pub cap_fen: Option<Fen>,
    pub version: i32,
}

/// `GET /api/v1/subsidy-menu` filters.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams))]
pub struct SubsidyMenuQuery {
    pub year: Option<i32>,
    pub page: Option<u64>,
    pub per_page: Option<u64>,
}

/// `GET /api/v1/asset-investments` filters.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams))]
pub struct AssetInvestmentQuery {
    pub year: i32,
    /// The subtree to list; the caller's own unit when absent.
    pub org_unit_id: Option<OrgUnitId>,
    pub page: Option<u64>,
    pub per_page: Option<u64>,
}

/// `POST /api/v1/industry-subsidies`: the amount is computed, never sent.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CreateIndustrySubsidy {
    pub household_id: HouseholdId,
    pub item_id: SubsidyMenuItemId,
    /// The industry project (of the item's year, in the caller's scope) whose money pays it.
    pub project_id: ProjectId,
    pub quantity: Quantity,
    #[serde(default)]
    pub note: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct IndustrySubsidyDto {
    pub id: IndustrySubsidyId,
    pub household_id: HouseholdId,
    pub household_number: String,
    pub head_name: String,
    pub item_id: SubsidyMenuItemId,
    pub item_name: String,
    pub unit: String,
    pub year: i32,
    pub quantity: Quantity,
    /// quantity × standard, lowered to what the item's cap leaves for the household.
    pub amount_fen: Fen,
    /// Whether the cap lowered the amount.
    pub capped: bool,
    pub note: Option<String>,
    /// The project whose money paid it; none on subsidies recorded before projects paid them.
    pub project_id: Option<ProjectId>,
    pub project_name: Option<String>,
}

/// `GET /api/v1/industry/year-settings/{year}`: the year's industry settings.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct IndustryYearSettingDto {
    pub year: i32,
    /// At most this much per household in the year across all menu items; none: no such cap.
    pub household_cap_fen: Option<Fen>,
    /// 0 while the year has no setting.
    pub version: i32,
}

/// `PUT /api/v1/industry/year-settings/{year}` (with `version` once the year has a setting).
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct IndustryYearSettingInput {
    pub household_cap_fen: Fen,
    #[serde(default)]
    pub version: Option<i32>,
}

/// `GET /api/v1/industry-subsidies` filters.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams))]
pub struct IndustrySubsidyQuery {
    pub page: Option<u64>,
    pub per_page: Option<u64>,
    pub year: Option<i32>,
    pub household_id: Option<HouseholdId>,
    pub item_id: Option<SubsidyMenuItemId>,
    /// Subsidies paid by this project.
    pub project_id: Option<ProjectId>,
    /// Subsidies of households in this unit's subtree.
    pub org_unit_id: Option<OrgUnitId>,
}

/// `POST /api/v1/business-entities`, `PUT /api/v1/business-entities/{id}` (with `version`).
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct BusinessEntityInput {
    pub name: String,
    pub kind: BusinessEntityKind,
    pub org_unit_id: OrgUnitId,
    /// 主导产业, e.g. 茶叶.
    #[serde(default)]
    pub industry: String,
    /// The households it drives (带动).
    #[serde(default)]
    pub household_ids: Vec<HouseholdId>,
    #[serde(default)]
    pub version: Option<i32>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct BusinessEntityDto {
    pub id: BusinessEntityId,
    pub name: String,
    pub kind: BusinessEntityKind,
    pub org_unit: OrgUnitRef,
    pub industry: String,
    pub household_ids: Vec<HouseholdId>,
    pub version: i32,
}

/// `GET /api/v1/business-entities` filters.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams))]
pub struct BusinessEntityQuery {
    pub page: Option<u64>,
    pub per_page: Option<u64>,
    pub kind: Option<BusinessEntityKind>,
    pub org_unit_id: Option<OrgUnitId>,
    pub q: Option<String>,
}

/// `POST /api/v1/pv-stations`, `PUT /api/v1/pv-stations/{id}` (with `version`).
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PvStationInput {
    pub name: String,
    /// Where it stands.
    pub org_unit_id: OrgUnitId,
    pub capacity_kw: i32,
    /// The villages whose households share its income.
    #[serde(default)]
    pub village_ids: Vec<OrgUnitId>,
    /// 并网日期; none while it is being built.
    #[serde(default)]
    pub grid_connected_on: Option<NaiveDate>,
    #[serde(default)]
    pub version: Option<i32>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PvStationDto {
    pub id: PvStationId,
    pub name: String,
    pub org_unit: OrgUnitRef,
    pub capacity_kw: i32,
    pub villages: Vec<OrgUnitRef>,
    pub grid_connected_on: Option<NaiveDate>,
    /// Its income of all years, credited to its villages.
    pub income_fen: Fen,
    /// What was paid to households through it, of every kind.
    pub distributed_fen: Fen,
    /// Households paid through it.
    pub distribution_households: u64,
    pub version: i32,
}

/// `GET /api/v1/pv-stations` filters.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams))]
pub struct PvStationQuery {
    pub page: Option<u64>,
    pub per_page: Option<u64>,
    pub org_unit_id: Option<OrgUnitId>,
    /// `true`: grid-connected only; `false`: still being built.
    pub grid_connected: Option<bool>,
}

/// `POST /api/v1/pv-stations/{id}/incomes`: the station's income of a year (once per year).
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CreatePvIncome {
    pub year: i32,
    pub amount_fen: Fen,
    pub recorded_on: NaiveDate,
}

/// One village's part of a station's income.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct VillageCredit {
    pub village: OrgUnitRef,
    pub amount_fen: Fen,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PvIncomeDto {
    pub id: PvIncomeId,
    pub station_id: PvStationId,
    pub year: i32,
    pub amount_fen: Fen,
    pub recorded_on: NaiveDate,
    /// How it is credited to the station's villages ([`super::village_parts`]).
    pub credited: Vec<VillageCredit>,
}

/// `POST /api/v1/pv-stations/{id}/distributions`: a payment to a household of one of the
/// station's villages from the PV income credited to that village for `year`.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CreatePvDistribution {
    pub household_id: HouseholdId,
    pub kind: PvDistributionKind,
    /// The year of the income it is paid from.
    pub year: i32,
    pub amount_fen: Fen,
    pub paid_on: NaiveDate,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PvDistributionDto {
    pub id: PvDistributionId,
    pub station_id: PvStationId,
    pub village_id: OrgUnitId,
    pub household_id: HouseholdId,
    pub household_number: String,
    pub head_name: String,
    pub kind: PvDistributionKind,
    pub year: i32,
    pub amount_fen: Fen,
    pub paid_on: NaiveDate,
}

/// `GET /api/v1/villages/{id}/pv-income` filters.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams))]
pub struct PvIncomeQuery {
    pub year: i32,
}

/// A village's PV income of a year: what its stations credited, what was distributed from it
/// and what is left.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct VillagePvIncome {
    pub village_id: OrgUnitId,
    pub year: i32,
    pub credited_fen: Fen,
    pub distributed_fen: Fen,
    pub left_fen: Fen,
}

/// `POST /api/v1/asset-investments`, `PUT /api/v1/asset-investments/{id}` (with `version`):
/// money of the special fund invested in an asset (光伏, 烟叶, 旅游 …) whose income goes to
/// households (资产收益).
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AssetInvestmentInput {
    pub year: i32,
    pub name: String,
    /// 光伏, 烟叶, 旅游, 花卉, 家庭农场 …
    pub sector: String,
    pub org_unit_id: OrgUnitId,
    pub amount_fen: Fen,
    #[serde(default)]
    pub household_ids: Vec<HouseholdId>,
    #[serde(default)]
    pub version: Option<i32>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AssetInvestmentDto {
    pub id: i64,
    pub year: i32,
    pub name: String,
    pub sector: String,
    pub org_unit: OrgUnitRef,
    pub amount_fen: Fen,
    pub household_ids: Vec<HouseholdId>,
    pub version: i32,
}

/// `GET /api/v1/industry/summary`: industry figures of a year in a subtree.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct IndustrySummary {
    pub villages: u64,
    /// Villages with an industry project this year.
    pub villages_with_industry: u64,
    pub village_coverage_bp: i64,
    /// Households on file (registered or exited).
    pub households: u64,
    /// Of those, households with an industry subsidy this year.
    pub households_with_subsidy: u64,
    pub household_coverage_bp: i64,
    pub subsidies: u64,
    pub subsidy_fen: Fen,
    pub business_entities: u64,
    /// Distinct households driven by a business entity.
    pub entity_households: u64,
    pub pv_stations: u64,
    pub pv_capacity_kw: i64,
    pub pv_grid_connected: u64,
    /// Distinct households paid a dividend (分红) by a station.
    pub pv_dividend_households: u64,
    /// The stations' income of the year.
    pub pv_income_fen: Fen,
    /// Paid to households from it, of every kind.
    pub pv_distributed_fen: Fen,
    pub asset_investment_fen: Fen,
    pub asset_households: u64,
    /// The people of those households (资产收益带动人数).
    pub asset_people: u64,
}
