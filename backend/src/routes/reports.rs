//! `/api/v1/reports/annual`: the year's figures of every record family for one subtree.

use actix_web::{get, web};
use jingzhun_shared::reports::{AnnualReport, AnnualReportQuery};
use utoipa_actix_web::service_config::ServiceConfig;

use crate::actor::CurrentUser;
use crate::error::AppResult;
use crate::services::reports;
use crate::state::AppState;

pub fn routes(cfg: &mut ServiceConfig) {
    cfg.service(annual);
}

/// The annual report: each section is that family's own figures for the same year, date and
/// unit; sections the reader's role may not read are listed in `left_out`.
#[utoipa::path(tag = "reports", security(("bearer" = [])), params(AnnualReportQuery),
    responses((status = 200, body = AnnualReport), (status = 422, body = jingzhun_shared::ApiError)))]
#[get("/reports/annual")]
pub async fn annual(
    state: web::Data<AppState>,
    user: CurrentUser,
    query: web::Query<AnnualReportQuery>,
) -> AppResult<web::Json<AnnualReport>> {
    reports::annual(&state.db, &user, query.into_inner()).await.map(web::Json)
}
