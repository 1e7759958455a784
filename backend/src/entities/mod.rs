//! Table rows as sea-orm sees them. They never leave the backend: services turn them into
//! `shared` DTOs.

pub mod app_user;
pub mod application;
pub mod application_step;
pub mod audit_event;
pub mod household;
pub mod income_record;
pub mod member;
pub mod org_unit;
pub mod year_setting;
