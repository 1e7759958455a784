//! `/api/v1/housing-checks` (with photos), `/api/v1/housing-renovations` and `/api/v1/housing/figures`.

use actix_web::{HttpResponse, get, post, put, web};
use jingzhun_shared::Capability;
use jingzhun_shared::funds::RatesQuery;
use jingzhun_shared::housing::{
    HOUSING_CHECK_COLUMNS, HousingCheckDto, HousingCheckInput, HousingFigures, HousingQuery, RENOVATION_COLUMNS,
    RenovationDto, RenovationInput,
};
use jingzhun_shared::page::Page;
use jingzhun_shared::registry::{ImportQuery, RecordImportReport};
use utoipa_actix_web::service_config::ServiceConfig;

use crate::actor::CurrentUser;
use crate::error::AppResult;
use crate::routes::extract::import_sheet;
use crate::routes::respond::{created, xlsx};
use crate::routes::upload::{IMPORT_LIMIT, UploadBody, with_limit};
use crate::services::housing;
use crate::services::photos::PHOTO_LIMIT;
use crate::state::AppState;

type Db = web::Data<AppState>;

pub fn routes(cfg: &mut ServiceConfig) {
    cfg.service(checks).service(create_check);
    cfg.service(with_limit(__path_add_photo, add_photo, PHOTO_LIMIT)).service(photo);
    cfg.service(renovations).service(create_renovation).service(update_renovation);
    cfg.service(with_limit(__path_import_checks, import_checks, IMPORT_LIMIT)).service(check_template);
    cfg.service(with_limit(__path_import_renovations, import_renovations, IMPORT_LIMIT)).service(renovation_template);
    cfg.service(figures);
}

/// Appraisals of households' houses, by year, household and unit.
#[utoipa::path(tag = "housing", security(("bearer" = [])), params(HousingQuery),
    responses((status = 200, body = Page<HousingCheckDto>)))]
#[get("/housing-checks")]
pub async fn checks(
    state: Db,
    user: CurrentUser,
    query: web::Query<HousingQuery>,
) -> AppResult<web::Json<Page<HousingCheckDto>>> {
    housing::checks(&state.db, &user, query.into_inner()).await.map(web::Json)
}

/// Records an appraisal (A–D) of a household's house.
#[utoipa::path(tag = "housing", security(("bearer" = [])), request_body = HousingCheckInput,
    responses((status = 201, body = HousingCheckDto), (status = 422, body = jingzhun_shared::ApiError)))]
#[post("/housing-checks")]
pub async fn create_check(state: Db, user: CurrentUser, body: web::Json<HousingCheckInput>) -> AppResult<HttpResponse> {
    Ok(created(housing::create_check(&state.db, &user, body.into_inner()).await?))
}

/// Adds a photo of the house to an appraisal (JPEG, PNG or WebP, at most 5 MiB; stored
/// re-encoded, without EXIF or GPS).
#[utoipa::path(post, path = "/housing-checks/{id}/photos", tag = "housing", security(("bearer" = [])),
    params(("id" = i64, Path)), request_body(content = Vec<u8>, content_type = "application/octet-stream"),
    responses((status = 200, body = HousingCheckDto), (status = 409, body = jingzhun_shared::ApiError),
        (status = 413, body = jingzhun_shared::ApiError), (status = 422, body = jingzhun_shared::ApiError)))]
pub async fn add_photo(
    state: Db,
    user: CurrentUser,
    id: web::Path<i64>,
    body: UploadBody,
) -> AppResult<web::Json<HousingCheckDto>> {
    user.require(Capability::EditRegistry)?;
    let bytes = body.read().await?.to_vec();
    housing::photos::add(&state.db, &state.photos, &user, id.into_inner(), bytes).await.map(web::Json)
}

/// One photo of an appraisal, as JPEG.
#[utoipa::path(tag = "housing", security(("bearer" = [])), params(("id" = i64, Path), ("photo" = i64, Path)),
    responses((status = 200, description = "JPEG", content_type = "image/jpeg"),
        (status = 404, body = jingzhun_shared::ApiError)))]
#[get("/housing-checks/{id}/photos/{photo}")]
pub async fn photo(state: Db, user: CurrentUser, path: web::Path<(i64, i64)>) -> AppResult<HttpResponse> {
    let (id, photo) = path.into_inner();
    let jpeg = housing::photos::read(&state.db, &state.photos, &user, id, photo).await?;
    Ok(HttpResponse::Ok().content_type("image/jpeg").body(jpeg))
}

/// Renovations, by plan year, household and unit.
#[utoipa::path(tag = "housing", security(("bearer" = [])), params(HousingQuery),
    responses((status = 200, body = Page<RenovationDto>)))]
#[get("/housing-renovations")]
pub async fn renovations(
    state: Db,
    user: CurrentUser,
    query: web::Query<HousingQuery>,
) -> AppResult<web::Json<Page<RenovationDto>>> {
    housing::renovations(&state.db, &user, query.into_inner()).await.map(web::Json)
}

/// Plans a renovation; the government's top-up is computed.
#[utoipa::path(tag = "housing", security(("bearer" = [])), request_body = RenovationInput,
    responses((status = 201, body = RenovationDto), (status = 422, body = jingzhun_shared::ApiError)))]
#[post("/housing-renovations")]
pub async fn create_renovation(
    state: Db,
    user: CurrentUser,
    body: web::Json<RenovationInput>,
) -> AppResult<HttpResponse> {
    Ok(created(housing::create_renovation(&state.db, &user, body.into_inner()).await?))
}

/// Changes a renovation at the version read (completion, acceptance).
#[utoipa::path(tag = "housing", security(("bearer" = [])), params(("id" = i64, Path)),
    request_body = RenovationInput, responses((status = 200, body = RenovationDto),
        (status = 409, body = jingzhun_shared::ApiError), (status = 422, body = jingzhun_shared::ApiError)))]
#[put("/housing-renovations/{id}")]
pub async fn update_renovation(
    state: Db,
    user: CurrentUser,
    id: web::Path<i64>,
    body: web::Json<RenovationInput>,
) -> AppResult<web::Json<RenovationDto>> {
    housing::update_renovation(&state.db, &user, id.into_inner(), body.into_inner()).await.map(web::Json)
}

/// The year's renovations planned, completed (rate in bp) and their money, and unsafe houses.
#[utoipa::path(tag = "housing", security(("bearer" = [])), params(RatesQuery),
    responses((status = 200, body = HousingFigures)))]
#[get("/housing/figures")]
pub async fn figures(
    state: Db,
    user: CurrentUser,
    query: web::Query<RatesQuery>,
) -> AppResult<web::Json<HousingFigures>> {
    housing::figures(&state.db, &user, query.into_inner()).await.map(web::Json)
}

/// Checks (`commit=false`) or imports housing checks from CSV or xlsx, matched by the head's ID
/// card; a commit with any row error imports nothing. Progress at
/// `/households/import-progress/{token}`.
#[utoipa::path(post, path = "/housing-checks/import", tag = "housing", security(("bearer" = [])),
    params(ImportQuery), request_body(content = Vec<u8>, content_type = "application/octet-stream"),
    responses((status = 200, body = RecordImportReport), (status = 400, body = jingzhun_shared::ApiError),
        (status = 413, body = jingzhun_shared::ApiError), (status = 422, body = jingzhun_shared::ApiError)))]
pub async fn import_checks(
    state: Db,
    user: CurrentUser,
    query: web::Query<ImportQuery>,
    body: UploadBody,
) -> AppResult<web::Json<RecordImportReport>> {
    user.require(Capability::EditRegistry)?;
    import_sheet(&state, &user, query.into_inner(), body, &HOUSING_CHECK_COLUMNS, async |rows, query, ticket| {
        housing::import::import_checks(&state.db, &user, rows, query, ticket).await
    })
    .await
}

/// Checks (`commit=false`) or imports renovations from CSV or xlsx, matched by the head's ID
/// card; a commit with any row error imports nothing. Progress at
/// `/households/import-progress/{token}`.
#[utoipa::path(post, path = "/housing-renovations/import", tag = "housing", security(("bearer" = [])),
    params(ImportQuery), request_body(content = Vec<u8>, content_type = "application/octet-stream"),
    responses((status = 200, body = RecordImportReport), (status = 400, body = jingzhun_shared::ApiError),
        (status = 413, body = jingzhun_shared::ApiError), (status = 422, body = jingzhun_shared::ApiError)))]
pub async fn import_renovations(
    state: Db,
    user: CurrentUser,
    query: web::Query<ImportQuery>,
    body: UploadBody,
) -> AppResult<web::Json<RecordImportReport>> {
    user.require(Capability::EditRegistry)?;
    import_sheet(&state, &user, query.into_inner(), body, &RENOVATION_COLUMNS, async |rows, query, ticket| {
        housing::import::import_renovations(&state.db, &user, rows, query, ticket).await
    })
    .await
}

/// The housing-check import template.
#[utoipa::path(tag = "housing", security(("bearer" = [])),
    responses((status = 200, description = "xlsx", content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")))]
#[get("/housing-checks/import-template.xlsx")]
pub async fn check_template(user: CurrentUser) -> AppResult<HttpResponse> {
    user.require(Capability::EditRegistry)?;
    Ok(xlsx(housing::import::check_template()?, "housing-checks-template.xlsx"))
}

/// The renovation import template.
#[utoipa::path(tag = "housing", security(("bearer" = [])),
    responses((status = 200, description = "xlsx", content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")))]
#[get("/housing-renovations/import-template.xlsx")]
pub async fn renovation_template(user: CurrentUser) -> AppResult<HttpResponse> {
    user.require(Capability::EditRegistry)?;
    Ok(xlsx(housing::import::renovation_template()?, "housing-renovations-template.xlsx"))
}
