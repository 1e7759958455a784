//! `/api/v1/ecology-compensations` and `/api/v1/ecology/figures`.

use actix_web::{HttpResponse, get, post, web};
use jingzhun_shared::ecology::{EcologyDto, EcologyFigures, EcologyInput, EcologyQuery};
use jingzhun_shared::funds::RatesQuery;
use jingzhun_shared::page::Page;
use utoipa_actix_web::service_config::ServiceConfig;

use crate::actor::CurrentUser;
use crate::error::AppResult;
use crate::routes::respond::created;
use crate::services::ecology;
use crate::state::AppState;

type Db = web::Data<AppState>;

pub fn routes(cfg: &mut ServiceConfig) {
    cfg.service(compensations).service(create_compensation).service(figures);
}

/// Compensations paid to households, by year, programme, household and unit.
#[utoipa::path(tag = "ecology", security(("bearer" = [])), params(EcologyQuery),
    responses((status = 200, body = Page<EcologyDto>)))]
#[get("/ecology-compensations")]
pub async fn compensations(
    state: Db,
    user: CurrentUser,
    query: web::Query<EcologyQuery>,
) -> AppResult<web::Json<Page<EcologyDto>>> {
    ecology::compensations(&state.db, &user, query.into_inner()).await.map(web::Json)
}

/// Records a compensation to a household.
#[utoipa::path(tag = "ecology", security(("bearer" = [])), request_body = EcologyInput,
    responses((status = 201, body = EcologyDto), (status = 422, body = jingzhun_shared::ApiError)))]
#[post("/ecology-compensations")]
pub async fn create_compensation(
    state: Db,
    user: CurrentUser,
    body: web::Json<EcologyInput>,
) -> AppResult<HttpResponse> {
    Ok(created(ecology::create_compensation(&state.db, &user, body.into_inner()).await?))
}

/// Every programme's households, area and amount in the year.
#[utoipa::path(tag = "ecology", security(("bearer" = [])), params(RatesQuery),
    responses((status = 200, body = EcologyFigures)))]
#[get("/ecology/figures")]
pub async fn figures(
    state: Db,
    user: CurrentUser,
    query: web::Query<RatesQuery>,
) -> AppResult<web::Json<EcologyFigures>> {
    ecology::figures(&state.db, &user, query.into_inner()).await.map(web::Json)
}
