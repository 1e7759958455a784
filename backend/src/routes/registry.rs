//! `/api/v1/households` (households, their members, income records and monitoring, and the registry as a
//! spreadsheet: template, import, export), `/api/v1/registry/overview` and the per-year
//! settings under `/api/v1/settings/…`, the poverty line first.

use actix_web::{HttpResponse, get, post, put, web};
use chrono::Datelike;
use jingzhun_shared::page::{Page, PageQuery};
use jingzhun_shared::registry::{
    ChangeCategory, ChangesQuery, ClearMonitoring, CreateHousehold, CreateMember, HouseholdDto, HouseholdQuery,
    HouseholdSummary, IMPORT_COLUMNS, ImportProgress, ImportQuery, ImportReport, IncomeInput, IncomeRecordDto,
    LeaveMember, MemberDto, MonitoringDto, OverviewQuery, PovertyLine, RegistryChanges, RegistryOverview,
    StartMonitoring, UpdateHousehold, UpdateMember,
};
use jingzhun_shared::{Capability, HouseholdId, MemberId};
use utoipa_actix_web::service_config::ServiceConfig;

use crate::actor::CurrentUser;
use crate::error::{AppError, AppResult};
use crate::routes::extract::import_sheet;
use crate::routes::respond::{created, xlsx};
use crate::routes::upload::{IMPORT_LIMIT, UploadBody, with_limit};
use crate::services::registry;
use crate::state::AppState;

pub fn routes(cfg: &mut ServiceConfig) {
    // The fixed `/households/…` paths first: `/households/{id}` would take them otherwise.
    cfg.service(import_template).service(export_households).service(import_progress);
    cfg.service(with_limit(__path_import_households, import_households, IMPORT_LIMIT));
    cfg.service(list_households).service(create_household).service(household).service(update_household);
    cfg.service(members).service(add_member).service(income_records).service(record_income);
    cfg.service(start_monitoring).service(clear_monitoring);
    cfg.service(update_member).service(leave_member).service(change_category).service(changes);
    cfg.service(overview).service(poverty_lines).service(set_poverty_line);
}

/// Households in the caller's scope (ID numbers masked).
#[utoipa::path(tag = "registry", security(("bearer" = [])), params(HouseholdQuery),
    responses((status = 200, body = Page<HouseholdSummary>)))]
#[get("/households")]
pub async fn list_households(
    state: web::Data<AppState>,
    user: CurrentUser,
    query: web::Query<HouseholdQuery>,
) -> AppResult<web::Json<Page<HouseholdSummary>>> {
    registry::household_list::list(&state.db, &user, query.into_inner(), &state.registry_past_cap).await.map(web::Json)
}

/// Files a household with its head.
#[utoipa::path(tag = "registry", security(("bearer" = [])), request_body = CreateHousehold,
    responses((status = 201, body = HouseholdDto), (status = 422, body = jingzhun_shared::ApiError)))]
#[post("/households")]
pub async fn create_household(
    state: web::Data<AppState>,
    user: CurrentUser,
    body: web::Json<CreateHousehold>,
) -> AppResult<HttpResponse> {
    Ok(created(registry::households::create(&state.db, &user, body.into_inner()).await?))
}

/// The household card (a cadre: of the households it is responsible for, masked); a full
/// ID-number read is audited.
#[utoipa::path(tag = "registry", security(("bearer" = [])), params(("id" = i64, Path)),
    responses((status = 200, body = HouseholdDto), (status = 404, body = jingzhun_shared::ApiError)))]
#[get("/households/{id}")]
pub async fn household(
    state: web::Data<AppState>,
    user: CurrentUser,
    id: web::Path<i64>,
) -> AppResult<web::Json<HouseholdDto>> {
    registry::households::load_dto(&state.db, &user, HouseholdId(id.into_inner()), true).await.map(web::Json)
}

/// Changes category, causes, phone and location; a stale version is 409.
#[utoipa::path(tag = "registry", security(("bearer" = [])), params(("id" = i64, Path)), request_body = UpdateHousehold,
    responses((status = 200, body = HouseholdDto), (status = 409, body = jingzhun_shared::ApiError)))]
#[put("/households/{id}")]
pub async fn update_household(
    state: web::Data<AppState>,
    user: CurrentUser,
    id: web::Path<i64>,
    body: web::Json<UpdateHousehold>,
) -> AppResult<web::Json<HouseholdDto>> {
    registry::households::update(&state.db, &user, HouseholdId(id.into_inner()), body.into_inner()).await.map(web::Json)
}

/// The members of a household.
#[utoipa::path(tag = "registry", security(("bearer" = [])), params(("id" = i64, Path), PageQuery),
    responses((status = 200, body = Page<MemberDto>)))]
#[get("/households/{id}/members")]
pub async fn members(
    state: web::Data<AppState>,
    user: CurrentUser,
    id: web::Path<i64>,
    page: web::Query<PageQuery>,
) -> AppResult<web::Json<Page<MemberDto>>> {
    let all = registry::members::members(&state.db, &user, HouseholdId(id.into_inner())).await?;
    Ok(web::Json(Page::from_all(all, page.into_inner())))
}

/// Adds a member.
#[utoipa::path(tag = "registry", security(("bearer" = [])), params(("id" = i64, Path)), request_body = CreateMember,
    responses((status = 201, body = MemberDto), (status = 422, body = jingzhun_shared::ApiError)))]
#[post("/households/{id}/members")]
pub async fn add_member(
    state: web::Data<AppState>,
    user: CurrentUser,
    id: web::Path<i64>,
    body: web::Json<CreateMember>,
) -> AppResult<HttpResponse> {
    Ok(created(registry::members::add_member(&state.db, &user, HouseholdId(id.into_inner()), body.into_inner()).await?))
}

/// Changes a member's particulars; a stale version is 409.
#[utoipa::path(tag = "registry", security(("bearer" = [])), params(("id" = i64, Path)), request_body = UpdateMember,
    responses((status = 200, body = MemberDto), (status = 409, body = jingzhun_shared::ApiError),
        (status = 422, body = jingzhun_shared::ApiError)))]
#[put("/members/{id}")]
pub async fn update_member(
    state: web::Data<AppState>,
    user: CurrentUser,
    id: web::Path<i64>,
    body: web::Json<UpdateMember>,
) -> AppResult<web::Json<MemberDto>> {
    registry::members::update_member(&state.db, &user, MemberId(id.into_inner()), body.into_inner())
        .await
        .map(web::Json)
}

/// The member leaves the household (减员) with a reason and date; they stay on file.
#[utoipa::path(tag = "registry", security(("bearer" = [])), params(("id" = i64, Path)), request_body = LeaveMember,
    responses((status = 200, body = MemberDto), (status = 409, body = jingzhun_shared::ApiError),
        (status = 422, body = jingzhun_shared::ApiError)))]
#[post("/members/{id}/leave")]
pub async fn leave_member(
    state: web::Data<AppState>,
    user: CurrentUser,
    id: web::Path<i64>,
    body: web::Json<LeaveMember>,
) -> AppResult<web::Json<MemberDto>> {
    registry::members::leave(&state.db, &user, MemberId(id.into_inner()), body.into_inner()).await.map(web::Json)
}

/// Changes the household's category by a civil-affairs decision, kept in its history.
#[utoipa::path(tag = "registry", security(("bearer" = [])), params(("id" = i64, Path)), request_body = ChangeCategory,
    responses((status = 200, body = HouseholdDto), (status = 409, body = jingzhun_shared::ApiError),
        (status = 422, body = jingzhun_shared::ApiError)))]
#[post("/households/{id}/category")]
pub async fn change_category(
    state: web::Data<AppState>,
    user: CurrentUser,
    id: web::Path<i64>,
    body: web::Json<ChangeCategory>,
) -> AppResult<web::Json<HouseholdDto>> {
    registry::categories::change(&state.db, &user, HouseholdId(id.into_inner()), body.into_inner()).await.map(web::Json)
}

/// People added and removed in a period, and the net, by reason (动态调整).
#[utoipa::path(tag = "registry", security(("bearer" = [])), params(ChangesQuery),
    responses((status = 200, body = RegistryChanges), (status = 422, body = jingzhun_shared::ApiError)))]
#[get("/registry/changes")]
pub async fn changes(
    state: web::Data<AppState>,
    user: CurrentUser,
    query: web::Query<ChangesQuery>,
) -> AppResult<web::Json<RegistryChanges>> {
    registry::changes::changes(&state.db, &user, query.into_inner()).await.map(web::Json)
}

/// Income by year with the per-capita figure against the line.
#[utoipa::path(tag = "registry", security(("bearer" = [])), params(("id" = i64, Path), PageQuery),
    responses((status = 200, body = Page<IncomeRecordDto>)))]
#[get("/households/{id}/income-records")]
pub async fn income_records(
    state: web::Data<AppState>,
    user: CurrentUser,
    id: web::Path<i64>,
    page: web::Query<PageQuery>,
) -> AppResult<web::Json<Page<IncomeRecordDto>>> {
    let all = registry::income::list(&state.db, &user, HouseholdId(id.into_inner())).await?;
    Ok(web::Json(Page::from_all(all, page.into_inner())))
}

/// Records (or replaces) one year's income.
#[utoipa::path(tag = "registry", security(("bearer" = [])), params(("id" = i64, Path)), request_body = IncomeInput,
    responses((status = 200, body = IncomeRecordDto), (status = 422, body = jingzhun_shared::ApiError)))]
#[post("/households/{id}/income-records")]
pub async fn record_income(
    state: web::Data<AppState>,
    user: CurrentUser,
    id: web::Path<i64>,
    body: web::Json<IncomeInput>,
) -> AppResult<web::Json<IncomeRecordDto>> {
    registry::income::upsert(&state.db, &user, HouseholdId(id.into_inner()), body.into_inner()).await.map(web::Json)
}

/// Puts the household under monitoring (防返贫监测); 409 when it already is.
#[utoipa::path(tag = "registry", security(("bearer" = [])), params(("id" = i64, Path)), request_body = StartMonitoring,
    responses((status = 201, body = MonitoringDto), (status = 409, body = jingzhun_shared::ApiError),
        (status = 422, body = jingzhun_shared::ApiError)))]
#[post("/households/{id}/monitoring")]
pub async fn start_monitoring(
    state: web::Data<AppState>,
    user: CurrentUser,
    id: web::Path<i64>,
    body: web::Json<StartMonitoring>,
) -> AppResult<HttpResponse> {
    let id = HouseholdId(id.into_inner());
    Ok(created(registry::monitoring::start(&state.db, &user, id, body.into_inner()).await?))
}

/// Ends the household's open period of monitoring; 404 when it is not monitored.
#[utoipa::path(tag = "registry", security(("bearer" = [])), params(("id" = i64, Path)), request_body = ClearMonitoring,
    responses((status = 200, body = MonitoringDto), (status = 404, body = jingzhun_shared::ApiError),
        (status = 409, body = jingzhun_shared::ApiError), (status = 422, body = jingzhun_shared::ApiError)))]
#[post("/households/{id}/monitoring/clear")]
pub async fn clear_monitoring(
    state: web::Data<AppState>,
    user: CurrentUser,
    id: web::Path<i64>,
    body: web::Json<ClearMonitoring>,
) -> AppResult<web::Json<MonitoringDto>> {
    let id = HouseholdId(id.into_inner());
    registry::monitoring::clear(&state.db, &user, id, body.into_inner()).await.map(web::Json)
}

/// Checks (`commit=false`) or imports a CSV or xlsx file of households and members; a commit
/// with any row error imports nothing. The role is checked before the file is read; the file
/// has its own body limit (413) and sheet limits (422).
#[utoipa::path(post, path = "/households/import", tag = "registry", security(("bearer" = [])), params(ImportQuery),
    request_body(content = Vec<u8>, content_type = "application/octet-stream"),
    responses((status = 200, body = ImportReport), (status = 400, body = jingzhun_shared::ApiError),
        (status = 403, body = jingzhun_shared::ApiError), (status = 413, body = jingzhun_shared::ApiError),
        (status = 422, body = jingzhun_shared::ApiError)))]
pub async fn import_households(
    state: web::Data<AppState>,
    user: CurrentUser,
    query: web::Query<ImportQuery>,
    body: UploadBody,
) -> AppResult<web::Json<ImportReport>> {
    user.require(Capability::EditRegistry)?;
    import_sheet(&state, &user, query.into_inner(), body, &IMPORT_COLUMNS, async |rows, query, ticket| {
        registry::import::import(&state.db, &user, rows, query, ticket).await
    })
    .await
}

/// How far the caller's import started with this token has got (404 for anyone else's). Any
/// signed-in user: every import (registry, education, health…) reports here, and an entry is
/// its owner's only.
#[utoipa::path(tag = "registry", security(("bearer" = [])), params(("token" = String, Path)),
    responses((status = 200, body = ImportProgress), (status = 404, body = jingzhun_shared::ApiError)))]
#[get("/households/import-progress/{token}")]
pub async fn import_progress(
    state: web::Data<AppState>,
    user: CurrentUser,
    token: web::Path<String>,
) -> AppResult<web::Json<ImportProgress>> {
    state.imports.get(user.id, &token).await?.map(web::Json).ok_or(AppError::NotFound)
}

/// The import template.
#[utoipa::path(tag = "registry", security(("bearer" = [])),
    responses((status = 200, description = "xlsx", content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")))]
#[get("/households/import-template.xlsx")]
pub async fn import_template(user: CurrentUser) -> AppResult<HttpResponse> {
    user.require(jingzhun_shared::Capability::EditRegistry)?;
    Ok(xlsx(registry::export::template()?, "households-template.xlsx"))
}

/// The households the list would show, one row per member, as the import reads them.
#[utoipa::path(tag = "registry", security(("bearer" = [])), params(HouseholdQuery),
    responses((status = 200, description = "xlsx", content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")))]
#[get("/households/export.xlsx")]
pub async fn export_households(
    state: web::Data<AppState>,
    user: CurrentUser,
    query: web::Query<HouseholdQuery>,
) -> AppResult<HttpResponse> {
    Ok(xlsx(registry::export::export(&state.db, &user, query.into_inner()).await?, "households.xlsx"))
}

/// At the end of the year: households and people on file, remaining by category, exited, the
/// exits of each year; 预脱贫 and monitored households; poor villages and exits.
#[utoipa::path(tag = "registry", security(("bearer" = [])), params(OverviewQuery),
    responses((status = 200, body = RegistryOverview)))]
#[get("/registry/overview")]
pub async fn overview(
    state: web::Data<AppState>,
    user: CurrentUser,
    query: web::Query<OverviewQuery>,
) -> AppResult<web::Json<RegistryOverview>> {
    let year = query.year.unwrap_or_else(|| user.today.year());
    registry::overview::registry(&state.db, &user, year).await.map(web::Json)
}

/// Every year's poverty line.
#[utoipa::path(tag = "settings", security(("bearer" = [])), params(PageQuery),
    responses((status = 200, body = Page<PovertyLine>)))]
#[get("/settings/poverty-lines")]
pub async fn poverty_lines(
    state: web::Data<AppState>,
    _user: CurrentUser,
    page: web::Query<PageQuery>,
) -> AppResult<web::Json<Page<PovertyLine>>> {
    let all = registry::poverty_lines::poverty_lines(&state.db).await?;
    Ok(web::Json(Page::from_all(all, page.into_inner())))
}

/// Sets a year's poverty line (admin, district official).
#[utoipa::path(tag = "settings", security(("bearer" = [])), params(("year" = i32, Path)), request_body = PovertyLine,
    responses((status = 200, body = PovertyLine), (status = 422, body = jingzhun_shared::ApiError)))]
#[put("/settings/poverty-lines/{year}")]
pub async fn set_poverty_line(
    state: web::Data<AppState>,
    user: CurrentUser,
    year: web::Path<i32>,
    body: web::Json<PovertyLine>,
) -> AppResult<web::Json<PovertyLine>> {
    user.require(jingzhun_shared::Capability::SetPovertyLine)?;
    let line = body.into_inner();
    if line.year != year.into_inner() {
        return Err(AppError::field("year", "路径中的年份与内容不一致"));
    }
    registry::poverty_lines::update_poverty_line(&state.db, &user, line).await.map(web::Json)
}
