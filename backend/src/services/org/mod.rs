//! The organisation: the org tree and the scoping rule built on it, user accounts, logging in,
//! and the audit trail every write records into.

pub mod audit;
pub mod auth;
pub mod org_units;
pub mod placement;
pub mod throttle;
pub mod users;
pub mod village_rows;
