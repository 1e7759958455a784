//! The OpenAPI description served at `/api/v1/openapi.json`. Its paths are collected from the
//! routes as they are registered (`routes::configure`), so a route cannot go undescribed; this
//! file adds the title and the bearer scheme. Built and serialised once, at start.

use actix_web::App;
use actix_web::web::Bytes;
use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa::{Modify, OpenApi};
use utoipa_actix_web::AppExt;

use crate::routes;

#[derive(OpenApi)]
#[openapi(
    info(title = "Jingzhun (精准) API", description = "District poverty-alleviation information system."),
    modifiers(&BearerAuth)
)]
pub struct ApiDoc;

/// The whole document: [`ApiDoc`] with every registered route and the schemas they use.
pub fn document() -> utoipa::openapi::OpenApi {
    let (_, document) =
        App::new().into_utoipa_app().openapi(ApiDoc::openapi()).configure(routes::configure).split_for_parts();
    document
}

/// [`document`] as the JSON bytes the route serves.
pub fn json() -> Result<Bytes, String> {
    serde_json::to_vec(&document()).map(Bytes::from).map_err(|e| format!("cannot serialise the OpenAPI document: {e}"))
}

struct BearerAuth;

impl Modify for BearerAuth {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "bearer",
            SecurityScheme::Http(HttpBuilder::new().scheme(HttpAuthScheme::Bearer).bearer_format("JWT").build()),
        );
    }
}
