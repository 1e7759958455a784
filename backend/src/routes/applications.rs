//! `/api/v1/applications`: entry, exit and removal through "两公示一比对一公告".

use actix_web::{HttpResponse, get, post, web};
use jingzhun_shared::ApplicationId;
use jingzhun_shared::applications::{ApplicationDto, ApplicationQuery, ApplicationStep, CreateApplication};
use jingzhun_shared::page::Page;
use utoipa_actix_web::service_config::ServiceConfig;

use crate::actor::CurrentUser;
use crate::error::AppResult;
use crate::routes::respond::created;
use crate::routes::upload::{UploadBody, with_limit};
use crate::services::applications;
use crate::services::photos::PHOTO_LIMIT;
use crate::state::AppState;

pub fn routes(cfg: &mut ServiceConfig) {
    cfg.service(list_applications).service(create_application).service(application);
    cfg.service(advance_application).service(reject_application);
    cfg.service(with_limit(__path_add_notice_photo, add_notice_photo, PHOTO_LIMIT)).service(notice_photo);
}

/// Applications in scope; `waiting=true` keeps those the caller acts on next.
#[utoipa::path(tag = "registry", security(("bearer" = [])), params(ApplicationQuery),
    responses((status = 200, body = Page<ApplicationDto>)))]
#[get("/applications")]
pub async fn list_applications(
    state: web::Data<AppState>,
    user: CurrentUser,
    query: web::Query<ApplicationQuery>,
) -> AppResult<web::Json<Page<ApplicationDto>>> {
    applications::list(&state.db, &user, query.into_inner()).await.map(web::Json)
}

/// Opens an application (village clerk).
#[utoipa::path(tag = "registry", security(("bearer" = [])), request_body = CreateApplication,
    responses((status = 201, body = ApplicationDto), (status = 422, body = jingzhun_shared::ApiError)))]
#[post("/applications")]
pub async fn create_application(
    state: web::Data<AppState>,
    user: CurrentUser,
    body: web::Json<CreateApplication>,
) -> AppResult<HttpResponse> {
    Ok(created(applications::create(&state.db, &user, body.into_inner()).await?))
}

/// One application with its history.
#[utoipa::path(tag = "registry", security(("bearer" = [])), params(("id" = i64, Path)),
    responses((status = 200, body = ApplicationDto)))]
#[get("/applications/{id}")]
pub async fn application(
    state: web::Data<AppState>,
    user: CurrentUser,
    id: web::Path<i64>,
) -> AppResult<web::Json<ApplicationDto>> {
    applications::get(&state.db, &user, ApplicationId(id.into_inner())).await.map(web::Json)
}

/// Moves an application to its next stage (the stage's role only; notices stand 7 days).
#[utoipa::path(tag = "registry", security(("bearer" = [])),
    params(("id" = i64, Path)), request_body = ApplicationStep,
    responses((status = 200, body = ApplicationDto), (status = 409, body = jingzhun_shared::ApiError)))]
#[post("/applications/{id}/advance")]
pub async fn advance_application(
    state: web::Data<AppState>,
    user: CurrentUser,
    id: web::Path<i64>,
    body: web::Json<ApplicationStep>,
) -> AppResult<web::Json<ApplicationDto>> {
    applications::advance(&state.db, &user, ApplicationId(id.into_inner()), body.into_inner()).await.map(web::Json)
}

/// Rejects an application at its current stage, with the reason in `note`.
#[utoipa::path(tag = "registry", security(("bearer" = [])),
    params(("id" = i64, Path)), request_body = ApplicationStep,
    responses((status = 200, body = ApplicationDto), (status = 422, body = jingzhun_shared::ApiError)))]
#[post("/applications/{id}/reject")]
pub async fn reject_application(
    state: web::Data<AppState>,
    user: CurrentUser,
    id: web::Path<i64>,
    body: web::Json<ApplicationStep>,
) -> AppResult<web::Json<ApplicationDto>> {
    applications::reject(&state.db, &user, ApplicationId(id.into_inner()), body.into_inner()).await.map(web::Json)
}

/// Adds a photo of the posted notice the application stands at (JPEG, PNG or WebP, at most
/// 5 MiB; stored re-encoded, without EXIF or GPS).
#[utoipa::path(post, path = "/applications/{id}/photos", tag = "registry", security(("bearer" = [])),
    params(("id" = i64, Path)),
    request_body(content = Vec<u8>, content_type = "application/octet-stream"),
    responses((status = 200, body = ApplicationDto), (status = 409, body = jingzhun_shared::ApiError),
        (status = 413, body = jingzhun_shared::ApiError), (status = 422, body = jingzhun_shared::ApiError)))]
pub async fn add_notice_photo(
    state: web::Data<AppState>,
    user: CurrentUser,
    id: web::Path<i64>,
    body: UploadBody,
) -> AppResult<web::Json<ApplicationDto>> {
    applications::photos::may_add(&user)?;
    let bytes = body.read().await?.to_vec();
    applications::photos::add(&state.db, &state.photos, &user, ApplicationId(id.into_inner()), bytes)
        .await
        .map(web::Json)
}

/// One photo of the application's notices, as JPEG.
#[utoipa::path(tag = "registry", security(("bearer" = [])), params(("id" = i64, Path), ("photo" = i64, Path)),
    responses((status = 200, description = "JPEG", content_type = "image/jpeg"),
        (status = 404, body = jingzhun_shared::ApiError)))]
#[get("/applications/{id}/photos/{photo}")]
pub async fn notice_photo(
    state: web::Data<AppState>,
    user: CurrentUser,
    path: web::Path<(i64, i64)>,
) -> AppResult<HttpResponse> {
    let (id, photo) = path.into_inner();
    let jpeg = applications::photos::read(&state.db, &state.photos, &user, ApplicationId(id), photo).await?;
    Ok(HttpResponse::Ok().content_type("image/jpeg").body(jpeg))
}
