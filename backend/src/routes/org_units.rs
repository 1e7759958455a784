//! `/api/v1/org-units`

use actix_web::{HttpResponse, get, patch, post, web};
use jingzhun_shared::OrgUnitId;
use jingzhun_shared::dto::{CreateOrgUnit, OrgUnitDto, OrgUnitNode, RenameOrgUnit};

use crate::auth::CurrentUser;
use crate::error::AppResult;
use crate::services::org::org_units;
use crate::state::AppState;

/// The caller's subtree of the org tree.
#[utoipa::path(get, path = "/api/v1/org-units", tag = "org-units", security(("bearer" = [])),
    responses((status = 200, body = OrgUnitNode)))]
#[get("/org-units")]
pub async fn tree(state: web::Data<AppState>, user: CurrentUser) -> AppResult<web::Json<OrgUnitNode>> {
    org_units::tree(&state.db, &user).await.map(web::Json)
}

/// One org unit; 404 outside the caller's subtree.
#[utoipa::path(get, path = "/api/v1/org-units/{id}", tag = "org-units", security(("bearer" = [])),
    params(("id" = i64, Path)), responses((status = 200, body = OrgUnitDto), (status = 404, body = jingzhun_shared::ApiError)))]
#[get("/org-units/{id}")]
pub async fn get(
    state: web::Data<AppState>,
    user: CurrentUser,
    id: web::Path<i64>,
) -> AppResult<web::Json<OrgUnitDto>> {
    let unit = org_units::find_visible(&state.db, &user, OrgUnitId(id.into_inner())).await?;
    Ok(web::Json(org_units::to_dto(&unit)))
}

/// Adds a township or village (admin).
#[utoipa::path(post, path = "/api/v1/org-units", tag = "org-units", security(("bearer" = [])), request_body = CreateOrgUnit,
    responses((status = 201, body = OrgUnitDto), (status = 422, body = jingzhun_shared::ApiError)))]
#[post("/org-units")]
pub async fn create(
    state: web::Data<AppState>,
    user: CurrentUser,
    body: web::Json<CreateOrgUnit>,
) -> AppResult<HttpResponse> {
    let unit = org_units::create(&state.db, &user, body.into_inner()).await?;
    Ok(HttpResponse::Created().json(unit))
}

/// Renames a unit (admin); a stale `version` is 409.
#[utoipa::path(patch, path = "/api/v1/org-units/{id}", tag = "org-units", security(("bearer" = [])), request_body = RenameOrgUnit,
    params(("id" = i64, Path)), responses((status = 200, body = OrgUnitDto), (status = 409, body = jingzhun_shared::ApiError)))]
#[patch("/org-units/{id}")]
pub async fn rename(
    state: web::Data<AppState>,
    user: CurrentUser,
    id: web::Path<i64>,
    body: web::Json<RenameOrgUnit>,
) -> AppResult<web::Json<OrgUnitDto>> {
    org_units::rename(&state.db, &user, OrgUnitId(id.into_inner()), body.into_inner()).await.map(web::Json)
}
