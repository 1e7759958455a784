//! Table rows as sea-orm sees them. They never leave the backend: services turn them into
//! `shared` DTOs.

pub mod app_user;
pub mod application;
pub mod application_step;
pub mod asset_investment;
pub mod asset_investment_household;
pub mod audit_event;
pub mod business_entity;
pub mod business_entity_household;
pub mod expenditure;
pub mod fund_batch;
pub mod household;
pub mod income_record;
pub mod industry_subsidy;
pub mod member;
pub mod org_unit;
pub mod project;
pub mod pv_dividend;
pub mod pv_station;
pub mod pv_station_village;
pub mod subsidy_menu_item;
pub mod year_setting;
