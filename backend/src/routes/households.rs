//! `/api/v1/households`: households, their members and income records, and the registry as a
//! spreadsheet (template, import, export).

use actix_web::{HttpResponse, get, post, put, web};
use jingzhun_shared::HouseholdId;
use jingzhun_shared::dto::Page;
use jingzhun_shared::registry::{
    CreateHousehold, CreateMember, HouseholdDto, HouseholdQuery, HouseholdSummary, IMPORT_COLUMNS, ImportProgress,
    ImportQuery, ImportReport, IncomeInput, IncomeRecordDto, MemberDto, UpdateHousehold,
};

use crate::auth::CurrentUser;
use crate::error::{AppError, AppResult};
use crate::services::registry::{
    export as registry_export, household_list, households, import as registry_import, income,
    members as household_members,
};
use crate::services::sheet;
use crate::state::AppState;

/// Households in the caller's scope (ID numbers masked).
#[utoipa::path(get, path = "/api/v1/households", tag = "registry", security(("bearer" = [])), params(HouseholdQuery),
    responses((status = 200, body = Page<HouseholdSummary>)))]
#[get("/households")]
pub async fn list(
    state: web::Data<AppState>,
    user: CurrentUser,
    query: web::Query<HouseholdQuery>,
) -> AppResult<web::Json<Page<HouseholdSummary>>> {
    household_list::list(&state.db, &user, query.into_inner()).await.map(web::Json)
}

/// Files a household with its head.
#[utoipa::path(post, path = "/api/v1/households", tag = "registry", security(("bearer" = [])), request_body = CreateHousehold,
    responses((status = 201, body = HouseholdDto), (status = 422, body = jingzhun_shared::ApiError)))]
#[post("/households")]
pub async fn create(
    state: web::Data<AppState>,
    user: CurrentUser,
    body: web::Json<CreateHousehold>,
) -> AppResult<HttpResponse> {
    let created = households::create(&state.db, &user, body.into_inner()).await?;
    Ok(HttpResponse::Created().json(created))
}

/// The household card; a full ID-number read is audited.
#[utoipa::path(get, path = "/api/v1/households/{id}", tag = "registry", security(("bearer" = [])), params(("id" = i64, Path)),
    responses((status = 200, body = HouseholdDto), (status = 404, body = jingzhun_shared::ApiError)))]
#[get("/households/{id}")]
pub async fn get(
    state: web::Data<AppState>,
    user: CurrentUser,
    id: web::Path<i64>,
) -> AppResult<web::Json<HouseholdDto>> {
    households::load_dto(&state.db, &user, HouseholdId(id.into_inner()), true).await.map(web::Json)
}

/// Changes category, causes, phone and location; a stale version is 409.
#[utoipa::path(put, path = "/api/v1/households/{id}", tag = "registry", security(("bearer" = [])), params(("id" = i64, Path)),
    request_body = UpdateHousehold, responses((status = 200, body = HouseholdDto), (status = 409, body = jingzhun_shared::ApiError)))]
#[put("/households/{id}")]
pub async fn update(
    state: web::Data<AppState>,
    user: CurrentUser,
    id: web::Path<i64>,
    body: web::Json<UpdateHousehold>,
) -> AppResult<web::Json<HouseholdDto>> {
    households::update(&state.db, &user, HouseholdId(id.into_inner()), body.into_inner()).await.map(web::Json)
}

/// The members of a household.
#[utoipa::path(get, path = "/api/v1/households/{id}/members", tag = "registry", security(("bearer" = [])),
    params(("id" = i64, Path)), responses((status = 200, body = Vec<MemberDto>)))]
#[get("/households/{id}/members")]
pub async fn members(
    state: web::Data<AppState>,
    user: CurrentUser,
    id: web::Path<i64>,
) -> AppResult<web::Json<Vec<MemberDto>>> {
    household_members::members(&state.db, &user, HouseholdId(id.into_inner())).await.map(web::Json)
}

/// Adds a member.
#[utoipa::path(post, path = "/api/v1/households/{id}/members", tag = "registry", security(("bearer" = [])),
    params(("id" = i64, Path)), request_body = CreateMember,
    responses((status = 201, body = MemberDto), (status = 422, body = jingzhun_shared::ApiError)))]
#[post("/households/{id}/members")]
pub async fn add_member(
    state: web::Data<AppState>,
    user: CurrentUser,
    id: web::Path<i64>,
    body: web::Json<CreateMember>,
) -> AppResult<HttpResponse> {
    let member =
        household_members::add_member(&state.db, &user, HouseholdId(id.into_inner()), body.into_inner()).await?;
    Ok(HttpResponse::Created().json(member))
}

/// Income by year with the per-capita figure against the line.
#[utoipa::path(get, path = "/api/v1/households/{id}/income-records", tag = "registry", security(("bearer" = [])),
    params(("id" = i64, Path)), responses((status = 200, body = Vec<IncomeRecordDto>)))]
#[get("/households/{id}/income-records")]
pub async fn income_records(
    state: web::Data<AppState>,
    user: CurrentUser,
    id: web::Path<i64>,
) -> AppResult<web::Json<Vec<IncomeRecordDto>>> {
    income::list(&state.db, &user, HouseholdId(id.into_inner())).await.map(web::Json)
}

/// Records (or replaces) one year's income.
#[utoipa::path(post, path = "/api/v1/households/{id}/income-records", tag = "registry", security(("bearer" = [])),
    params(("id" = i64, Path)), request_body = IncomeInput,
    responses((status = 200, body = IncomeRecordDto), (status = 422, body = jingzhun_shared::ApiError)))]
#[post("/households/{id}/income-records")]
pub async fn record_income(
    state: web::Data<AppState>,
    user: CurrentUser,
    id: web::Path<i64>,
    body: web::Json<IncomeInput>,
) -> AppResult<web::Json<IncomeRecordDto>> {
    income::upsert(&state.db, &user, HouseholdId(id.into_inner()), body.into_inner()).await.map(web::Json)
}

/// Largest spreadsheet accepted for import.
pub const IMPORT_LIMIT: usize = 64 * 1024 * 1024;

/// Checks (`commit=false`) or imports a CSV or xlsx file of households and members; a commit
/// with any row error imports nothing.
#[utoipa::path(post, path = "/api/v1/households/import", tag = "registry", security(("bearer" = [])), params(ImportQuery),
    request_body(content = Vec<u8>, content_type = "application/octet-stream"),
    responses((status = 200, body = ImportReport), (status = 400, body = jingzhun_shared::ApiError)))]
pub async fn import(
    state: web::Data<AppState>,
    user: CurrentUser,
    query: web::Query<ImportQuery>,
    body: web::Bytes,
) -> AppResult<web::Json<ImportReport>> {
    let query = query.into_inner();
    let token = query.progress.as_deref();
    state.imports.set(token, "reading", 0, 0);
    let format = query.format.clone();
    let rows = web::block(move || sheet::read(&format, &body, &IMPORT_COLUMNS))
        .await
        .map_err(|e| AppError::Internal(e.to_string()))?
        .map_err(AppError::BadRequest)?;
    registry_import::import(&state.db, &user, rows, query.commit, &state.imports, token).await.map(web::Json)
}

/// How far the import started with this token has got.
#[utoipa::path(get, path = "/api/v1/households/import-progress/{token}", tag = "registry", security(("bearer" = [])),
    params(("token" = String, Path)), responses((status = 200, body = ImportProgress)))]
#[get("/households/import-progress/{token}")]
pub async fn import_progress(
    state: web::Data<AppState>,
    _user: CurrentUser,
    token: web::Path<String>,
) -> AppResult<web::Json<ImportProgress>> {
    state.imports.get(&token).map(web::Json).ok_or(AppError::NotFound)
}

const XLSX: &str = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

pub fn xlsx_response(bytes: Vec<u8>, filename: &str) -> HttpResponse {
    HttpResponse::Ok()
        .content_type(XLSX)
        .insert_header(("Content-Disposition", format!("attachment; filename=\"{filename}\"")))
        .body(bytes)
}

/// The import template.
#[utoipa::path(get, path = "/api/v1/households/import-template.xlsx", tag = "registry", security(("bearer" = [])),
    responses((status = 200, description = "xlsx", content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")))]
#[get("/households/import-template.xlsx")]
pub async fn import_template(_user: CurrentUser) -> AppResult<HttpResponse> {
    Ok(xlsx_response(registry_export::template()?, "households-template.xlsx"))
}

/// The households the list would show, one row per member, as the import reads them.
#[utoipa::path(get, path = "/api/v1/households/export.xlsx", tag = "registry", security(("bearer" = [])), params(HouseholdQuery),
    responses((status = 200, description = "xlsx", content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")))]
#[get("/households/export.xlsx")]
pub async fn export(
    state: web::Data<AppState>,
    user: CurrentUser,
    query: web::Query<HouseholdQuery>,
) -> AppResult<HttpResponse> {
    let bytes = registry_export::export(&state.db, &user, query.into_inner()).await?;
    Ok(xlsx_response(bytes, "households.xlsx"))
}
