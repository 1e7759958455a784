//! `/api/v1/health-claims`, `/api/v1/health-settings/{year}`, `/api/v1/health/figures`,
//! `/api/v1/households/{id}/health-totals`, `/api/v1/doctor-signings`,
//! `/api/v1/premium-subsidies` and the person search `/api/v1/health/people`.

use actix_web::{HttpResponse, delete, get, post, put, web};
use jingzhun_shared::health::{
    CLAIM_COLUMNS, ClaimChangeDto, ClaimImportQuery, ClaimImportReport, ClaimLedgerQuery, DoctorSigningDto,
    DoctorSigningInput, DoctorSigningQuery, HealthClaimDto, HealthClaimInput, HealthClaimQuery, HealthFigures,
    HealthFiguresQuery, HealthPeopleQuery, HealthPersonDto, HealthSettingsDto, HealthSettingsInput, MemberHealthTotals,
    PremiumSubsidyDto, PremiumSubsidyInput, PremiumSubsidyQuery, YearQuery,
};
use jingzhun_shared::page::{Page, PageQuery};
use jingzhun_shared::{Capability, DoctorSigningId, HealthClaimId, HouseholdId, PremiumSubsidyId};
use utoipa_actix_web::service_config::ServiceConfig;

use crate::actor::CurrentUser;
use crate::error::AppResult;
use crate::routes::extract::sheet_rows;
use crate::routes::respond::{created, no_content, xlsx};
use crate::routes::upload::{IMPORT_LIMIT, UploadBody, with_limit};
use crate::services::health;
use crate::state::AppState;

type Db = web::Data<AppState>;

pub fn routes(cfg: &mut ServiceConfig) {
    cfg.service(with_limit(__path_import_claims, import_claims, IMPORT_LIMIT));
    cfg.service(claim_template).service(claim_ledger);
    cfg.service(claims).service(create_claim).service(claim).service(update_claim).service(claim_history);
    cfg.service(settings).service(set_settings).service(figures).service(household_totals);
    cfg.service(signings).service(create_signing).service(update_signing);
    cfg.service(premiums).service(create_premium).service(delete_premium).service(people);
}

/// Claims in the caller's subtree, in discharge order.
#[utoipa::path(tag = "health", security(("bearer" = [])), params(HealthClaimQuery),
    responses((status = 200, body = Page<HealthClaimDto>)))]
#[get("/health-claims")]
pub async fn claims(
    state: Db,
    user: CurrentUser,
    query: web::Query<HealthClaimQuery>,
) -> AppResult<web::Json<Page<HealthClaimDto>>> {
    health::claims(&state.db, &user, query.into_inner()).await.map(web::Json)
}

/// Enters a claim; the 351, 180 and out-of-pocket are computed and the person's later claims
/// of the year recomputed.
#[utoipa::path(tag = "health", security(("bearer" = [])), request_body = HealthClaimInput,
    responses((status = 201, body = HealthClaimDto), (status = 422, body = jingzhun_shared::ApiError)))]
#[post("/health-claims")]
pub async fn create_claim(state: Db, user: CurrentUser, body: web::Json<HealthClaimInput>) -> AppResult<HttpResponse> {
    Ok(created(health::save_claim(&state.db, &user, None, body.into_inner()).await?))
}

#[utoipa::path(tag = "health", security(("bearer" = [])), params(("id" = i64, Path)),
    responses((status = 200, body = HealthClaimDto), (status = 404, body = jingzhun_shared::ApiError)))]
#[get("/health-claims/{id}")]
pub async fn claim(state: Db, user: CurrentUser, id: web::Path<i64>) -> AppResult<web::Json<HealthClaimDto>> {
    health::claim(&state.db, &user, HealthClaimId(id.into_inner())).await.map(web::Json)
}

/// Corrects a claim at the version read (409 when stale).
#[utoipa::path(tag = "health", security(("bearer" = [])), params(("id" = i64, Path)), request_body = HealthClaimInput,
    responses((status = 200, body = HealthClaimDto), (status = 409, body = jingzhun_shared::ApiError)))]
#[put("/health-claims/{id}")]
pub async fn update_claim(
    state: Db,
    user: CurrentUser,
    id: web::Path<i64>,
    body: web::Json<HealthClaimInput>,
) -> AppResult<web::Json<HealthClaimDto>> {
    let id = Some(HealthClaimId(id.into_inner()));
    health::save_claim(&state.db, &user, id, body.into_inner()).await.map(web::Json)
}

/// Every recomputation and correction of the claim's figures, newest first.
#[utoipa::path(tag = "health", security(("bearer" = [])), params(("id" = i64, Path), PageQuery),
    responses((status = 200, body = Page<ClaimChangeDto>)))]
#[get("/health-claims/{id}/history")]
pub async fn claim_history(
    state: Db,
    user: CurrentUser,
    id: web::Path<i64>,
    page: web::Query<PageQuery>,
) -> AppResult<web::Json<Page<ClaimChangeDto>>> {
    health::claim_history(&state.db, &user, HealthClaimId(id.into_inner()), page.into_inner()).await.map(web::Json)
}

#[utoipa::path(tag = "health", security(("bearer" = [])), params(("year" = i32, Path)),
    responses((status = 200, body = HealthSettingsDto)))]
#[get("/health-settings/{year}")]
pub async fn settings(state: Db, user: CurrentUser, year: web::Path<i32>) -> AppResult<web::Json<HealthSettingsDto>> {
    health::settings(&state.db, &user, year.into_inner()).await.map(web::Json)
}

/// Sets the year's 351 caps and 180 rate and cap (with `version` once set).
#[utoipa::path(tag = "health", security(("bearer" = [])), params(("year" = i32, Path)), request_body = HealthSettingsInput,
    responses((status = 200, body = HealthSettingsDto), (status = 422, body = jingzhun_shared::ApiError)))]
#[put("/health-settings/{year}")]
pub async fn set_settings(
    state: Db,
    user: CurrentUser,
    year: web::Path<i32>,
    body: web::Json<HealthSettingsInput>,
) -> AppResult<web::Json<HealthSettingsDto>> {
    health::set_settings(&state.db, &user, year.into_inner(), body.into_inner()).await.map(web::Json)
}

/// The year's health figures for a subtree, as of a date.
#[utoipa::path(tag = "health", security(("bearer" = [])), params(HealthFiguresQuery),
    responses((status = 200, body = HealthFigures)))]
#[get("/health/figures")]
pub async fn figures(
    state: Db,
    user: CurrentUser,
    query: web::Query<HealthFiguresQuery>,
) -> AppResult<web::Json<HealthFigures>> {
    health::figures(&state.db, &user, query.into_inner()).await.map(web::Json)
}

/// Per member of the household: the year's claim count and totals (no hospitals, no kinds).
#[utoipa::path(tag = "health", security(("bearer" = [])), params(("id" = i64, Path), YearQuery),
    responses((status = 200, body = Page<MemberHealthTotals>)))]
#[get("/households/{id}/health-totals")]
pub async fn household_totals(
    state: Db,
    user: CurrentUser,
    id: web::Path<i64>,
    query: web::Query<YearQuery>,
) -> AppResult<web::Json<Page<MemberHealthTotals>>> {
    health::household_totals(&state.db, &user, HouseholdId(id.into_inner()), query.into_inner()).await.map(web::Json)
}

/// Family-doctor signings; `expired=true` lists the lapsed ones.
#[utoipa::path(tag = "health", security(("bearer" = [])), params(DoctorSigningQuery),
    responses((status = 200, body = Page<DoctorSigningDto>)))]
#[get("/doctor-signings")]
pub async fn signings(
    state: Db,
    user: CurrentUser,
    query: web::Query<DoctorSigningQuery>,
) -> AppResult<web::Json<Page<DoctorSigningDto>>> {
    health::signings(&state.db, &user, query.into_inner()).await.map(web::Json)
}

#[utoipa::path(tag = "health", security(("bearer" = [])), request_body = DoctorSigningInput,
    responses((status = 201, body = DoctorSigningDto), (status = 422, body = jingzhun_shared::ApiError)))]
#[post("/doctor-signings")]
pub async fn create_signing(
    state: Db,
    user: CurrentUser,
    body: web::Json<DoctorSigningInput>,
) -> AppResult<HttpResponse> {
    Ok(created(health::save_signing(&state.db, &user, None, body.into_inner()).await?))
}

#[utoipa::path(tag = "health", security(("bearer" = [])), params(("id" = i64, Path)), request_body = DoctorSigningInput,
    responses((status = 200, body = DoctorSigningDto), (status = 409, body = jingzhun_shared::ApiError)))]
#[put("/doctor-signings/{id}")]
pub async fn update_signing(
    state: Db,
    user: CurrentUser,
    id: web::Path<i64>,
    body: web::Json<DoctorSigningInput>,
) -> AppResult<web::Json<DoctorSigningDto>> {
    let id = Some(DoctorSigningId(id.into_inner()));
    health::save_signing(&state.db, &user, id, body.into_inner()).await.map(web::Json)
}

/// Checks (`commit=false`) or imports settlements from CSV or xlsx; any row error imports
/// nothing. The role is checked before the file is read; progress as the registry's import
/// reports it (`/households/import-progress/{token}`).
#[utoipa::path(post, path = "/health-claims/import", tag = "health", security(("bearer" = [])),
    params(ClaimImportQuery), request_body(content = Vec<u8>, content_type = "application/octet-stream"),
    responses((status = 200, body = ClaimImportReport), (status = 400, body = jingzhun_shared::ApiError),
        (status = 403, body = jingzhun_shared::ApiError), (status = 413, body = jingzhun_shared::ApiError),
        (status = 422, body = jingzhun_shared::ApiError)))]
pub async fn import_claims(
    state: Db,
    user: CurrentUser,
    query: web::Query<ClaimImportQuery>,
    body: UploadBody,
) -> AppResult<web::Json<ClaimImportReport>> {
    user.require(Capability::EditHealth)?;
    let query = query.into_inner();
    let mut ticket = state.imports.ticket(user.id, query.progress.as_deref()).await?;
    let result = async {
        let rows = sheet_rows(query.format.clone(), body.read().await?, CLAIM_COLUMNS).await?;
        health::import::import(&state.db, &user, rows, query.commit, ticket.as_mut()).await
    }
    .await;
    crate::progress::settle(ticket).await;
    result.map(web::Json)
}

/// The settlement import template.
#[utoipa::path(tag = "health", security(("bearer" = [])),
    responses((status = 200, description = "xlsx", content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")))]
#[get("/health-claims/import-template.xlsx")]
pub async fn claim_template(user: CurrentUser) -> AppResult<HttpResponse> {
    user.require(Capability::EditHealth)?;
    Ok(xlsx(health::ledger::template()?, "health-claims-template.xlsx"))
}

/// The year's claims ledger of a subtree.
#[utoipa::path(tag = "health", security(("bearer" = [])), params(ClaimLedgerQuery),
    responses((status = 200, description = "xlsx", content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")))]
#[get("/health-claims/ledger.xlsx")]
pub async fn claim_ledger(
    state: Db,
    user: CurrentUser,
    query: web::Query<ClaimLedgerQuery>,
) -> AppResult<HttpResponse> {
    let bytes = health::ledger::ledger(&state.db, &user, query.into_inner()).await?;
    Ok(xlsx(bytes, "health-claims-ledger.xlsx"))
}

/// Premium subsidies in the caller's subtree, newest first.
#[utoipa::path(tag = "health", security(("bearer" = [])), params(PremiumSubsidyQuery),
    responses((status = 200, body = Page<PremiumSubsidyDto>)))]
#[get("/premium-subsidies")]
pub async fn premiums(
    state: Db,
    user: CurrentUser,
    query: web::Query<PremiumSubsidyQuery>,
) -> AppResult<web::Json<Page<PremiumSubsidyDto>>> {
    health::premiums(&state.db, &user, query.into_inner()).await.map(web::Json)
}

/// Records a person's premium subsidy of a year (once per person and year).
#[utoipa::path(tag = "health", security(("bearer" = [])), request_body = PremiumSubsidyInput,
    responses((status = 201, body = PremiumSubsidyDto), (status = 422, body = jingzhun_shared::ApiError)))]
#[post("/premium-subsidies")]
pub async fn create_premium(
    state: Db,
    user: CurrentUser,
    body: web::Json<PremiumSubsidyInput>,
) -> AppResult<HttpResponse> {
    Ok(created(health::create_premium(&state.db, &user, body.into_inner()).await?))
}

#[utoipa::path(tag = "health", security(("bearer" = [])), params(("id" = i64, Path)), responses((status = 204)))]
#[delete("/premium-subsidies/{id}")]
pub async fn delete_premium(state: Db, user: CurrentUser, id: web::Path<i64>) -> AppResult<HttpResponse> {
    health::delete_premium(&state.db, &user, PremiumSubsidyId(id.into_inner())).await?;
    Ok(no_content())
}

/// People of the caller's subtree by part of a name or the beginning of an ID-card number.
#[utoipa::path(tag = "health", security(("bearer" = [])), params(HealthPeopleQuery),
    responses((status = 200, body = Page<HealthPersonDto>), (status = 422, body = jingzhun_shared::ApiError)))]
#[get("/health/people")]
pub async fn people(
    state: Db,
    user: CurrentUser,
    query: web::Query<HealthPeopleQuery>,
) -> AppResult<web::Json<Page<HealthPersonDto>>> {
    health::people(&state.db, &user, query.into_inner()).await.map(web::Json)
}
