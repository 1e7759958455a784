//! `/api/v1/households` and their members and income records.

use actix_web::{HttpResponse, get, post, put, web};
use jingzhun_shared::HouseholdId;
use jingzhun_shared::dto::Page;
use jingzhun_shared::registry::{
    CreateHousehold, CreateMember, HouseholdDto, HouseholdQuery, HouseholdSummary, IncomeInput, IncomeRecordDto,
    MemberDto, UpdateHousehold,
};

use crate::auth::CurrentUser;
use crate::error::AppResult;
use crate::services::{households, income};
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
    households::list(&state.db, &user, query.into_inner()).await.map(web::Json)
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
    households::members(&state.db, &user, HouseholdId(id.into_inner())).await.map(web::Json)
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
    let member = households::add_member(&state.db, &user, HouseholdId(id.into_inner()), body.into_inner()).await?;
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
