//! Black-box API tests through `shared`'s typed client.

mod audit;
mod auth;
mod errors;
mod funds;
mod funds_demo;
mod import;
mod industry;
mod login_limits;
mod org_units;
mod passwords;
pub mod registry;
mod schema;
mod users;
mod workflow;
