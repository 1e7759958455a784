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
mod money;
mod org_units;
pub mod privacy;
mod races;
pub mod registry;
mod schema;
mod users;
mod versions;
pub mod workflow;
