//! `/api/v1/reports/annual` and `/api/v1/reports/annual.xlsx`: the year's figures of every
//! record family for one subtree, as JSON or as a workbook.

use actix_web::{HttpResponse, get, web};
use jingzhun_shared::reports::{AnnualReport, AnnualReportQuery};
use utoipa_actix_web::service_config::ServiceConfig;

use crate::actor::CurrentUser;
use crate::error::AppResult;
use crate::routes::respond::xlsx;
use crate::services::reports;
use crate::state::AppState;

pub fn routes(cfg: &mut ServiceConfig) {
    cfg.service(annual).service(annual_xlsx);
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

/// The same report as xlsx, one sheet per section present: money in 万元 as the report writes
/// it, rates as percentages, counts as integers.
#[utoipa::path(tag = "reports", security(("bearer" = [])), params(AnnualReportQuery),
    responses((status = 200, description = "xlsx", content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
        (status = 422, body = jingzhun_shared::ApiError)))]
#[get("/reports/annual.xlsx")]
pub async fn annual_xlsx(
    state: web::Data<AppState>,
    user: CurrentUser,
    query: web::Query<AnnualReportQuery>,
) -> AppResult<HttpResponse> {
    let report = reports::annual(&state.db, &user, query.into_inner()).await?;
    Ok(xlsx(reports::workbook(&report)?, &format!("annual-report-{}.xlsx", report.year)))
}
