//! Table rows as sea-orm sees them. They never leave the backend: services turn them into
//! `shared` DTOs.

pub mod app_user;
pub mod audit_event;
pub mod org_unit;
