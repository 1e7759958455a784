//! `/api/v1/social-security/…` (standards, shortfalls, figures) and
//! `/api/v1/assistance-payments`.

use actix_web::{HttpResponse, get, post, put, web};
use jingzhun_shared::Capability;
use jingzhun_shared::funds::RatesQuery;
use jingzhun_shared::page::Page;
use jingzhun_shared::registry::{ImportQuery, RecordImportReport};
use jingzhun_shared::social_security::{
    ASSISTANCE_COLUMNS, AssistancePaymentDto, AssistancePaymentInput, AssistanceQuery, ShortfallDto, SocialFigures,
    SocialStandardDto, SocialStandardInput,
};
use utoipa_actix_web::service_config::ServiceConfig;

use crate::actor::CurrentUser;
use crate::error::AppResult;
use crate::routes::extract::import_sheet;
use crate::routes::respond::{created, xlsx};
use crate::routes::upload::{IMPORT_LIMIT, UploadBody, with_limit};
use crate::services::social_security;
use crate::state::AppState;

type Db = web::Data<AppState>;

pub fn routes(cfg: &mut ServiceConfig) {
    cfg.service(standard).service(set_standard);
    cfg.service(payments).service(create_payment);
    cfg.service(with_limit(__path_import_payments, import_payments, IMPORT_LIMIT));
    cfg.service(payment_template);
    cfg.service(shortfalls).service(figures);
}

/// The year's standards per person; all nothing (version 0) while unset.
#[utoipa::path(tag = "social_security", security(("bearer" = [])), params(("year" = i32, Path)),
    responses((status = 200, body = SocialStandardDto)))]
#[get("/social-security/standards/{year}")]
pub async fn standard(state: Db, user: CurrentUser, year: web::Path<i32>) -> AppResult<web::Json<SocialStandardDto>> {
    social_security::standard(&state.db, &user, year.into_inner()).await.map(web::Json)
}

/// Sets the year's standards (admin, district official).
#[utoipa::path(tag = "social_security", security(("bearer" = [])), params(("year" = i32, Path)),
    request_body = SocialStandardInput, responses((status = 200, body = SocialStandardDto),
        (status = 409, body = jingzhun_shared::ApiError), (status = 422, body = jingzhun_shared::ApiError)))]
#[put("/social-security/standards/{year}")]
pub async fn set_standard(
    state: Db,
    user: CurrentUser,
    year: web::Path<i32>,
    body: web::Json<SocialStandardInput>,
) -> AppResult<web::Json<SocialStandardDto>> {
    social_security::set_standard(&state.db, &user, year.into_inner(), body.into_inner()).await.map(web::Json)
}

/// The year's assistance payments, by household and unit.
#[utoipa::path(tag = "social_security", security(("bearer" = [])), params(AssistanceQuery),
    responses((status = 200, body = Page<AssistancePaymentDto>)))]
#[get("/assistance-payments")]
pub async fn payments(
    state: Db,
    user: CurrentUser,
    query: web::Query<AssistanceQuery>,
) -> AppResult<web::Json<Page<AssistancePaymentDto>>> {
    social_security::payments(&state.db, &user, query.into_inner()).await.map(web::Json)
}

/// Records a payment to a household.
#[utoipa::path(tag = "social_security", security(("bearer" = [])), request_body = AssistancePaymentInput,
    responses((status = 201, body = AssistancePaymentDto), (status = 422, body = jingzhun_shared::ApiError)))]
#[post("/assistance-payments")]
pub async fn create_payment(
    state: Db,
    user: CurrentUser,
    body: web::Json<AssistancePaymentInput>,
) -> AppResult<HttpResponse> {
    Ok(created(social_security::create_payment(&state.db, &user, body.into_inner()).await?))
}

/// 低保 / 五保 households paid less in the year than the standard for their people.
#[utoipa::path(tag = "social_security", security(("bearer" = [])), params(AssistanceQuery),
    responses((status = 200, body = Page<ShortfallDto>)))]
#[get("/social-security/shortfalls")]
pub async fn shortfalls(
    state: Db,
    user: CurrentUser,
    query: web::Query<AssistanceQuery>,
) -> AppResult<web::Json<Page<ShortfallDto>>> {
    social_security::shortfalls(&state.db, &user, query.into_inner()).await.map(web::Json)
}

/// The year's standards, 低保 / 五保 households and people, payments by kind and shortfalls.
#[utoipa::path(tag = "social_security", security(("bearer" = [])), params(RatesQuery),
    responses((status = 200, body = SocialFigures)))]
#[get("/social-security/figures")]
pub async fn figures(
    state: Db,
    user: CurrentUser,
    query: web::Query<RatesQuery>,
) -> AppResult<web::Json<SocialFigures>> {
    social_security::figures(&state.db, &user, query.into_inner()).await.map(web::Json)
}

/// Checks (`commit=false`) or imports assistance payments from CSV or xlsx, matched by ID card;
/// a commit with any row error imports nothing. Progress at `/households/import-progress/{token}`.
#[utoipa::path(post, path = "/assistance-payments/import", tag = "social_security", security(("bearer" = [])),
    params(ImportQuery), request_body(content = Vec<u8>, content_type = "application/octet-stream"),
    responses((status = 200, body = RecordImportReport), (status = 400, body = jingzhun_shared::ApiError),
        (status = 413, body = jingzhun_shared::ApiError), (status = 422, body = jingzhun_shared::ApiError)))]
pub async fn import_payments(
    state: Db,
    user: CurrentUser,
    query: web::Query<ImportQuery>,
    body: UploadBody,
) -> AppResult<web::Json<RecordImportReport>> {
    user.require(Capability::EditRegistry)?;
    import_sheet(&state, &user, query.into_inner(), body, &ASSISTANCE_COLUMNS, async |rows, query, ticket| {
        social_security::import::import(&state.db, &user, rows, query, ticket).await
    })
    .await
}

/// The assistance-payment import template.
#[utoipa::path(tag = "social_security", security(("bearer" = [])),
    responses((status = 200, description = "xlsx", content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")))]
#[get("/assistance-payments/import-template.xlsx")]
pub async fn payment_template(user: CurrentUser) -> AppResult<HttpResponse> {
    user.require(Capability::EditRegistry)?;
    Ok(xlsx(social_security::import::template()?, "assistance-payments-template.xlsx"))
}
