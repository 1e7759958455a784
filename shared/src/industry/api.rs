//! Industry's routes: the subsidy menu and subsidies, business entities, PV stations and their
//! dividends, asset investments and the summary.

use super::{
    AssetInvestmentDto, AssetInvestmentInput, AssetInvestmentQuery, BusinessEntityDto, BusinessEntityInput,
    BusinessEntityQuery, CreateIndustrySubsidy, CreatePvDistribution, CreatePvIncome, IndustrySubsidyDto,
    IndustrySubsidyQuery, IndustrySummary, IndustryYearSettingDto, IndustryYearSettingInput, PvDistributionDto,
    PvIncomeDto, PvIncomeQuery, PvStationDto, PvStationInput, PvStationQuery, SubsidyMenuInput, SubsidyMenuItemDto,
    SubsidyMenuQuery, VillagePvIncome,
};
use crate::client::api;
use crate::funds::RatesQuery;
use crate::page::{Page, PageQuery};
use crate::{BusinessEntityId, IndustrySubsidyId, OrgUnitId, PvStationId, SubsidyMenuItemId};

api! {
    GET "/api/v1/subsidy-menu" => subsidy_menu() query(SubsidyMenuQuery) -> Page<SubsidyMenuItemDto>;
    POST "/api/v1/subsidy-menu" => create_menu_item() body(SubsidyMenuInput) -> SubsidyMenuItemDto;
    PUT "/api/v1/subsidy-menu/{id}" => update_menu_item(id: SubsidyMenuItemId) body(SubsidyMenuInput) -> SubsidyMenuItemDto;
    DELETE "/api/v1/subsidy-menu/{id}" => delete_menu_item(id: SubsidyMenuItemId) -> ();
    GET "/api/v1/industry-subsidies" => industry_subsidies() query(IndustrySubsidyQuery) -> Page<IndustrySubsidyDto>;
    /// The amount is computed by the server, never sent.
    POST "/api/v1/industry-subsidies" => create_industry_subsidy() body(CreateIndustrySubsidy) -> IndustrySubsidyDto;
    DELETE "/api/v1/industry-subsidies/{id}" => delete_industry_subsidy(id: IndustrySubsidyId) -> ();
    GET "/api/v1/business-entities" => business_entities() query(BusinessEntityQuery) -> Page<BusinessEntityDto>;
    POST "/api/v1/business-entities" => create_business_entity() body(BusinessEntityInput) -> BusinessEntityDto;
    GET "/api/v1/business-entities/{id}" => business_entity(id: BusinessEntityId) -> BusinessEntityDto;
    PUT "/api/v1/business-entities/{id}" => update_business_entity(id: BusinessEntityId) body(BusinessEntityInput) -> BusinessEntityDto;
    DELETE "/api/v1/business-entities/{id}" => delete_business_entity(id: BusinessEntityId) -> ();
    GET "/api/v1/pv-stations" => pv_stations() query(PvStationQuery) -> Page<PvStationDto>;
    POST "/api/v1/pv-stations" => create_pv_station() body(PvStationInput) -> PvStationDto;
    GET "/api/v1/pv-stations/{id}" => pv_station(id: PvStationId) -> PvStationDto;
    PUT "/api/v1/pv-stations/{id}" => update_pv_station(id: PvStationId) body(PvStationInput) -> PvStationDto;
    DELETE "/api/v1/pv-stations/{id}" => delete_pv_station(id: PvStationId) -> ();
    GET "/api/v1/pv-stations/{id}/incomes" => pv_incomes(id: PvStationId) query(PageQuery) -> Page<PvIncomeDto>;
    /// Once per station and year; credited to its villages in equal parts.
    POST "/api/v1/pv-stations/{id}/incomes" => add_pv_income(id: PvStationId) body(CreatePvIncome) -> PvIncomeDto;
    GET "/api/v1/pv-stations/{id}/distributions" => pv_distributions(id: PvStationId) query(PageQuery) -> Page<PvDistributionDto>;
    /// Never more, per village and year, than the PV income credited to the village.
    POST "/api/v1/pv-stations/{id}/distributions" => add_pv_distribution(id: PvStationId) body(CreatePvDistribution) -> PvDistributionDto;
    GET "/api/v1/villages/{id}/pv-income" => village_pv_income(id: OrgUnitId) query(PvIncomeQuery) -> VillagePvIncome;
    GET "/api/v1/industry/year-settings/{year}" => industry_year_setting(year: i32) -> IndustryYearSettingDto;
    PUT "/api/v1/industry/year-settings/{year}" => set_industry_year_setting(year: i32) body(IndustryYearSettingInput) -> IndustryYearSettingDto;
    GET "/api/v1/asset-investments" => asset_investments() query(AssetInvestmentQuery) -> Page<AssetInvestmentDto>;
    POST "/api/v1/asset-investments" => create_asset_investment() body(AssetInvestmentInput) -> AssetInvestmentDto;
    PUT "/api/v1/asset-investments/{id}" => update_asset_investment(id: i64) body(AssetInvestmentInput) -> AssetInvestmentDto;
    GET "/api/v1/industry/summary" => industry_summary() query(RatesQuery) -> IndustrySummary;
}
