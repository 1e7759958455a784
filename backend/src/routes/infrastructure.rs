//! `/api/v1/infrastructure/figures`.

use actix_web::{get, web};
use jingzhun_shared::funds::RatesQuery;
use jingzhun_shared::infrastructure::InfrastructureFigures;
use utoipa_actix_web::service_config::ServiceConfig;

use crate::actor::CurrentUser;
use crate::error::AppResult;
use crate::services::infrastructure;
use crate::state::AppState;

pub fn routes(cfg: &mut ServiceConfig) {
    cfg.service(figures);
}

/// The year's infrastructure projects by place and unit of output (公里, 户, 村), with what the
/// completed ones built, and the totals per unit.
#[utoipa::path(tag = "infrastructure", security(("bearer" = [])), params(RatesQuery),
    responses((status = 200, body = InfrastructureFigures)))]
#[get("/infrastructure/figures")]
pub async fn figures(
    state: web::Data<AppState>,
    user: CurrentUser,
    query: web::Query<RatesQuery>,
) -> AppResult<web::Json<InfrastructureFigures>> {
    infrastructure::figures(&state.db, &user, query.into_inner()).await.map(web::Json)
}
