//! `/api/v1/audit-events` (admin, auditor)

use actix_web::{get, web};
use jingzhun_shared::dto::{AuditEventDto, AuditQuery, Page};

use crate::auth::CurrentUser;
use crate::error::AppResult;
use crate::services::org::audit;
use crate::state::AppState;

/// The audit trail, newest first.
#[utoipa::path(get, path = "/api/v1/audit-events", tag = "audit", security(("bearer" = [])), params(AuditQuery),
    responses((status = 200, body = Page<AuditEventDto>), (status = 403, body = jingzhun_shared::ApiError)))]
#[get("/audit-events")]
pub async fn list(
    state: web::Data<AppState>,
    user: CurrentUser,
    query: web::Query<AuditQuery>,
) -> AppResult<web::Json<Page<AuditEventDto>>> {
    audit::list(&state.db, &user, query.into_inner()).await.map(web::Json)
}
