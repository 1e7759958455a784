//! `/api/v1/registry/overview`: the registry's figures for the caller's part of the district.

use actix_web::{get, web};
use chrono::Datelike;
use jingzhun_shared::registry::RegistryOverview;
use serde::Deserialize;

use crate::auth::CurrentUser;
use crate::error::AppResult;
use crate::services;
use crate::state::AppState;

#[derive(Debug, Deserialize, utoipa::IntoParams)]
pub struct YearQuery {
    /// The year whose exited poor villages count; this year when absent.
    pub year: Option<i32>,
}

/// Households and people on file, remaining by category, exited; poor villages and exits.
#[utoipa::path(get, path = "/api/v1/registry/overview", tag = "registry", security(("bearer" = [])), params(YearQuery),
    responses((status = 200, body = RegistryOverview)))]
#[get("/registry/overview")]
pub async fn overview(
    state: web::Data<AppState>,
    user: CurrentUser,
    query: web::Query<YearQuery>,
) -> AppResult<web::Json<RegistryOverview>> {
    let year = query.year.unwrap_or_else(|| chrono::Utc::now().year());
    services::registry::overview::registry(&state.db, &user, year).await.map(web::Json)
}
