//! `/api/v1/warnings` (the list, the run, the check, the figures), `/api/v1/warning-settings/{year}`
//! and `/api/v1/disaster-reports`.

use actix_web::{HttpResponse, get, post, put, web};
use jingzhun_shared::page::Page;
use jingzhun_shared::warnings::{
    CheckWarning, DisasterReportDto, DisasterReportInput, DisasterReportQuery, RunWarnings, WarningDto, WarningQuery,
    WarningRun, WarningSettings, WarningSettingsInput, WarningStats, WarningStatsQuery,
};
use utoipa_actix_web::service_config::ServiceConfig;

use crate::actor::CurrentUser;
use crate::error::AppResult;
use crate::routes::respond::created;
use crate::services::warnings;
use crate::state::AppState;

type Db = web::Data<AppState>;
type Answer<T> = AppResult<web::Json<T>>;

pub fn routes(cfg: &mut ServiceConfig) {
    cfg.service(list).service(figures).service(run).service(check);
    cfg.service(settings).service(set_settings);
    cfg.service(disaster_reports).service(create_disaster_report);
}

/// Warnings in the caller's subtree (a cadre: its own households', without the amounts),
/// escalated (unchecked past 15 days) first.
#[utoipa::path(tag = "warnings", security(("bearer" = [])), params(WarningQuery),
    responses((status = 200, body = Page<WarningDto>)))]
#[get("/warnings")]
pub async fn list(state: Db, user: CurrentUser, query: web::Query<WarningQuery>) -> Answer<Page<WarningDto>> {
    warnings::warnings(&state.db, &user, query.into_inner()).await.map(web::Json)
}

/// The year's warnings by rule and by village, as they stood on `as_of`.
#[utoipa::path(tag = "warnings", security(("bearer" = [])), params(WarningStatsQuery),
    responses((status = 200, body = WarningStats)))]
#[get("/warnings/figures")]
pub async fn figures(state: Db, user: CurrentUser, query: web::Query<WarningStatsQuery>) -> Answer<WarningStats> {
    warnings::stats(&state.db, &user, query.into_inner()).await.map(web::Json)
}

/// Runs every rule of the year over the district; a warning already raised is not raised again.
#[utoipa::path(tag = "warnings", security(("bearer" = [])), request_body = RunWarnings,
    responses((status = 200, body = WarningRun), (status = 422, body = jingzhun_shared::ApiError)))]
#[post("/warnings/run")]
pub async fn run(state: Db, user: CurrentUser, body: web::Json<RunWarnings>) -> Answer<WarningRun> {
    warnings::run(&state.db, &user, body.into_inner()).await.map(web::Json)
}

/// Checks an open warning on a visit (named by `visit_id`; a cadre's check always names one):
/// cleared with the reason, or monitored with the plan.
#[utoipa::path(tag = "warnings", security(("bearer" = [])), params(("id" = i64, Path)), request_body = CheckWarning,
    responses((status = 200, body = WarningDto), (status = 404, body = jingzhun_shared::ApiError),
        (status = 409, body = jingzhun_shared::ApiError),
        (status = 422, body = jingzhun_shared::ApiError)))]
#[post("/warnings/{id}/check")]
pub async fn check(
    state: Db,
    user: CurrentUser,
    id: web::Path<i64>,
    body: web::Json<CheckWarning>,
) -> Answer<WarningDto> {
    warnings::check(&state.db, &user, id.into_inner(), body.into_inner()).await.map(web::Json)
}

/// The year's settings of the rules (the defaults while none are set).
#[utoipa::path(tag = "warnings", security(("bearer" = [])), params(("year" = i32, Path)),
    responses((status = 200, body = WarningSettings)))]
#[get("/warning-settings/{year}")]
pub async fn settings(state: Db, user: CurrentUser, year: web::Path<i32>) -> Answer<WarningSettings> {
    warnings::settings(&state.db, &user, year.into_inner()).await.map(web::Json)
}

/// Sets the year's settings (version 0 the first time).
#[utoipa::path(tag = "warnings", security(("bearer" = [])), params(("year" = i32, Path)),
    request_body = WarningSettingsInput,
    responses((status = 200, body = WarningSettings), (status = 409, body = jingzhun_shared::ApiError),
        (status = 422, body = jingzhun_shared::ApiError)))]
#[put("/warning-settings/{year}")]
pub async fn set_settings(
    state: Db,
    user: CurrentUser,
    year: web::Path<i32>,
    body: web::Json<WarningSettingsInput>,
) -> Answer<WarningSettings> {
    warnings::set_settings(&state.db, &user, year.into_inner(), body.into_inner()).await.map(web::Json)
}

/// Disaster reports in the caller's subtree, the newest first.
#[utoipa::path(tag = "warnings", security(("bearer" = [])), params(DisasterReportQuery),
    responses((status = 200, body = Page<DisasterReportDto>)))]
#[get("/disaster-reports")]
pub async fn disaster_reports(
    state: Db,
    user: CurrentUser,
    query: web::Query<DisasterReportQuery>,
) -> Answer<Page<DisasterReportDto>> {
    warnings::disaster_reports(&state.db, &user, query.into_inner()).await.map(web::Json)
}

/// Enters a disaster a household suffered (the clerk).
#[utoipa::path(tag = "warnings", security(("bearer" = [])), request_body = DisasterReportInput,
    responses((status = 201, body = DisasterReportDto), (status = 422, body = jingzhun_shared::ApiError)))]
#[post("/disaster-reports")]
pub async fn create_disaster_report(
    state: Db,
    user: CurrentUser,
    body: web::Json<DisasterReportInput>,
) -> AppResult<HttpResponse> {
    Ok(created(warnings::create_disaster_report(&state.db, &user, body.into_inner()).await?))
}
