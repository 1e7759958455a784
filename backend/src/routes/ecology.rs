//! `/api/v1/ecology-compensations` (and its import) and `/api/v1/ecology/figures`.

use actix_web::{HttpResponse, get, post, web};
use jingzhun_shared::Capability;
use jingzhun_shared::ecology::{
    ECOLOGY_COLUMNS, EcologyDto, EcologyFigures, EcologyImportQuery, EcologyImportReport, EcologyInput, EcologyQuery,
};
use jingzhun_shared::funds::RatesQuery;
use jingzhun_shared::page::Page;
use utoipa_actix_web::service_config::ServiceConfig;

use crate::actor::CurrentUser;
use crate::error::AppResult;
use crate::routes::extract::sheet_rows;
use crate::routes::respond::{created, xlsx};
use crate::routes::upload::{IMPORT_LIMIT, UploadBody, with_limit};
use crate::services::ecology;
use crate::state::AppState;

type Db = web::Data<AppState>;

pub fn routes(cfg: &mut ServiceConfig) {
    cfg.service(compensations).service(create_compensation).service(figures).service(template);
    cfg.service(with_limit(__path_import_compensations, import_compensations, IMPORT_LIMIT));
}

/// Checks (`commit=false`) or imports the bureau's compensations from CSV or xlsx, matched by
/// ID card; any row error imports nothing.
#[utoipa::path(post, path = "/ecology-compensations/import", tag = "ecology", security(("bearer" = [])),
    params(EcologyImportQuery), request_body(content = Vec<u8>, content_type = "application/octet-stream"),
    responses((status = 200, body = EcologyImportReport), (status = 400, body = jingzhun_shared::ApiError),
        (status = 403, body = jingzhun_shared::ApiError), (status = 413, body = jingzhun_shared::ApiError),
        (status = 422, body = jingzhun_shared::ApiError)))]
pub async fn import_compensations(
    state: Db,
    user: CurrentUser,
    query: web::Query<EcologyImportQuery>,
    body: UploadBody,
) -> AppResult<web::Json<EcologyImportReport>> {
    user.require(Capability::EditRegistry)?;
    let query = query.into_inner();
    let rows = sheet_rows(query.format.clone(), body.read().await?, ECOLOGY_COLUMNS).await?;
    ecology::import::import(&state.db, &user, rows, query.commit).await.map(web::Json)
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

/// The compensation import template.
#[utoipa::path(tag = "ecology", security(("bearer" = [])),
    responses((status = 200, description = "xlsx", content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")))]
#[get("/ecology-compensations/import-template.xlsx")]
pub async fn template(user: CurrentUser) -> AppResult<HttpResponse> {
    user.require(Capability::EditRegistry)?;
    Ok(xlsx(ecology::import::template()?, "ecology-compensations-template.xlsx"))
}
