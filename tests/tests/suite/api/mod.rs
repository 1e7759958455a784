//! Black-box API tests through `shared`'s typed client.

mod access;
mod access_writes;
mod audit;
mod auth;
mod errors;
mod funds;
mod funds_demo;
mod import;
mod import_crash;
pub mod industry;
mod industry_money;
mod industry_pv;
mod limits;
mod login_limits;
mod money;
mod org_units;
mod passwords;
pub mod privacy;
mod races;
pub mod registry;
mod schema;
mod upload_files;
mod upload_limits;
mod users;
mod versions;
pub mod workflow;
