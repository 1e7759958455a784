//! `/api/v1/enterprises`, `/api/v1/pairings`, `/api/v1/assistance-logs` (with photos),
//! `/api/v1/donations` and `/api/v1/pairing/figures`; the cadres' routes are in `cadres`, the
//! assistance plans' in `plans`, the work teams' in `teams`.

use actix_web::{HttpResponse, get, post, put, web};
use jingzhun_shared::page::Page;
use jingzhun_shared::pairing::{
    AssistanceLogDto, AssistanceLogQuery, ConfirmAssistanceLog, CreateAssistanceLog, CreateDonation, CreatePairing,
    DonationDto, DonationQuery, EnterpriseDto, EnterpriseInput, EnterpriseQuery, PairingDto, PairingFigures,
    PairingFiguresQuery, PairingQuery, UpdateAssistanceLog,
};
use jingzhun_shared::{AssistanceLogId, EnterpriseId};
use utoipa_actix_web::service_config::ServiceConfig;

use crate::actor::CurrentUser;
use crate::error::AppResult;
use crate::routes::respond::created;
use crate::routes::upload::{UploadBody, with_limit};
use crate::services::pairing::{donations, enterprises, figures, logs, pairings, photos};
use crate::services::photos::PHOTO_LIMIT;
use crate::state::AppState;

mod cadres;
mod plans;
mod teams;

type Db = web::Data<AppState>;

pub fn routes(cfg: &mut ServiceConfig) {
    cfg.service(list_enterprises).service(create_enterprise).service(update_enterprise);
    cfg.service(list_pairings).service(create_pairing);
    cfg.service(list_logs).service(create_log).service(update_log).service(confirm_log);
    cfg.service(with_limit(__path_add_photo, add_photo, PHOTO_LIMIT)).service(photo);
    cfg.service(list_donations).service(create_donation).service(pairing_figures);
    cadres::routes(cfg);
    plans::routes(cfg);
    teams::routes(cfg);
}

/// Enterprises; an enterprise account sees its own only.
#[utoipa::path(tag = "pairing", security(("bearer" = [])), params(EnterpriseQuery),
    responses((status = 200, body = Page<EnterpriseDto>)))]
#[get("/enterprises")]
pub async fn list_enterprises(
    state: Db,
    user: CurrentUser,
    query: web::Query<EnterpriseQuery>,
) -> AppResult<web::Json<Page<EnterpriseDto>>> {
    enterprises::list(&state.db, &user, query.into_inner()).await.map(web::Json)
}

#[utoipa::path(tag = "pairing", security(("bearer" = [])), request_body = EnterpriseInput,
    responses((status = 201, body = EnterpriseDto), (status = 422, body = jingzhun_shared::ApiError)))]
#[post("/enterprises")]
pub async fn create_enterprise(
    state: Db,
    user: CurrentUser,
    body: web::Json<EnterpriseInput>,
) -> AppResult<HttpResponse> {
    Ok(created(enterprises::create(&state.db, &user, body.into_inner()).await?))
}

#[utoipa::path(tag = "pairing", security(("bearer" = [])), params(("id" = i64, Path)), request_body = EnterpriseInput,
    responses((status = 200, body = EnterpriseDto), (status = 409, body = jingzhun_shared::ApiError)))]
#[put("/enterprises/{id}")]
pub async fn update_enterprise(
    state: Db,
    user: CurrentUser,
    id: web::Path<i64>,
    body: web::Json<EnterpriseInput>,
) -> AppResult<web::Json<EnterpriseDto>> {
    enterprises::update(&state.db, &user, EnterpriseId(id.into_inner()), body.into_inner()).await.map(web::Json)
}

/// Pairings the caller reaches: an enterprise its own, others those touching their subtree.
#[utoipa::path(tag = "pairing", security(("bearer" = [])), params(PairingQuery),
    responses((status = 200, body = Page<PairingDto>)))]
#[get("/pairings")]
pub async fn list_pairings(
    state: Db,
    user: CurrentUser,
    query: web::Query<PairingQuery>,
) -> AppResult<web::Json<Page<PairingDto>>> {
    pairings::list(&state.db, &user, query.into_inner()).await.map(web::Json)
}

#[utoipa::path(tag = "pairing", security(("bearer" = [])), request_body = CreatePairing,
    responses((status = 201, body = PairingDto), (status = 422, body = jingzhun_shared::ApiError)))]
#[post("/pairings")]
pub async fn create_pairing(state: Db, user: CurrentUser, body: web::Json<CreatePairing>) -> AppResult<HttpResponse> {
    Ok(created(pairings::create(&state.db, &user, body.into_inner()).await?))
}

/// Assistance logs of the pairings the caller reaches, newest first.
#[utoipa::path(tag = "pairing", security(("bearer" = [])), params(AssistanceLogQuery),
    responses((status = 200, body = Page<AssistanceLogDto>)))]
#[get("/assistance-logs")]
pub async fn list_logs(
    state: Db,
    user: CurrentUser,
    query: web::Query<AssistanceLogQuery>,
) -> AppResult<web::Json<Page<AssistanceLogDto>>> {
    logs::list(&state.db, &user, query.into_inner()).await.map(web::Json)
}

#[utoipa::path(tag = "pairing", security(("bearer" = [])), request_body = CreateAssistanceLog,
    responses((status = 201, body = AssistanceLogDto), (status = 404, body = jingzhun_shared::ApiError),
        (status = 422, body = jingzhun_shared::ApiError)))]
#[post("/assistance-logs")]
pub async fn create_log(state: Db, user: CurrentUser, body: web::Json<CreateAssistanceLog>) -> AppResult<HttpResponse> {
    Ok(created(logs::create(&state.db, &user, body.into_inner()).await?))
}

/// Changes an unconfirmed log; a confirmed one is 409 `confirmed`.
#[utoipa::path(tag = "pairing", security(("bearer" = [])), params(("id" = i64, Path)), request_body = UpdateAssistanceLog,
    responses((status = 200, body = AssistanceLogDto), (status = 409, body = jingzhun_shared::ApiError)))]
#[put("/assistance-logs/{id}")]
pub async fn update_log(
    state: Db,
    user: CurrentUser,
    id: web::Path<i64>,
    body: web::Json<UpdateAssistanceLog>,
) -> AppResult<web::Json<AssistanceLogDto>> {
    logs::update(&state.db, &user, AssistanceLogId(id.into_inner()), body.into_inner()).await.map(web::Json)
}

/// The district confirms a log, which locks it.
#[utoipa::path(tag = "pairing", security(("bearer" = [])), params(("id" = i64, Path)), request_body = ConfirmAssistanceLog,
    responses((status = 200, body = AssistanceLogDto), (status = 409, body = jingzhun_shared::ApiError)))]
#[post("/assistance-logs/{id}/confirm")]
pub async fn confirm_log(
    state: Db,
    user: CurrentUser,
    id: web::Path<i64>,
    body: web::Json<ConfirmAssistanceLog>,
) -> AppResult<web::Json<AssistanceLogDto>> {
    logs::confirm(&state.db, &user, AssistanceLogId(id.into_inner()), body.into_inner()).await.map(web::Json)
}

/// Adds a photo to an unconfirmed log (JPEG, PNG or WebP, at most 5 MiB; stored re-encoded,
/// without EXIF or GPS).
#[utoipa::path(post, path = "/assistance-logs/{id}/photos", tag = "pairing", security(("bearer" = [])),
    params(("id" = i64, Path)),
    request_body(content = Vec<u8>, content_type = "application/octet-stream"),
    responses((status = 200, body = AssistanceLogDto), (status = 409, body = jingzhun_shared::ApiError),
        (status = 413, body = jingzhun_shared::ApiError), (status = 422, body = jingzhun_shared::ApiError)))]
pub async fn add_photo(
    state: Db,
    user: CurrentUser,
    id: web::Path<i64>,
    body: UploadBody,
) -> AppResult<web::Json<AssistanceLogDto>> {
    photos::may_add(&user)?;
    let bytes = body.read().await?.to_vec();
    photos::add(&state.db, &state.photos, &user, AssistanceLogId(id.into_inner()), bytes).await.map(web::Json)
}

/// One photo of a log, as JPEG.
#[utoipa::path(tag = "pairing", security(("bearer" = [])), params(("id" = i64, Path), ("photo" = i64, Path)),
    responses((status = 200, description = "JPEG", content_type = "image/jpeg"),
        (status = 404, body = jingzhun_shared::ApiError)))]
#[get("/assistance-logs/{id}/photos/{photo}")]
pub async fn photo(state: Db, user: CurrentUser, path: web::Path<(i64, i64)>) -> AppResult<HttpResponse> {
    let (id, photo) = path.into_inner();
    let jpeg = photos::read(&state.db, &state.photos, &user, AssistanceLogId(id), photo).await?;
    Ok(HttpResponse::Ok().content_type("image/jpeg").body(jpeg))
}

/// Gifts to campaigns (10.17 扶贫日), by year and campaign.
#[utoipa::path(tag = "pairing", security(("bearer" = [])), params(DonationQuery),
    responses((status = 200, body = Page<DonationDto>)))]
#[get("/donations")]
pub async fn list_donations(
    state: Db,
    user: CurrentUser,
    query: web::Query<DonationQuery>,
) -> AppResult<web::Json<Page<DonationDto>>> {
    donations::list(&state.db, &user, query.into_inner()).await.map(web::Json)
}

#[utoipa::path(tag = "pairing", security(("bearer" = [])), request_body = CreateDonation,
    responses((status = 201, body = DonationDto), (status = 422, body = jingzhun_shared::ApiError)))]
#[post("/donations")]
pub async fn create_donation(state: Db, user: CurrentUser, body: web::Json<CreateDonation>) -> AppResult<HttpResponse> {
    Ok(created(donations::create(&state.db, &user, body.into_inner()).await?))
}

/// The year's pairing figures for a subtree.
#[utoipa::path(tag = "pairing", security(("bearer" = [])), params(PairingFiguresQuery),
    responses((status = 200, body = PairingFigures)))]
#[get("/pairing/figures")]
pub async fn pairing_figures(
    state: Db,
    user: CurrentUser,
    query: web::Query<PairingFiguresQuery>,
) -> AppResult<web::Json<PairingFigures>> {
    figures::figures(&state.db, &user, query.into_inner()).await.map(web::Json)
}
