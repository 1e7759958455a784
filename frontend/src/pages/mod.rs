//! One module per page; a page owns its data (resources, actions) and lays out components.

pub mod applications;
pub mod audit;
pub mod batch;
pub mod benefits;
pub mod funds;
pub mod home;
pub mod household;
pub mod household_forms;
pub mod households;
pub mod import;
pub mod login;
pub mod org_units;
pub mod project;
pub mod users;
