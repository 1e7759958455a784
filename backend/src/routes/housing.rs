//! `/api/v1/housing-checks`, `/api/v1/housing-renovations` and `/api/v1/housing/figures`.

use actix_web::{HttpResponse, get, post, put, web};
use jingzhun_shared::funds::RatesQuery;
use jingzhun_shared::housing::{
    HousingCheckDto, HousingCheckInput, HousingFigures, HousingQuery, RenovationDto, RenovationInput,
};
use jingzhun_shared::page::Page;
use utoipa_actix_web::service_config::ServiceConfig;

use crate::actor::CurrentUser;
use crate::error::AppResult;
use crate::routes::respond::created;
use crate::services::housing;
use crate::state::AppState;

type Db = web::Data<AppState>;

pub fn routes(cfg: &mut ServiceConfig) {
    cfg.service(checks).service(create_check);
    cfg.service(renovations).service(create_renovation).service(update_renovation);
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
