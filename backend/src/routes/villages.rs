//! `/api/v1/villages/…` (profiles by year with their history, the exit check, the recorded
//! checks, the village exit) and `/api/v1/settings/village-exit` (the year's thresholds).

use actix_web::{HttpResponse, get, post, put, web};
use jingzhun_shared::OrgUnitId;
use jingzhun_shared::page::{Page, PageQuery};
use jingzhun_shared::villages::{
    AnnounceVillageExit, ExitCheck, FileVillageExit, ProfileChange, RecordVillageCheck, RejectVillageExit,
    SaveVillageProfile, VillageCheck, VillageExit, VillageExitNotice, VillageExitSetting, VillageProfile, VillageQuery,
    VillageRow, YearQuery,
};
use utoipa_actix_web::service_config::ServiceConfig;

use crate::actor::CurrentUser;
use crate::error::AppResult;
use crate::routes::respond::created;
use crate::services::villages::{exit, exit_check, profiles, settings};
use crate::state::AppState;

pub fn routes(cfg: &mut ServiceConfig) {
    cfg.service(villages).service(village_profiles).service(save_profile).service(profile_history);
    cfg.service(exit_check_of).service(record_check).service(exits).service(file_exit);
    cfg.service(notice_exit)
        .service(announce_exit)
        .service(reject_exit)
        .service(exit_settings)
        .service(set_exit_setting);
}

type Id = web::Path<i64>;

fn village(id: Id) -> OrgUnitId {
    OrgUnitId(id.into_inner())
}

/// The caller's villages for a year: on the poor list or not, exit year, population,
/// collective income, remaining poor people and 贫困发生率.
#[utoipa::path(tag = "villages", security(("bearer" = [])), params(VillageQuery),
    responses((status = 200, body = Page<VillageRow>)))]
#[get("/villages")]
pub async fn villages(
    state: web::Data<AppState>,
    user: CurrentUser,
    query: web::Query<VillageQuery>,
) -> AppResult<web::Json<Page<VillageRow>>> {
    exit_check::list(&state.db, &user, query.into_inner()).await.map(web::Json)
}

/// A village's profiles, newest year first; 404 outside the caller's subtree.
#[utoipa::path(tag = "villages", security(("bearer" = [])), params(("id" = i64, Path), PageQuery),
    responses((status = 200, body = Page<VillageProfile>), (status = 404, body = jingzhun_shared::ApiError)))]
#[get("/villages/{id}/profiles")]
pub async fn village_profiles(
    state: web::Data<AppState>,
    user: CurrentUser,
    id: Id,
    query: web::Query<PageQuery>,
) -> AppResult<web::Json<Page<VillageProfile>>> {
    profiles::list(&state.db, &user, village(id), query.into_inner()).await.map(web::Json)
}

/// Creates a year's profile, or replaces it at the version read (admin, district official).
#[utoipa::path(tag = "villages", security(("bearer" = [])), params(("id" = i64, Path)), request_body = SaveVillageProfile,
    responses((status = 200, body = VillageProfile), (status = 409, body = jingzhun_shared::ApiError),
              (status = 422, body = jingzhun_shared::ApiError)))]
#[put("/villages/{id}/profile")]
pub async fn save_profile(
    state: web::Data<AppState>,
    user: CurrentUser,
    id: Id,
    body: web::Json<SaveVillageProfile>,
) -> AppResult<web::Json<VillageProfile>> {
    profiles::save(&state.db, &user, village(id), body.into_inner()).await.map(web::Json)
}

/// Who changed the village's profiles, when, from what to what; newest first.
#[utoipa::path(tag = "villages", security(("bearer" = [])), params(("id" = i64, Path), PageQuery),
    responses((status = 200, body = Page<ProfileChange>), (status = 404, body = jingzhun_shared::ApiError)))]
#[get("/villages/{id}/profile-history")]
pub async fn profile_history(
    state: web::Data<AppState>,
    user: CurrentUser,
    id: Id,
    query: web::Query<PageQuery>,
) -> AppResult<web::Json<Page<ProfileChange>>> {
    profiles::history(&state.db, &user, village(id), query.into_inner()).await.map(web::Json)
}

/// Each 出列 criterion of the year (this year when absent): figure, threshold, pass or fail.
#[utoipa::path(tag = "villages", security(("bearer" = [])), params(("id" = i64, Path), YearQuery),
    responses((status = 200, body = ExitCheck), (status = 404, body = jingzhun_shared::ApiError)))]
#[get("/villages/{id}/exit-check")]
pub async fn exit_check_of(
    state: web::Data<AppState>,
    user: CurrentUser,
    id: Id,
    query: web::Query<YearQuery>,
) -> AppResult<web::Json<ExitCheck>> {
    exit_check::for_user(&state.db, &user, village(id), query.into_inner().year).await.map(web::Json)
}

/// Records a check's finding for a year (admin, district official).
#[utoipa::path(tag = "villages", security(("bearer" = [])), params(("id" = i64, Path)), request_body = RecordVillageCheck,
    responses((status = 200, body = VillageCheck), (status = 422, body = jingzhun_shared::ApiError)))]
#[put("/villages/{id}/checks")]
pub async fn record_check(
    state: web::Data<AppState>,
    user: CurrentUser,
    id: Id,
    body: web::Json<RecordVillageCheck>,
) -> AppResult<web::Json<VillageCheck>> {
    settings::record(&state.db, &user, village(id), body.into_inner()).await.map(web::Json)
}

/// The village's exit applications, newest first.
#[utoipa::path(tag = "villages", security(("bearer" = [])), params(("id" = i64, Path), PageQuery),
    responses((status = 200, body = Page<VillageExit>), (status = 404, body = jingzhun_shared::ApiError)))]
#[get("/villages/{id}/exits")]
pub async fn exits(
    state: web::Data<AppState>,
    user: CurrentUser,
    id: Id,
    query: web::Query<PageQuery>,
) -> AppResult<web::Json<Page<VillageExit>>> {
    exit::list(&state.db, &user, village(id), query.into_inner()).await.map(web::Json)
}

/// Files the village's exit for a year; 422 naming each failing criterion when the exit
/// check does not pass, 409 when one is already in progress or the village has exited.
#[utoipa::path(tag = "villages", security(("bearer" = [])), params(("id" = i64, Path)), request_body = FileVillageExit,
    responses((status = 201, body = VillageExit), (status = 409, body = jingzhun_shared::ApiError),
              (status = 422, body = jingzhun_shared::ApiError)))]
#[post("/villages/{id}/exit")]
pub async fn file_exit(
    state: web::Data<AppState>,
    user: CurrentUser,
    id: Id,
    body: web::Json<FileVillageExit>,
) -> AppResult<HttpResponse> {
    Ok(created(exit::file(&state.db, &user, village(id), body.into_inner()).await?))
}

/// Records the village notice (公示) of the exit in progress.
#[utoipa::path(tag = "villages", security(("bearer" = [])), params(("id" = i64, Path)), request_body = VillageExitNotice,
    responses((status = 200, body = VillageExit), (status = 409, body = jingzhun_shared::ApiError),
              (status = 422, body = jingzhun_shared::ApiError)))]
#[post("/villages/{id}/exit/notice")]
pub async fn notice_exit(
    state: web::Data<AppState>,
    user: CurrentUser,
    id: Id,
    body: web::Json<VillageExitNotice>,
) -> AppResult<web::Json<VillageExit>> {
    exit::notice(&state.db, &user, village(id), body.into_inner()).await.map(web::Json)
}

/// Announces the exit in progress (admin, district official); sets the village's exit year.
#[utoipa::path(tag = "villages", security(("bearer" = [])), params(("id" = i64, Path)), request_body = AnnounceVillageExit,
    responses((status = 200, body = VillageExit), (status = 409, body = jingzhun_shared::ApiError),
              (status = 422, body = jingzhun_shared::ApiError)))]
#[post("/villages/{id}/exit/announce")]
pub async fn announce_exit(
    state: web::Data<AppState>,
    user: CurrentUser,
    id: Id,
    body: web::Json<AnnounceVillageExit>,
) -> AppResult<web::Json<VillageExit>> {
    exit::announce(&state.db, &user, village(id), body.into_inner()).await.map(web::Json)
}

/// Closes the exit in progress as rejected, with the reason (township or district).
#[utoipa::path(tag = "villages", security(("bearer" = [])), params(("id" = i64, Path)), request_body = RejectVillageExit,
    responses((status = 200, body = VillageExit), (status = 409, body = jingzhun_shared::ApiError),
              (status = 422, body = jingzhun_shared::ApiError)))]
#[post("/villages/{id}/exit/reject")]
pub async fn reject_exit(
    state: web::Data<AppState>,
    user: CurrentUser,
    id: Id,
    body: web::Json<RejectVillageExit>,
) -> AppResult<web::Json<VillageExit>> {
    exit::reject(&state.db, &user, village(id), body.into_inner()).await.map(web::Json)
}

/// Every year's village exit thresholds.
#[utoipa::path(tag = "settings", security(("bearer" = [])), params(PageQuery),
    responses((status = 200, body = Page<VillageExitSetting>)))]
#[get("/settings/village-exit")]
pub async fn exit_settings(
    state: web::Data<AppState>,
    _user: CurrentUser,
    query: web::Query<PageQuery>,
) -> AppResult<web::Json<Page<VillageExitSetting>>> {
    settings::settings(&state.db, query.into_inner()).await.map(web::Json)
}

/// Sets a year's village exit thresholds (admin, district official).
#[utoipa::path(tag = "settings", security(("bearer" = [])), params(("year" = i32, Path)), request_body = VillageExitSetting,
    responses((status = 200, body = VillageExitSetting), (status = 422, body = jingzhun_shared::ApiError)))]
#[put("/settings/village-exit/{year}")]
pub async fn set_exit_setting(
    state: web::Data<AppState>,
    user: CurrentUser,
    year: web::Path<i32>,
    body: web::Json<VillageExitSetting>,
) -> AppResult<web::Json<VillageExitSetting>> {
    settings::set(&state.db, &user, year.into_inner(), body.into_inner()).await.map(web::Json)
}
