//! `/api/v1/settings/…`: per-year settings, the poverty line first.

use actix_web::{get, put, web};
use jingzhun_shared::registry::PovertyLine;

use crate::auth::CurrentUser;
use crate::error::{AppError, AppResult};
use crate::services::registry::poverty_lines as lines;
use crate::state::AppState;

/// Every year's poverty line.
#[utoipa::path(get, path = "/api/v1/settings/poverty-lines", tag = "settings", security(("bearer" = [])),
    responses((status = 200, body = Vec<PovertyLine>)))]
#[get("/settings/poverty-lines")]
pub async fn poverty_lines(state: web::Data<AppState>, _user: CurrentUser) -> AppResult<web::Json<Vec<PovertyLine>>> {
    lines::poverty_lines(&state.db).await.map(web::Json)
}

/// Sets a year's poverty line (admin, district official).
#[utoipa::path(put, path = "/api/v1/settings/poverty-lines/{year}", tag = "settings", security(("bearer" = [])),
    params(("year" = i32, Path)), request_body = PovertyLine,
    responses((status = 200, body = PovertyLine), (status = 422, body = jingzhun_shared::ApiError)))]
#[put("/settings/poverty-lines/{year}")]
pub async fn set_poverty_line(
    state: web::Data<AppState>,
    user: CurrentUser,
    year: web::Path<i32>,
    body: web::Json<PovertyLine>,
) -> AppResult<web::Json<PovertyLine>> {
    let line = body.into_inner();
    if line.year != year.into_inner() {
        return Err(AppError::field("year", "路径中的年份与内容不一致"));
    }
    lines::update_poverty_line(&state.db, &user, line).await.map(web::Json)
}
