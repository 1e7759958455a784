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
mod industry;
mod limits;
mod login_limits;
mod members;
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
