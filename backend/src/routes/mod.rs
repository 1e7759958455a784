//! HTTP only: parse the request, call a service, answer. Each area's file registers its
//! handlers and their OpenAPI descriptions together in `routes(cfg)`; this file lists the areas.

// Indexing that could panic is refused here; tests index known data. (`as` casts are not: the
// spreadsheets need `u16` columns and `f64` numbers, and counts go from `usize` to `u64`.)
#![warn(clippy::indexing_slicing)]
#![cfg_attr(test, allow(clippy::indexing_slicing, reason = "tests index known data"))]

pub mod applications;
pub mod attachments;
pub mod benefits;
pub mod credit;
pub mod ecology;
pub mod education;
pub mod employment;
pub mod extract;
pub mod funds;
pub mod health;
pub mod housing;
pub mod industry;
pub mod infrastructure;
pub mod multipart;
pub mod org;
pub mod oversight;
pub mod pairing;
pub mod registry;
pub mod reports;
pub mod respond;
pub mod social_security;
pub mod system;
pub mod upload;
pub mod villages;
pub mod warnings;

use actix_web::web;
use utoipa_actix_web::scope;
use utoipa_actix_web::service_config::ServiceConfig;

/// `/healthz` and `/api/v1/…` with a JSON 404 for unknown API paths (the caller adds the
/// frontend). The OpenAPI document is collected from the same calls.
pub fn configure(cfg: &mut ServiceConfig) {
    cfg.configure(system::probes);
    cfg.service(
        scope("/api/v1")
            .configure(system::routes)
            .configure(org::routes)
            .configure(registry::routes)
            .configure(applications::routes)
            .configure(attachments::routes)
            .configure(funds::routes)
            .configure(industry::routes)
            .configure(villages::routes)
            .configure(education::routes)
            .configure(employment::routes)
            .configure(credit::routes)
            .configure(health::routes)
            .configure(pairing::routes)
            .configure(oversight::routes)
            .configure(housing::routes)
            .configure(social_security::routes)
            .configure(ecology::routes)
            .configure(benefits::routes)
            .configure(infrastructure::routes)
            .configure(warnings::routes)
            .configure(reports::routes)
            .default_service(web::to(system::not_found)),
    );
}
