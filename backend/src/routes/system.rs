//! Probes, the API description, and the JSON 404 for unknown API paths.

use actix_web::http::header::ContentType;
use actix_web::{HttpResponse, get, web};
use jingzhun_shared::page::Health;
use sea_orm::ConnectionTrait;
use utoipa_actix_web::service_config::ServiceConfig;

use crate::error::AppError;
use crate::state::AppState;

/// The OpenAPI document, serialised once at start (`openapi::json`) and served as is.
pub struct ApiDocument(pub web::Bytes);

/// Routes outside `/api/v1`.
pub fn probes(cfg: &mut ServiceConfig) {
    cfg.service(healthz);
}

pub fn routes(cfg: &mut ServiceConfig) {
    cfg.service(openapi_json);
}

/// Liveness and database reachability.
#[utoipa::path(tag = "system", responses((status = 200, body = Health)))]
#[get("/healthz")]
pub async fn healthz(state: web::Data<AppState>) -> HttpResponse {
    let reachable = database_reachable(&state.db).await;
    let body = Health {
        status: if reachable { "ok" } else { "degraded" }.to_owned(),
        database: if reachable { "ok" } else { "unreachable" }.to_owned(),
        version: env!("CARGO_PKG_VERSION").to_owned(),
    };
    if reachable { HttpResponse::Ok().json(body) } else { HttpResponse::ServiceUnavailable().json(body) }
}

/// Whether the database answers; the reason goes to the log, not to the prober.
async fn database_reachable(db: &impl ConnectionTrait) -> bool {
    match db.execute_unprepared("SELECT 1").await {
        Ok(_) => true,
        Err(error) => {
            tracing::warn!(%error, "health check: database unreachable");
            false
        }
    }
}

/// This document.
#[utoipa::path(tag = "system", responses((status = 200, description = "OpenAPI 3.1")))]
#[get("/openapi.json")]
pub async fn openapi_json(document: web::Data<ApiDocument>) -> HttpResponse {
    HttpResponse::Ok().content_type(ContentType::json()).body(document.0.clone())
}

/// Unknown API paths answer in the wire format, never with the frontend's index.html.
pub async fn not_found() -> Result<HttpResponse, AppError> {
    Err(AppError::NotFound)
}
