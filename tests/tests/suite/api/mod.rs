//! Black-box API tests through `shared`'s typed client.

mod access;
mod access_writes;
mod audit;
mod auth;
mod errors;
mod funds;
mod funds_demo;
mod import;
mod industry;
mod limits;
mod login_limits;
mod org_units;
mod passwords;
pub mod privacy;
pub mod registry;
mod schema;
mod users;
pub mod workflow;
