//! `/api/v1/auth/…`, `/api/v1/org-units`, `/api/v1/users` (admin) and `/api/v1/audit-events`
//! (admin, auditor): who may log in, where they sit, and what they did.

use actix_web::{HttpResponse, get, patch, post, web};
use jingzhun_shared::org::{
    AuditEventDto, AuditQuery, ChangePassword, CreateOrgUnit, CreateUser, LoginRequest, LoginResponse, OrgUnitDto,
    OrgUnitNode, RenameOrgUnit, ResetPassword, UserDto, UserQuery,
};
use jingzhun_shared::page::Page;
use jingzhun_shared::{OrgUnitId, UserId};
use utoipa_actix_web::service_config::ServiceConfig;

use crate::actor::CurrentUser;
use crate::error::AppResult;
use crate::routes::extract::{ClientAddr, CurrentAccount};
use crate::routes::respond::created;
use crate::services::org::auth::{self, Sessions};
use crate::services::org::{audit, org_units, users};
use crate::state::AppState;

pub fn routes(cfg: &mut ServiceConfig) {
    cfg.service(login).service(me).service(change_password);
    cfg.service(org_tree).service(create_org_unit).service(org_unit).service(rename_org_unit);
    cfg.service(list_users).service(create_user).service(disable_user).service(enable_user).service(reset_password);
    cfg.service(audit_events);
}

fn sessions(state: &AppState) -> Sessions<'_> {
    Sessions {
        keys: &state.keys,
        token_ttl_secs: state.token_ttl_secs,
        throttle: &state.throttle,
        argon2: &state.argon2,
    }
}

/// Exchanges a username and password for a bearer token; throttled per username and per
/// client address (429), and 503 when password checks are saturated (both with `Retry-After`).
#[utoipa::path(tag = "auth", request_body = LoginRequest,
    responses((status = 200, body = LoginResponse), (status = 401, body = jingzhun_shared::ApiError),
              (status = 429, body = jingzhun_shared::ApiError), (status = 503, body = jingzhun_shared::ApiError)))]
#[post("/auth/login")]
pub async fn login(
    state: web::Data<AppState>,
    client: ClientAddr,
    body: web::Json<LoginRequest>,
) -> AppResult<web::Json<LoginResponse>> {
    auth::login(&state.db, &sessions(&state), body.into_inner(), client.0).await.map(web::Json)
}

/// Changes the caller's own password, given the old one; answers a fresh token, and every
/// older token of the account stops working.
#[utoipa::path(tag = "auth", security(("bearer" = [])), request_body = ChangePassword,
    responses((status = 200, body = LoginResponse), (status = 422, body = jingzhun_shared::ApiError),
              (status = 429, body = jingzhun_shared::ApiError)))]
#[post("/auth/password")]
pub async fn change_password(
    state: web::Data<AppState>,
    user: CurrentUser,
    client: ClientAddr,
    body: web::Json<ChangePassword>,
) -> AppResult<web::Json<LoginResponse>> {
    let answer = auth::change_password(&state.db, &sessions(&state), &user, body.into_inner(), client.0).await;
    state.tokens.forget_all();
    answer.map(web::Json)
}

/// The logged-in user.
#[utoipa::path(tag = "auth", security(("bearer" = [])),
    responses((status = 200, body = UserDto), (status = 401, body = jingzhun_shared::ApiError)))]
#[get("/auth/me")]
pub async fn me(account: CurrentAccount) -> web::Json<UserDto> {
    web::Json(UserDto::clone(&account.0))
}

/// The caller's subtree of the org tree.
#[utoipa::path(tag = "org-units", security(("bearer" = [])), responses((status = 200, body = OrgUnitNode)))]
#[get("/org-units")]
pub async fn org_tree(state: web::Data<AppState>, user: CurrentUser) -> AppResult<web::Json<OrgUnitNode>> {
    org_units::tree(&state.db, &user).await.map(web::Json)
}

/// One org unit; 404 outside the caller's subtree.
#[utoipa::path(tag = "org-units", security(("bearer" = [])), params(("id" = i64, Path)),
    responses((status = 200, body = OrgUnitDto), (status = 404, body = jingzhun_shared::ApiError)))]
#[get("/org-units/{id}")]
pub async fn org_unit(
    state: web::Data<AppState>,
    user: CurrentUser,
    id: web::Path<i64>,
) -> AppResult<web::Json<OrgUnitDto>> {
    let unit = org_units::find_visible(&state.db, &user, OrgUnitId(id.into_inner())).await?;
    org_units::dto(&state.db, &unit).await.map(web::Json)
}

/// Adds a township or village (admin).
#[utoipa::path(tag = "org-units", security(("bearer" = [])), request_body = CreateOrgUnit,
    responses((status = 201, body = OrgUnitDto), (status = 422, body = jingzhun_shared::ApiError)))]
#[post("/org-units")]
pub async fn create_org_unit(
    state: web::Data<AppState>,
    user: CurrentUser,
    body: web::Json<CreateOrgUnit>,
) -> AppResult<HttpResponse> {
    Ok(created(org_units::create(&state.db, &user, body.into_inner()).await?))
}

/// Renames a unit (admin); a stale `version` is 409.
#[utoipa::path(tag = "org-units", security(("bearer" = [])), request_body = RenameOrgUnit, params(("id" = i64, Path)),
    responses((status = 200, body = OrgUnitDto), (status = 409, body = jingzhun_shared::ApiError)))]
#[patch("/org-units/{id}")]
pub async fn rename_org_unit(
    state: web::Data<AppState>,
    user: CurrentUser,
    id: web::Path<i64>,
    body: web::Json<RenameOrgUnit>,
) -> AppResult<web::Json<OrgUnitDto>> {
    let renamed = org_units::rename(&state.db, &user, OrgUnitId(id.into_inner()), body.into_inner()).await?;
    // Accounts remembered with their unit (auth/me shows its name) are read again.
    state.tokens.forget_all();
    Ok(web::Json(renamed))
}

/// Users of the admin's subtree, by username.
#[utoipa::path(tag = "users", security(("bearer" = [])), params(UserQuery),
    responses((status = 200, body = Page<UserDto>)))]
#[get("/users")]
pub async fn list_users(
    state: web::Data<AppState>,
    user: CurrentUser,
    query: web::Query<UserQuery>,
) -> AppResult<web::Json<Page<UserDto>>> {
    users::list(&state.db, &user, query.into_inner()).await.map(web::Json)
}

/// Creates an account.
#[utoipa::path(tag = "users", security(("bearer" = [])), request_body = CreateUser,
    responses((status = 201, body = UserDto), (status = 422, body = jingzhun_shared::ApiError)))]
#[post("/users")]
pub async fn create_user(
    state: web::Data<AppState>,
    user: CurrentUser,
    body: web::Json<CreateUser>,
) -> AppResult<HttpResponse> {
    Ok(created(users::create(&state.db, &state.argon2, &user, body.into_inner()).await?))
}

/// Sets another user's password (admin); their tokens stop working.
#[utoipa::path(tag = "users", security(("bearer" = [])), request_body = ResetPassword, params(("id" = i64, Path)),
    responses((status = 200, body = UserDto), (status = 404, body = jingzhun_shared::ApiError),
              (status = 422, body = jingzhun_shared::ApiError)))]
#[post("/users/{id}/password")]
pub async fn reset_password(
    state: web::Data<AppState>,
    user: CurrentUser,
    id: web::Path<i64>,
    body: web::Json<ResetPassword>,
) -> AppResult<web::Json<UserDto>> {
    let id = UserId(id.into_inner());
    let answer = users::reset_password(&state.db, &state.argon2, &user, id, body.into_inner()).await;
    state.tokens.forget_all();
    answer.map(web::Json)
}

/// Disables an account: its tokens stop working at once.
#[utoipa::path(tag = "users", security(("bearer" = [])), params(("id" = i64, Path)),
    responses((status = 200, body = UserDto)))]
#[post("/users/{id}/disable")]
pub async fn disable_user(
    state: web::Data<AppState>,
    user: CurrentUser,
    id: web::Path<i64>,
) -> AppResult<web::Json<UserDto>> {
    let answer = users::set_disabled(&state.db, &user, UserId(id.into_inner()), true).await;
    state.tokens.forget_all();
    answer.map(web::Json)
}

/// Re-enables an account; tokens issued before it was disabled stay dead.
#[utoipa::path(tag = "users", security(("bearer" = [])), params(("id" = i64, Path)),
    responses((status = 200, body = UserDto)))]
#[post("/users/{id}/enable")]
pub async fn enable_user(
    state: web::Data<AppState>,
    user: CurrentUser,
    id: web::Path<i64>,
) -> AppResult<web::Json<UserDto>> {
    let answer = users::set_disabled(&state.db, &user, UserId(id.into_inner()), false).await;
    state.tokens.forget_all();
    answer.map(web::Json)
}

/// The audit trail, newest first.
#[utoipa::path(tag = "audit", security(("bearer" = [])), params(AuditQuery),
    responses((status = 200, body = Page<AuditEventDto>), (status = 403, body = jingzhun_shared::ApiError)))]
#[get("/audit-events")]
pub async fn audit_events(
    state: web::Data<AppState>,
    user: CurrentUser,
    query: web::Query<AuditQuery>,
) -> AppResult<web::Json<Page<AuditEventDto>>> {
    audit::list(&state.db, &user, query.into_inner()).await.map(web::Json)
}
