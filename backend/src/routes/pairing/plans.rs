//! `/api/v1/assistance-plans`: households' assistance plans by item.

use actix_web::{HttpResponse, delete, get, post, web};
use jingzhun_shared::AssistancePlanId;
use jingzhun_shared::page::Page;
use jingzhun_shared::pairing::{CreatePlanItem, MarkPlanDone, PlanItemDto, PlanQuery};
use utoipa_actix_web::service_config::ServiceConfig;

use crate::actor::CurrentUser;
use crate::error::AppResult;
use crate::routes::respond::{created, no_content};
use crate::services::pairing::plans;
use crate::state::AppState;

type Db = web::Data<AppState>;

pub fn routes(cfg: &mut ServiceConfig) {
    cfg.service(list_plan_items).service(create_plan_item).service(mark_plan_done).service(delete_plan_item);
}

/// Plan items: a cadre account its own households', others those of their subtree.
#[utoipa::path(tag = "pairing", security(("bearer" = [])), params(PlanQuery),
    responses((status = 200, body = Page<PlanItemDto>)))]
#[get("/assistance-plans")]
pub async fn list_plan_items(
    state: Db,
    user: CurrentUser,
    query: web::Query<PlanQuery>,
) -> AppResult<web::Json<Page<PlanItemDto>>> {
    plans::list(&state.db, &user, query.into_inner()).await.map(web::Json)
}

/// One item of a household's plan for a year; the same item twice in a year is 409.
#[utoipa::path(tag = "pairing", security(("bearer" = [])), request_body = CreatePlanItem,
    responses((status = 201, body = PlanItemDto), (status = 404, body = jingzhun_shared::ApiError),
        (status = 409, body = jingzhun_shared::ApiError), (status = 422, body = jingzhun_shared::ApiError)))]
#[post("/assistance-plans")]
pub async fn create_plan_item(
    state: Db,
    user: CurrentUser,
    body: web::Json<CreatePlanItem>,
) -> AppResult<HttpResponse> {
    Ok(created(plans::create(&state.db, &user, body.into_inner()).await?))
}

/// Marks an item done on a day up to today; once done it stays (409).
#[utoipa::path(tag = "pairing", security(("bearer" = [])), params(("id" = i64, Path)), request_body = MarkPlanDone,
    responses((status = 200, body = PlanItemDto), (status = 409, body = jingzhun_shared::ApiError),
        (status = 422, body = jingzhun_shared::ApiError)))]
#[post("/assistance-plans/{id}/done")]
pub async fn mark_plan_done(
    state: Db,
    user: CurrentUser,
    id: web::Path<i64>,
    body: web::Json<MarkPlanDone>,
) -> AppResult<web::Json<PlanItemDto>> {
    let id = AssistancePlanId(id.into_inner());
    plans::mark_done(&state.db, &user, id, body.into_inner()).await.map(web::Json)
}

/// Deletes an item not done yet (409 once done).
#[utoipa::path(tag = "pairing", security(("bearer" = [])), params(("id" = i64, Path)),
    responses((status = 204), (status = 409, body = jingzhun_shared::ApiError)))]
#[delete("/assistance-plans/{id}")]
pub async fn delete_plan_item(state: Db, user: CurrentUser, id: web::Path<i64>) -> AppResult<HttpResponse> {
    plans::delete(&state.db, &user, AssistancePlanId(id.into_inner())).await?;
    Ok(no_content())
}
