//! `/api/v1/employments` (jobs and their import), `/api/v1/employment-bases`,
//! `/api/v1/trainings`, `/api/v1/transport-subsidies` and `/api/v1/employment/figures`.

use actix_web::{HttpResponse, delete, get, post, put, web};
use jingzhun_shared::employment::{
    EMPLOYMENT_COLUMNS, EmploymentBaseDto, EmploymentBaseInput, EmploymentBaseQuery, EmploymentDto, EmploymentFigures,
    EmploymentInput, LabourQuery, TRAINING_COLUMNS, TRANSPORT_COLUMNS, TrainingDto, TrainingInput, TransportSubsidyDto,
    TransportSubsidyInput,
};
use jingzhun_shared::funds::RatesQuery;
use jingzhun_shared::page::Page;
use jingzhun_shared::registry::{ImportQuery, RecordImportReport};
use jingzhun_shared::{Capability, EmploymentBaseId, EmploymentId, TrainingId, TransportSubsidyId};
use utoipa_actix_web::service_config::ServiceConfig;

use crate::actor::CurrentUser;
use crate::error::AppResult;
use crate::routes::extract::import_sheet;
use crate::routes::respond::{created, no_content, xlsx};
use crate::routes::upload::{IMPORT_LIMIT, UploadBody, with_limit};
use crate::services::employment;
use crate::services::employment::subsidy_import;
use crate::state::AppState;

type Db = web::Data<AppState>;

pub fn routes(cfg: &mut ServiceConfig) {
    cfg.service(with_limit(__path_import_jobs, import_jobs, IMPORT_LIMIT));
    cfg.service(with_limit(__path_import_trainings, import_trainings, IMPORT_LIMIT));
    cfg.service(with_limit(__path_import_transport, import_transport, IMPORT_LIMIT));
    cfg.service(job_template).service(training_template).service(transport_template);
    cfg.service(jobs).service(create_job).service(delete_job);
    cfg.service(bases).service(create_base).service(update_base);
    cfg.service(trainings).service(create_training).service(delete_training);
    cfg.service(subsidies).service(create_subsidy).service(delete_subsidy);
    cfg.service(figures);
}

/// Jobs in the caller's subtree, held at some day of `year` when given.
#[utoipa::path(tag = "employment", security(("bearer" = [])), params(LabourQuery),
    responses((status = 200, body = Page<EmploymentDto>)))]
#[get("/employments")]
pub async fn jobs(
    state: Db,
    user: CurrentUser,
    query: web::Query<LabourQuery>,
) -> AppResult<web::Json<Page<EmploymentDto>>> {
    employment::jobs(&state.db, &user, query.into_inner()).await.map(web::Json)
}

#[utoipa::path(tag = "employment", security(("bearer" = [])), request_body = EmploymentInput,
    responses((status = 201, body = EmploymentDto), (status = 422, body = jingzhun_shared::ApiError)))]
#[post("/employments")]
pub async fn create_job(state: Db, user: CurrentUser, body: web::Json<EmploymentInput>) -> AppResult<HttpResponse> {
    Ok(created(employment::create_job(&state.db, &user, body.into_inner()).await?))
}

#[utoipa::path(tag = "employment", security(("bearer" = [])), params(("id" = i64, Path)), responses((status = 204)))]
#[delete("/employments/{id}")]
pub async fn delete_job(state: Db, user: CurrentUser, id: web::Path<i64>) -> AppResult<HttpResponse> {
    employment::delete_job(&state.db, &user, EmploymentId(id.into_inner())).await?;
    Ok(no_content())
}

/// Checks (`commit=false`) or imports jobs from CSV or xlsx, matched by ID card; a commit with
/// any row error imports nothing. Progress at `/households/import-progress/{token}`.
#[utoipa::path(post, path = "/employments/import", tag = "employment", security(("bearer" = [])), params(ImportQuery),
    request_body(content = Vec<u8>, content_type = "application/octet-stream"),
    responses((status = 200, body = RecordImportReport), (status = 400, body = jingzhun_shared::ApiError),
        (status = 413, body = jingzhun_shared::ApiError), (status = 422, body = jingzhun_shared::ApiError)))]
pub async fn import_jobs(
    state: Db,
    user: CurrentUser,
    query: web::Query<ImportQuery>,
    body: UploadBody,
) -> AppResult<web::Json<RecordImportReport>> {
    user.require(Capability::EditRegistry)?;
    import_sheet(&state, &user, query.into_inner(), body, &EMPLOYMENT_COLUMNS, async |rows, query, ticket| {
        employment::import::import(&state.db, &user, rows, query, ticket).await
    })
    .await
}

/// Checks (`commit=false`) or imports training courses from CSV or xlsx, matched by ID card; a
/// commit with any row error imports nothing. Progress at `/households/import-progress/{token}`.
#[utoipa::path(post, path = "/trainings/import", tag = "employment", security(("bearer" = [])), params(ImportQuery),
    request_body(content = Vec<u8>, content_type = "application/octet-stream"),
    responses((status = 200, body = RecordImportReport), (status = 400, body = jingzhun_shared::ApiError),
        (status = 413, body = jingzhun_shared::ApiError), (status = 422, body = jingzhun_shared::ApiError)))]
pub async fn import_trainings(
    state: Db,
    user: CurrentUser,
    query: web::Query<ImportQuery>,
    body: UploadBody,
) -> AppResult<web::Json<RecordImportReport>> {
    user.require(Capability::EditRegistry)?;
    import_sheet(&state, &user, query.into_inner(), body, &TRAINING_COLUMNS, async |rows, query, ticket| {
        subsidy_import::import_trainings(&state.db, &user, rows, query, ticket).await
    })
    .await
}

/// Checks (`commit=false`) or imports transport subsidies from CSV or xlsx, matched by ID card;
/// a commit with any row error imports nothing. Progress at `/households/import-progress/{token}`.
#[utoipa::path(post, path = "/transport-subsidies/import", tag = "employment", security(("bearer" = [])),
    params(ImportQuery), request_body(content = Vec<u8>, content_type = "application/octet-stream"),
    responses((status = 200, body = RecordImportReport), (status = 400, body = jingzhun_shared::ApiError),
        (status = 413, body = jingzhun_shared::ApiError), (status = 422, body = jingzhun_shared::ApiError)))]
pub async fn import_transport(
    state: Db,
    user: CurrentUser,
    query: web::Query<ImportQuery>,
    body: UploadBody,
) -> AppResult<web::Json<RecordImportReport>> {
    user.require(Capability::EditRegistry)?;
    import_sheet(&state, &user, query.into_inner(), body, &TRANSPORT_COLUMNS, async |rows, query, ticket| {
        subsidy_import::import_transport(&state.db, &user, rows, query, ticket).await
    })
    .await
}

/// The job import template.
#[utoipa::path(tag = "employment", security(("bearer" = [])),
    responses((status = 200, description = "xlsx", content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")))]
#[get("/employments/import-template.xlsx")]
pub async fn job_template(user: CurrentUser) -> AppResult<HttpResponse> {
    user.require(Capability::EditRegistry)?;
    Ok(xlsx(employment::import::template()?, "employments-template.xlsx"))
}

/// The training import template.
#[utoipa::path(tag = "employment", security(("bearer" = [])),
    responses((status = 200, description = "xlsx", content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")))]
#[get("/trainings/import-template.xlsx")]
pub async fn training_template(user: CurrentUser) -> AppResult<HttpResponse> {
    user.require(Capability::EditRegistry)?;
    Ok(xlsx(subsidy_import::training_template()?, "trainings-template.xlsx"))
}

/// The transport-subsidy import template.
#[utoipa::path(tag = "employment", security(("bearer" = [])),
    responses((status = 200, description = "xlsx", content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")))]
#[get("/transport-subsidies/import-template.xlsx")]
pub async fn transport_template(user: CurrentUser) -> AppResult<HttpResponse> {
    user.require(Capability::EditRegistry)?;
    Ok(xlsx(subsidy_import::transport_template()?, "transport-subsidies-template.xlsx"))
}

#[utoipa::path(tag = "employment", security(("bearer" = [])), params(EmploymentBaseQuery),
    responses((status = 200, body = Page<EmploymentBaseDto>)))]
#[get("/employment-bases")]
pub async fn bases(
    state: Db,
    user: CurrentUser,
    query: web::Query<EmploymentBaseQuery>,
) -> AppResult<web::Json<Page<EmploymentBaseDto>>> {
    employment::bases(&state.db, &user, query.into_inner()).await.map(web::Json)
}

#[utoipa::path(tag = "employment", security(("bearer" = [])), request_body = EmploymentBaseInput,
    responses((status = 201, body = EmploymentBaseDto), (status = 422, body = jingzhun_shared::ApiError)))]
#[post("/employment-bases")]
pub async fn create_base(
    state: Db,
    user: CurrentUser,
    body: web::Json<EmploymentBaseInput>,
) -> AppResult<HttpResponse> {
    Ok(created(employment::create_base(&state.db, &user, body.into_inner()).await?))
}

#[utoipa::path(tag = "employment", security(("bearer" = [])), params(("id" = i64, Path)), request_body = EmploymentBaseInput,
    responses((status = 200, body = EmploymentBaseDto), (status = 409, body = jingzhun_shared::ApiError)))]
#[put("/employment-bases/{id}")]
pub async fn update_base(
    state: Db,
    user: CurrentUser,
    id: web::Path<i64>,
    body: web::Json<EmploymentBaseInput>,
) -> AppResult<web::Json<EmploymentBaseDto>> {
    employment::update_base(&state.db, &user, EmploymentBaseId(id.into_inner()), body.into_inner()).await.map(web::Json)
}

#[utoipa::path(tag = "employment", security(("bearer" = [])), params(LabourQuery),
    responses((status = 200, body = Page<TrainingDto>)))]
#[get("/trainings")]
pub async fn trainings(
    state: Db,
    user: CurrentUser,
    query: web::Query<LabourQuery>,
) -> AppResult<web::Json<Page<TrainingDto>>> {
    employment::trainings(&state.db, &user, query.into_inner()).await.map(web::Json)
}

#[utoipa::path(tag = "employment", security(("bearer" = [])), request_body = TrainingInput,
    responses((status = 201, body = TrainingDto), (status = 422, body = jingzhun_shared::ApiError)))]
#[post("/trainings")]
pub async fn create_training(state: Db, user: CurrentUser, body: web::Json<TrainingInput>) -> AppResult<HttpResponse> {
    Ok(created(employment::create_training(&state.db, &user, body.into_inner()).await?))
}

#[utoipa::path(tag = "employment", security(("bearer" = [])), params(("id" = i64, Path)), responses((status = 204)))]
#[delete("/trainings/{id}")]
pub async fn delete_training(state: Db, user: CurrentUser, id: web::Path<i64>) -> AppResult<HttpResponse> {
    employment::delete_training(&state.db, &user, TrainingId(id.into_inner())).await?;
    Ok(no_content())
}

#[utoipa::path(tag = "employment", security(("bearer" = [])), params(LabourQuery),
    responses((status = 200, body = Page<TransportSubsidyDto>)))]
#[get("/transport-subsidies")]
pub async fn subsidies(
    state: Db,
    user: CurrentUser,
    query: web::Query<LabourQuery>,
) -> AppResult<web::Json<Page<TransportSubsidyDto>>> {
    employment::subsidies(&state.db, &user, query.into_inner()).await.map(web::Json)
}

/// Pays a migrant worker's transport subsidy of a year (once; a migrant job that year needed).
#[utoipa::path(tag = "employment", security(("bearer" = [])), request_body = TransportSubsidyInput,
    responses((status = 201, body = TransportSubsidyDto), (status = 422, body = jingzhun_shared::ApiError)))]
#[post("/transport-subsidies")]
pub async fn create_subsidy(
    state: Db,
    user: CurrentUser,
    body: web::Json<TransportSubsidyInput>,
) -> AppResult<HttpResponse> {
    Ok(created(employment::create_subsidy(&state.db, &user, body.into_inner()).await?))
}

#[utoipa::path(tag = "employment", security(("bearer" = [])), params(("id" = i64, Path)), responses((status = 204)))]
#[delete("/transport-subsidies/{id}")]
pub async fn delete_subsidy(state: Db, user: CurrentUser, id: web::Path<i64>) -> AppResult<HttpResponse> {
    employment::delete_subsidy(&state.db, &user, TransportSubsidyId(id.into_inner())).await?;
    Ok(no_content())
}

/// Employed labourers, posts offered, public-welfare posts and wages, bases by kind, training
/// and transport subsidies of a year.
#[utoipa::path(tag = "employment", security(("bearer" = [])), params(RatesQuery),
    responses((status = 200, body = EmploymentFigures)))]
#[get("/employment/figures")]
pub async fn figures(
    state: Db,
    user: CurrentUser,
    query: web::Query<RatesQuery>,
) -> AppResult<web::Json<EmploymentFigures>> {
    employment::figures(&state.db, &user, query.into_inner()).await.map(web::Json)
}
