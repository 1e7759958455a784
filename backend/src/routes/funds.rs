//! `/api/v1/fund-batches`, `/api/v1/projects`, `/api/v1/expenditures` and `/api/v1/funds/…`:
//! the money, its projects and the rates.

use actix_web::{HttpResponse, delete, get, patch, post, web};
use jingzhun_shared::funds::{
    CreateExpenditure, CreateFundBatch, CreateProject, EXPENDITURE_COLUMNS, ExpenditureDto, ExpenditureImportQuery,
    ExpenditureImportReport, FundBatchDto, FundBatchQuery, FundRates, KindTotal, ProjectDto, ProjectQuery, RatesQuery,
    UpdateFundBatch, UpdateProject,
};
use jingzhun_shared::page::{Page, PageQuery};
use jingzhun_shared::{Capability, ExpenditureId, FundBatchId, ProjectId};
use utoipa_actix_web::service_config::ServiceConfig;

use crate::actor::CurrentUser;
use crate::error::AppResult;
use crate::routes::extract::sheet_rows;
use crate::routes::respond::{created, no_content, xlsx};
use crate::routes::upload::{IMPORT_LIMIT, UploadBody, with_limit};
use crate::services::funds;
use crate::state::AppState;

pub fn routes(cfg: &mut ServiceConfig) {
    // The fixed `/expenditures/…` paths before `/expenditures/{id}`.
    cfg.service(expenditure_template);
    cfg.service(with_limit(__path_import_expenditures, import_expenditures, IMPORT_LIMIT));
    cfg.service(batches).service(create_batch).service(batch).service(update_batch).service(delete_batch);
    cfg.service(ledger);
    cfg.service(projects).service(create_project).service(project).service(update_project).service(delete_project);
    cfg.service(expenditures).service(add_expenditure).service(delete_expenditure);
    cfg.service(rates).service(by_kind);
}

/// The batches of the caller's district with issued and allocated amounts, projects and spending.
#[utoipa::path(tag = "funds", security(("bearer" = [])), params(FundBatchQuery),
    responses((status = 200, body = Page<FundBatchDto>)))]
#[get("/fund-batches")]
pub async fn batches(
    state: web::Data<AppState>,
    user: CurrentUser,
    query: web::Query<FundBatchQuery>,
) -> AppResult<web::Json<Page<FundBatchDto>>> {
    let query = query.into_inner();
    let page = PageQuery { page: query.page, per_page: query.per_page };
    Ok(web::Json(Page::from_all(funds::batches(&state.db, &user, query).await?, page)))
}

/// Files a batch (district level).
#[utoipa::path(tag = "funds", security(("bearer" = [])), request_body = CreateFundBatch,
    responses((status = 201, body = FundBatchDto), (status = 422, body = jingzhun_shared::ApiError)))]
#[post("/fund-batches")]
pub async fn create_batch(
    state: web::Data<AppState>,
    user: CurrentUser,
    body: web::Json<CreateFundBatch>,
) -> AppResult<HttpResponse> {
    Ok(created(funds::create_batch(&state.db, &user, body.into_inner()).await?))
}

#[utoipa::path(tag = "funds", security(("bearer" = [])), params(("id" = i64, Path)),
    responses((status = 200, body = FundBatchDto), (status = 404, body = jingzhun_shared::ApiError)))]
#[get("/fund-batches/{id}")]
pub async fn batch(
    state: web::Data<AppState>,
    user: CurrentUser,
    id: web::Path<i64>,
) -> AppResult<web::Json<FundBatchDto>> {
    funds::batch(&state.db, &user, FundBatchId(id.into_inner())).await.map(web::Json)
}

/// Corrects the issued amount and its sources; 422 below what its projects hold.
#[utoipa::path(tag = "funds", security(("bearer" = [])), params(("id" = i64, Path)),
    request_body = UpdateFundBatch,
    responses((status = 200, body = FundBatchDto), (status = 409, body = jingzhun_shared::ApiError), (status = 422, body = jingzhun_shared::ApiError)))]
#[patch("/fund-batches/{id}")]
pub async fn update_batch(
    state: web::Data<AppState>,
    user: CurrentUser,
    id: web::Path<i64>,
    body: web::Json<UpdateFundBatch>,
) -> AppResult<web::Json<FundBatchDto>> {
    funds::update_batch(&state.db, &user, FundBatchId(id.into_inner()), body.into_inner()).await.map(web::Json)
}

/// Deletes a batch and its projects; 409 when any has an expenditure.
#[utoipa::path(tag = "funds", security(("bearer" = [])), params(("id" = i64, Path)),
    responses((status = 204), (status = 409, body = jingzhun_shared::ApiError)))]
#[delete("/fund-batches/{id}")]
pub async fn delete_batch(
    state: web::Data<AppState>,
    user: CurrentUser,
    id: web::Path<i64>,
) -> AppResult<HttpResponse> {
    funds::delete_batch(&state.db, &user, FundBatchId(id.into_inner())).await?;
    Ok(no_content())
}

/// The batch's ledger (台账) as xlsx.
#[utoipa::path(tag = "funds", security(("bearer" = [])),
    params(("id" = i64, Path)),
    responses((status = 200, description = "xlsx", content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")))]
#[get("/fund-batches/{id}/ledger.xlsx")]
pub async fn ledger(state: web::Data<AppState>, user: CurrentUser, id: web::Path<i64>) -> AppResult<HttpResponse> {
    let id = id.into_inner();
    let bytes = funds::ledger::ledger(&state.db, &user, FundBatchId(id)).await?;
    Ok(xlsx(bytes, &format!("ledger-{id}.xlsx")))
}

/// Projects by batch, year, kind, status and unit.
#[utoipa::path(tag = "funds", security(("bearer" = [])), params(ProjectQuery),
    responses((status = 200, body = Page<ProjectDto>)))]
#[get("/projects")]
pub async fn projects(
    state: web::Data<AppState>,
    user: CurrentUser,
    query: web::Query<ProjectQuery>,
) -> AppResult<web::Json<Page<ProjectDto>>> {
    funds::projects(&state.db, &user, query.into_inner()).await.map(web::Json)
}

/// Files a planned project under a batch.
#[utoipa::path(tag = "funds", security(("bearer" = [])), request_body = CreateProject,
    responses((status = 201, body = ProjectDto), (status = 422, body = jingzhun_shared::ApiError)))]
#[post("/projects")]
pub async fn create_project(
    state: web::Data<AppState>,
    user: CurrentUser,
    body: web::Json<CreateProject>,
) -> AppResult<HttpResponse> {
    Ok(created(funds::create_project(&state.db, &user, body.into_inner()).await?))
}

#[utoipa::path(tag = "funds", security(("bearer" = [])), params(("id" = i64, Path)),
    responses((status = 200, body = ProjectDto), (status = 404, body = jingzhun_shared::ApiError)))]
#[get("/projects/{id}")]
pub async fn project(
    state: web::Data<AppState>,
    user: CurrentUser,
    id: web::Path<i64>,
) -> AppResult<web::Json<ProjectDto>> {
    funds::project(&state.db, &user, ProjectId(id.into_inner())).await.map(web::Json)
}

/// Moves the status one step forward with its date, or changes name, budget, beneficiaries.
#[utoipa::path(tag = "funds", security(("bearer" = [])), params(("id" = i64, Path)),
    request_body = UpdateProject,
    responses((status = 200, body = ProjectDto), (status = 409, body = jingzhun_shared::ApiError), (status = 422, body = jingzhun_shared::ApiError)))]
#[patch("/projects/{id}")]
pub async fn update_project(
    state: web::Data<AppState>,
    user: CurrentUser,
    id: web::Path<i64>,
    body: web::Json<UpdateProject>,
) -> AppResult<web::Json<ProjectDto>> {
    funds::update_project(&state.db, &user, ProjectId(id.into_inner()), body.into_inner()).await.map(web::Json)
}

/// Deletes a project without expenditures; 409 otherwise.
#[utoipa::path(tag = "funds", security(("bearer" = [])), params(("id" = i64, Path)),
    responses((status = 204), (status = 409, body = jingzhun_shared::ApiError)))]
#[delete("/projects/{id}")]
pub async fn delete_project(
    state: web::Data<AppState>,
    user: CurrentUser,
    id: web::Path<i64>,
) -> AppResult<HttpResponse> {
    funds::delete_project(&state.db, &user, ProjectId(id.into_inner())).await?;
    Ok(no_content())
}

#[utoipa::path(tag = "funds", security(("bearer" = [])),
    params(("id" = i64, Path), PageQuery), responses((status = 200, body = Page<ExpenditureDto>)))]
#[get("/projects/{id}/expenditures")]
pub async fn expenditures(
    state: web::Data<AppState>,
    user: CurrentUser,
    id: web::Path<i64>,
    page: web::Query<PageQuery>,
) -> AppResult<web::Json<Page<ExpenditureDto>>> {
    let all = funds::expenditures(&state.db, &user, ProjectId(id.into_inner())).await?;
    Ok(web::Json(Page::from_all(all, page.into_inner())))
}

/// Records a payment; 422 with the remaining amount when it would overspend.
#[utoipa::path(tag = "funds", security(("bearer" = [])),
    params(("id" = i64, Path)), request_body = CreateExpenditure,
    responses((status = 201, body = ExpenditureDto), (status = 422, body = jingzhun_shared::ApiError)))]
#[post("/projects/{id}/expenditures")]
pub async fn add_expenditure(
    state: web::Data<AppState>,
    user: CurrentUser,
    id: web::Path<i64>,
    body: web::Json<CreateExpenditure>,
) -> AppResult<HttpResponse> {
    let expenditure = funds::add_expenditure(&state.db, &user, ProjectId(id.into_inner()), body.into_inner()).await?;
    Ok(created(expenditure))
}

/// Removes a payment entered by mistake.
#[utoipa::path(tag = "funds", security(("bearer" = [])),
    params(("id" = i64, Path)), responses((status = 204)))]
#[delete("/expenditures/{id}")]
pub async fn delete_expenditure(
    state: web::Data<AppState>,
    user: CurrentUser,
    id: web::Path<i64>,
) -> AppResult<HttpResponse> {
    funds::delete_expenditure(&state.db, &user, ExpenditureId(id.into_inner())).await?;
    Ok(no_content())
}

/// Checks (`commit=false`) or imports expenditures from CSV or xlsx; any row error imports nothing.
/// The role is checked before the file is read; the file has its own body limit (413) and sheet
/// limits (422).
#[utoipa::path(post, path = "/expenditures/import", tag = "funds", security(("bearer" = [])),
    params(ExpenditureImportQuery), request_body(content = Vec<u8>, content_type = "application/octet-stream"),
    responses((status = 200, body = ExpenditureImportReport), (status = 400, body = jingzhun_shared::ApiError),
        (status = 403, body = jingzhun_shared::ApiError), (status = 413, body = jingzhun_shared::ApiError),
        (status = 422, body = jingzhun_shared::ApiError)))]
pub async fn import_expenditures(
    state: web::Data<AppState>,
    user: CurrentUser,
    query: web::Query<ExpenditureImportQuery>,
    body: UploadBody,
) -> AppResult<web::Json<ExpenditureImportReport>> {
    user.require(Capability::EditFunds)?;
    let query = query.into_inner();
    let rows = sheet_rows(query.format.clone(), body.read().await?, EXPENDITURE_COLUMNS).await?;
    funds::import::import(&state.db, &user, rows, query.commit).await.map(web::Json)
}

/// The expenditure import template.
#[utoipa::path(tag = "funds", security(("bearer" = [])),
    responses((status = 200, description = "xlsx", content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")))]
#[get("/expenditures/import-template.xlsx")]
pub async fn expenditure_template(user: CurrentUser) -> AppResult<HttpResponse> {
    user.require(jingzhun_shared::Capability::EditFunds)?;
    Ok(xlsx(funds::import::template()?, "expenditures-template.xlsx"))
}

/// A year's start, completion, expenditure rates and industry share for a subtree, as recorded
/// up to `as_of` when given.
#[utoipa::path(tag = "funds", security(("bearer" = [])), params(RatesQuery),
    responses((status = 200, body = FundRates)))]
#[get("/funds/rates")]
pub async fn rates(
    state: web::Data<AppState>,
    user: CurrentUser,
    query: web::Query<RatesQuery>,
) -> AppResult<web::Json<FundRates>> {
    funds::rates(&state.db, &user, query.into_inner()).await.map(web::Json)
}

/// A year's budget and spending by project kind, for the charts.
#[utoipa::path(tag = "funds", security(("bearer" = [])), params(RatesQuery),
    responses((status = 200, body = Vec<KindTotal>)))]
#[get("/funds/by-kind")]
pub async fn by_kind(
    state: web::Data<AppState>,
    user: CurrentUser,
    query: web::Query<RatesQuery>,
) -> AppResult<web::Json<Vec<KindTotal>>> {
    funds::by_kind(&state.db, &user, query.into_inner()).await.map(web::Json)
}
