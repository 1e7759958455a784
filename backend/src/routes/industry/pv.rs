//! `/api/v1/pv-stations` with their incomes and the payments from them, and
//! `/api/v1/villages/{id}/pv-income`.

use actix_web::{HttpResponse, delete, get, post, put, web};
use jingzhun_shared::industry::{
    CreatePvDistribution, CreatePvIncome, PvDistributionDto, PvIncomeDto, PvIncomeQuery, PvStationDto, PvStationInput,
    PvStationQuery, VillagePvIncome,
};
use jingzhun_shared::page::{Page, PageQuery};
use jingzhun_shared::{OrgUnitId, PvStationId};
use utoipa_actix_web::service_config::ServiceConfig;

use super::Db;
use crate::actor::CurrentUser;
use crate::error::AppResult;
use crate::routes::respond::{created, no_content};
use crate::services::industry;

pub fn routes(cfg: &mut ServiceConfig) {
    cfg.service(stations).service(create_station).service(station).service(update_station).service(delete_station);
    cfg.service(incomes).service(add_income).service(distributions).service(add_distribution);
    cfg.service(village_pv_income);
}

#[utoipa::path(tag = "industry", security(("bearer" = [])), params(PvStationQuery),
    responses((status = 200, body = Page<PvStationDto>)))]
#[get("/pv-stations")]
pub async fn stations(
    state: Db,
    user: CurrentUser,
    query: web::Query<PvStationQuery>,
) -> AppResult<web::Json<Page<PvStationDto>>> {
    industry::stations(&state.db, &user, query.into_inner()).await.map(web::Json)
}

#[utoipa::path(tag = "industry", security(("bearer" = [])), request_body = PvStationInput,
    responses((status = 201, body = PvStationDto), (status = 422, body = jingzhun_shared::ApiError)))]
#[post("/pv-stations")]
pub async fn create_station(state: Db, user: CurrentUser, body: web::Json<PvStationInput>) -> AppResult<HttpResponse> {
    Ok(created(industry::save_station(&state.db, &user, None, body.into_inner()).await?))
}

#[utoipa::path(tag = "industry", security(("bearer" = [])),
    params(("id" = i64, Path)), responses((status = 200, body = PvStationDto)))]
#[get("/pv-stations/{id}")]
pub async fn station(state: Db, user: CurrentUser, id: web::Path<i64>) -> AppResult<web::Json<PvStationDto>> {
    industry::station(&state.db, &user, PvStationId(id.into_inner())).await.map(web::Json)
}

#[utoipa::path(tag = "industry", security(("bearer" = [])),
    params(("id" = i64, Path)), request_body = PvStationInput,
    responses((status = 200, body = PvStationDto), (status = 409, body = jingzhun_shared::ApiError)))]
#[put("/pv-stations/{id}")]
pub async fn update_station(
    state: Db,
    user: CurrentUser,
    id: web::Path<i64>,
    body: web::Json<PvStationInput>,
) -> AppResult<web::Json<PvStationDto>> {
    industry::save_station(&state.db, &user, Some(PvStationId(id.into_inner())), body.into_inner()).await.map(web::Json)
}

/// Deletes a station without income or payments; 409 otherwise.
#[utoipa::path(tag = "industry", security(("bearer" = [])),
    params(("id" = i64, Path)), responses((status = 204), (status = 409, body = jingzhun_shared::ApiError)))]
#[delete("/pv-stations/{id}")]
pub async fn delete_station(state: Db, user: CurrentUser, id: web::Path<i64>) -> AppResult<HttpResponse> {
    industry::delete_station(&state.db, &user, PvStationId(id.into_inner())).await?;
    Ok(no_content())
}

/// A station's incomes by year, each with its villages' parts.
#[utoipa::path(tag = "industry", security(("bearer" = [])),
    params(("id" = i64, Path), PageQuery), responses((status = 200, body = Page<PvIncomeDto>)))]
#[get("/pv-stations/{id}/incomes")]
pub async fn incomes(
    state: Db,
    user: CurrentUser,
    id: web::Path<i64>,
    page: web::Query<PageQuery>,
) -> AppResult<web::Json<Page<PvIncomeDto>>> {
    let all = industry::incomes(&state.db, &user, PvStationId(id.into_inner())).await?;
    Ok(web::Json(Page::from_all(all, page.into_inner())))
}

/// Records a station's income of a year (once), credited to its villages in equal parts.
#[utoipa::path(tag = "industry", security(("bearer" = [])),
    params(("id" = i64, Path)), request_body = CreatePvIncome,
    responses((status = 201, body = PvIncomeDto), (status = 409, body = jingzhun_shared::ApiError),
        (status = 422, body = jingzhun_shared::ApiError)))]
#[post("/pv-stations/{id}/incomes")]
pub async fn add_income(
    state: Db,
    user: CurrentUser,
    id: web::Path<i64>,
    body: web::Json<CreatePvIncome>,
) -> AppResult<HttpResponse> {
    Ok(created(industry::add_income(&state.db, &user, PvStationId(id.into_inner()), body.into_inner()).await?))
}

/// The payments made through a station (公益岗位工资, 奖补, 分红).
#[utoipa::path(tag = "industry", security(("bearer" = [])),
    params(("id" = i64, Path), PageQuery), responses((status = 200, body = Page<PvDistributionDto>)))]
#[get("/pv-stations/{id}/distributions")]
pub async fn distributions(
    state: Db,
    user: CurrentUser,
    id: web::Path<i64>,
    page: web::Query<PageQuery>,
) -> AppResult<web::Json<Page<PvDistributionDto>>> {
    let all = industry::distributions(&state.db, &user, PvStationId(id.into_inner())).await?;
    Ok(web::Json(Page::from_all(all, page.into_inner())))
}

/// Pays a household of one of the station's villages from the village's PV income of a year;
/// 422 beyond what that income leaves.
#[utoipa::path(tag = "industry", security(("bearer" = [])),
    params(("id" = i64, Path)), request_body = CreatePvDistribution,
    responses((status = 201, body = PvDistributionDto), (status = 422, body = jingzhun_shared::ApiError)))]
#[post("/pv-stations/{id}/distributions")]
pub async fn add_distribution(
    state: Db,
    user: CurrentUser,
    id: web::Path<i64>,
    body: web::Json<CreatePvDistribution>,
) -> AppResult<HttpResponse> {
    let station_id = PvStationId(id.into_inner());
    Ok(created(industry::add_distribution(&state.db, &user, station_id, body.into_inner()).await?))
}

/// A village's PV income of a year: credited by its stations, distributed, left.
#[utoipa::path(tag = "industry", security(("bearer" = [])),
    params(("id" = i64, Path), PvIncomeQuery), responses((status = 200, body = VillagePvIncome)))]
#[get("/villages/{id}/pv-income")]
pub async fn village_pv_income(
    state: Db,
    user: CurrentUser,
    id: web::Path<i64>,
    query: web::Query<PvIncomeQuery>,
) -> AppResult<web::Json<VillagePvIncome>> {
    let village = OrgUnitId(id.into_inner());
    industry::village_income(&state.db, &user, village, query.year).await.map(web::Json)
}
