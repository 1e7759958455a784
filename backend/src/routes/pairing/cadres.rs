//! `/api/v1/cadres`, `/api/v1/cadre-pairings`, `/api/v1/visits` and `/api/v1/visits/coverage`.

use actix_web::{HttpResponse, get, post, web};
use jingzhun_shared::page::Page;
use jingzhun_shared::pairing::{
    CadreDto, CadreInput, CadrePairingDto, CadrePairingQuery, CadreQuery, CoverageQuery, CreateCadrePairing,
    CreateVisit, VisitCoverage, VisitDto, VisitQuery,
};
use utoipa_actix_web::service_config::ServiceConfig;

use crate::actor::CurrentUser;
use crate::error::AppResult;
use crate::routes::respond::created;
use crate::services::pairing::{cadres, coverage, visits};
use crate::state::AppState;

type Db = web::Data<AppState>;

pub fn routes(cfg: &mut ServiceConfig) {
    cfg.service(list_cadres).service(create_cadre).service(list_cadre_pairings).service(create_cadre_pairing);
    cfg.service(list_visits).service(create_visit).service(visit_coverage);
}

/// Cadres; a cadre account sees itself only; phones for readers with need.
#[utoipa::path(tag = "pairing", security(("bearer" = [])), params(CadreQuery),
    responses((status = 200, body = Page<CadreDto>)))]
#[get("/cadres")]
pub async fn list_cadres(
    state: Db,
    user: CurrentUser,
    query: web::Query<CadreQuery>,
) -> AppResult<web::Json<Page<CadreDto>>> {
    cadres::cadres(&state.db, &user, query.into_inner()).await.map(web::Json)
}

#[utoipa::path(tag = "pairing", security(("bearer" = [])), request_body = CadreInput,
    responses((status = 201, body = CadreDto), (status = 422, body = jingzhun_shared::ApiError)))]
#[post("/cadres")]
pub async fn create_cadre(state: Db, user: CurrentUser, body: web::Json<CadreInput>) -> AppResult<HttpResponse> {
    Ok(created(cadres::create_cadre(&state.db, &user, body.into_inner()).await?))
}

/// Cadres' households in force: a cadre account its own, others those of their subtree.
#[utoipa::path(tag = "pairing", security(("bearer" = [])), params(CadrePairingQuery),
    responses((status = 200, body = Page<CadrePairingDto>)))]
#[get("/cadre-pairings")]
pub async fn list_cadre_pairings(
    state: Db,
    user: CurrentUser,
    query: web::Query<CadrePairingQuery>,
) -> AppResult<web::Json<Page<CadrePairingDto>>> {
    cadres::cadre_pairings(&state.db, &user, query.into_inner()).await.map(web::Json)
}

/// Makes a cadre the household's responsible cadre from a date (the previous one's ends).
#[utoipa::path(tag = "pairing", security(("bearer" = [])), request_body = CreateCadrePairing,
    responses((status = 201, body = CadrePairingDto), (status = 422, body = jingzhun_shared::ApiError)))]
#[post("/cadre-pairings")]
pub async fn create_cadre_pairing(
    state: Db,
    user: CurrentUser,
    body: web::Json<CreateCadrePairing>,
) -> AppResult<HttpResponse> {
    Ok(created(cadres::create_cadre_pairing(&state.db, &user, body.into_inner()).await?))
}

/// Visits, newest first; GPS points for officials only.
#[utoipa::path(tag = "pairing", security(("bearer" = [])), params(VisitQuery),
    responses((status = 200, body = Page<VisitDto>)))]
#[get("/visits")]
pub async fn list_visits(
    state: Db,
    user: CurrentUser,
    query: web::Query<VisitQuery>,
) -> AppResult<web::Json<Page<VisitDto>>> {
    visits::list(&state.db, &user, query.into_inner()).await.map(web::Json)
}

#[utoipa::path(tag = "pairing", security(("bearer" = [])), request_body = CreateVisit,
    responses((status = 201, body = VisitDto), (status = 404, body = jingzhun_shared::ApiError),
        (status = 422, body = jingzhun_shared::ApiError)))]
#[post("/visits")]
pub async fn create_visit(state: Db, user: CurrentUser, body: web::Json<CreateVisit>) -> AppResult<HttpResponse> {
    Ok(created(visits::create(&state.db, &user, body.into_inner()).await?))
}

/// The month's visit coverage and the households not visited yet.
#[utoipa::path(tag = "pairing", security(("bearer" = [])), params(CoverageQuery),
    responses((status = 200, body = VisitCoverage)))]
#[get("/visits/coverage")]
pub async fn visit_coverage(
    state: Db,
    user: CurrentUser,
    query: web::Query<CoverageQuery>,
) -> AppResult<web::Json<VisitCoverage>> {
    coverage::coverage(&state.db, &user, query.into_inner()).await.map(web::Json)
}
