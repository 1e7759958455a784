//! `/api/v1/households/{id}/benefits`: what a household received in a year across projects.

use actix_web::{get, web};
use jingzhun_shared::HouseholdId;
use jingzhun_shared::benefits::{BenefitsQuery, HouseholdBenefits};
use utoipa_actix_web::service_config::ServiceConfig;

use crate::actor::CurrentUser;
use crate::error::AppResult;
use crate::services::benefits;
use crate::state::AppState;

pub fn routes(cfg: &mut ServiceConfig) {
    cfg.service(household_benefits);
}

/// Everything the household received in the year (the caller's current year by default),
/// line by line, with totals per project and in all.
#[utoipa::path(tag = "benefits", security(("bearer" = [])), params(("id" = i64, Path), BenefitsQuery),
    responses((status = 200, body = HouseholdBenefits), (status = 404, body = jingzhun_shared::ApiError)))]
#[get("/households/{id}/benefits")]
pub async fn household_benefits(
    state: web::Data<AppState>,
    user: CurrentUser,
    id: web::Path<i64>,
    query: web::Query<BenefitsQuery>,
) -> AppResult<web::Json<HouseholdBenefits>> {
    benefits::household_benefits(&state.db, &user, HouseholdId(id.into_inner()), query.into_inner())
        .await
        .map(web::Json)
}
