//! Probes and the API description.

use actix_web::{HttpResponse, get, web};
use jingzhun_shared::page::Health;
use sea_orm::ConnectionTrait;
use utoipa::OpenApi;

use crate::state::AppState;

/// Liveness and database reachability.
#[utoipa::path(get, path = "/healthz", tag = "system", responses((status = 200, body = Health)))]
#[get("/healthz")]
pub async fn healthz(state: web::Data<AppState>) -> HttpResponse {
    let database = match state.db.execute_unprepared("SELECT 1").await {
        Ok(_) => "ok",
        Err(error) => {
            tracing::warn!(%error, "health check: database unreachable");
            "unreachable"
        }
    };
    let body = Health {
        status: if database == "ok" { "ok" } else { "degraded" }.to_owned(),
        database: database.to_owned(),
        version: env!("CARGO_PKG_VERSION").to_owned(),
    };
    if database == "ok" { HttpResponse::Ok().json(body) } else { HttpResponse::ServiceUnavailable().json(body) }
}

/// This document.
#[utoipa::path(get, path = "/api/v1/openapi.json", tag = "system", responses((status = 200, description = "OpenAPI 3.1")))]
#[get("/openapi.json")]
pub async fn openapi_json() -> HttpResponse {
    HttpResponse::Ok().json(crate::openapi::ApiDoc::openapi())
}
