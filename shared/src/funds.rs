//! Wire types of the money: fund batches (资金批次), projects (扶贫项目) and their expenditures,
//! and industry poverty alleviation (产业扶贫): the subsidy menu, subsidies to households,
//! business entities, photovoltaic stations and asset-income investments.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::dto::OrgUnitRef;
use crate::{
    BusinessEntityId, BusinessEntityKind, ExpenditureId, Fen, FundBatchId, FundSource, HouseholdId, IndustrySubsidyId,
    OrgUnitId, ProjectId, ProjectKind, ProjectStatus, PvDividendId, PvStationId, SubsidyMenuItemId,
};

/// A quantity with at most two decimals (head of cattle, 亩 of tea, boxes of bees), kept as
/// hundredths so that amount = quantity × standard is exact. On the wire a JSON number.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Quantity(pub i64);

impl Quantity {
    /// Parses typed text (`3`, `1.5`, `0.25`): positive, at most two decimals.
    pub fn parse(raw: &str) -> Result<Quantity, String> {
        let fen = Fen::parse_yuan(raw).map_err(|_| "数量须为正数，最多两位小数".to_owned())?;
        if fen.0 <= 0 {
            return Err("数量须大于 0".to_owned());
        }
        Ok(Quantity(fen.0))
    }

    /// `quantity × per_unit`, rounded half up to the fen.
    pub fn times(self, per_unit: Fen) -> Option<Fen> {
        let product = i128::from(self.0).checked_mul(i128::from(per_unit.0))?;
        i64::try_from((product + 50) / 100).ok().map(Fen)
    }
}

impl std::fmt::Display for Quantity {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let text = Fen(self.0).to_yuan_string();
        f.write_str(text.trim_end_matches('0').trim_end_matches('.'))
    }
}

impl Serialize for Quantity {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        if self.0 % 100 == 0 {
            serializer.serialize_i64(self.0 / 100)
        } else {
            serializer.serialize_f64(self.0 as f64 / 100.0)
        }
    }
}

impl<'de> Deserialize<'de> for Quantity {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let value = f64::deserialize(deserializer)?;
        let hundredths = (value * 100.0).round();
        if !value.is_finite() || (value * 100.0 - hundredths).abs() > 1e-6 || hundredths.abs() > 1e15 {
            return Err(serde::de::Error::custom("数量最多两位小数"));
        }
        Ok(Quantity(hundredths as i64))
    }
}

#[cfg(feature = "openapi")]
impl utoipa::PartialSchema for Quantity {
    fn schema() -> utoipa::openapi::RefOr<utoipa::openapi::schema::Schema> {
        utoipa::openapi::ObjectBuilder::new()
            .schema_type(utoipa::openapi::schema::Type::Number)
            .description(Some("at most two decimals"))
            .into()
    }
}

#[cfg(feature = "openapi")]
impl utoipa::ToSchema for Quantity {}

// ---- fund batches and projects ----

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
    pub source: FundSource,
    pub issued_on: NaiveDate,
}

/// A batch with what its projects add up to (never stored: computed from the projects).
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
    /// Sum of its projects' budgets.
    pub amount_fen: Fen,
    pub projects: u64,
    pub spent_fen: Fen,
    pub version: i32,
}

/// `GET /api/v1/fund-batches` filters.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams))]
pub struct FundBatchQuery {
    pub year: Option<i32>,
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
    /// Households that benefit (受益贫困户).
    #[serde(default)]
    pub beneficiary_households: i32,
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
    pub beneficiary_households: Option<i32>,
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
    /// Sum of its expenditures.
    pub spent_fen: Fen,
    pub status: ProjectStatus,
    pub started_on: Option<NaiveDate>,
    pub completed_on: Option<NaiveDate>,
    pub accepted_on: Option<NaiveDate>,
    pub beneficiary_households: i32,
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
    /// The subtree to count; the caller's own unit when absent.
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
}

/// `POST /api/v1/industry-subsidies`: the amount is computed, never sent.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CreateIndustrySubsidy {
    pub household_id: HouseholdId,
    pub item_id: SubsidyMenuItemId,
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
    /// Sum of its dividends.
    pub dividends_fen: Fen,
    /// Households that received a dividend.
    pub dividend_households: u64,
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

/// `POST /api/v1/pv-stations/{id}/dividends`.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CreatePvDividend {
    pub household_id: HouseholdId,
    pub amount_fen: Fen,
    pub paid_on: NaiveDate,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PvDividendDto {
    pub id: PvDividendId,
    pub station_id: PvStationId,
    pub household_id: HouseholdId,
    pub amount_fen: Fen,
    pub paid_on: NaiveDate,
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
    /// Distinct households paid a dividend by a station.
    pub pv_dividend_households: u64,
    pub asset_investment_fen: Fen,
    pub asset_households: u64,
}

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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quantities_keep_two_decimals_and_multiply_exactly() {
        assert_eq!(Quantity::parse("1.5"), Ok(Quantity(150)));
        assert!(Quantity::parse("0").is_err());
        assert!(Quantity::parse("1.234").is_err());
        assert_eq!(Quantity(150).times(Fen(100_000)), Some(Fen(150_000)));
        assert_eq!(Quantity(33).times(Fen(1)), Some(Fen(0)));
        assert_eq!(Quantity(50).times(Fen(1)), Some(Fen(1)));
        assert_eq!(Quantity(250).to_string(), "2.5");
        assert_eq!(Quantity(300).to_string(), "3");
        let json = serde_json::to_string(&Quantity(29)).unwrap_or_default();
        assert_eq!(json, "0.29");
        assert_eq!(serde_json::from_str::<Quantity>("0.29").ok(), Some(Quantity(29)));
        assert!(serde_json::from_str::<Quantity>("0.291").is_err());
    }
}
