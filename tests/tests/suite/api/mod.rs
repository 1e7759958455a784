//! Black-box API tests through `shared`'s typed client.

mod audit;
mod auth;
mod errors;
mod import;
mod org_units;
mod registry;
mod users;
mod workflow;
