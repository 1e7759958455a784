//! `/api/v1/subsidy-menu`, `/api/v1/industry-subsidies`, `/api/v1/business-entities`,
//! `/api/v1/asset-investments`, `/api/v1/industry/year-settings` and `/api/v1/industry/summary`;
//! the PV stations' routes are in `pv`.

use actix_web::{HttpResponse, delete, get, post, put, web};
use jingzhun_shared::funds::RatesQuery;
use jingzhun_shared::industry::{
    AssetInvestmentDto, AssetInvestmentInput, AssetInvestmentQuery, BusinessEntityDto, BusinessEntityInput,
    BusinessEntityQuery, CreateIndustrySubsidy, IndustrySubsidyDto, IndustrySubsidyQuery, IndustrySummary,
    IndustryYearSettingDto, IndustryYearSettingInput, SubsidyMenuInput, SubsidyMenuItemDto, SubsidyMenuQuery,
};
use jingzhun_shared::page::{Page, PageQuery};
use jingzhun_shared::{BusinessEntityId, IndustrySubsidyId, SubsidyMenuItemId};
use utoipa_actix_web::service_config::ServiceConfig;

use crate::actor::CurrentUser;
use crate::error::AppResult;
use crate::routes::respond::{created, no_content};
use crate::services::industry;
use crate::state::AppState;

mod pv;

type Db = web::Data<AppState>;

pub fn routes(cfg: &mut ServiceConfig) {
    cfg.service(menu).service(create_menu_item).service(update_menu_item).service(delete_menu_item);
    cfg.service(subsidies).service(create_subsidy).service(delete_subsidy);
    cfg.service(entities).service(create_entity).service(entity).service(update_entity).service(delete_entity);
    pv::routes(cfg);
    cfg.service(year_setting).service(set_year_setting);
    cfg.service(assets).service(create_asset).service(update_asset);
    cfg.service(summary);
}

/// The subsidy menu (菜单式), by year.
#[utoipa::path(tag = "industry", security(("bearer" = [])), params(SubsidyMenuQuery),
    responses((status = 200, body = Page<SubsidyMenuItemDto>)))]
#[get("/subsidy-menu")]
pub async fn menu(
    state: Db,
    user: CurrentUser,
    query: web::Query<SubsidyMenuQuery>,
) -> AppResult<web::Json<Page<SubsidyMenuItemDto>>> {
    let query = query.into_inner();
    let page = PageQuery { page: query.page, per_page: query.per_page };
    Ok(web::Json(Page::from_all(industry::menu(&state.db, &user, query).await?, page)))
}

#[utoipa::path(tag = "industry", security(("bearer" = [])), request_body = SubsidyMenuInput,
    responses((status = 201, body = SubsidyMenuItemDto), (status = 422, body = jingzhun_shared::ApiError)))]
#[post("/subsidy-menu")]
pub async fn create_menu_item(
    state: Db,
    user: CurrentUser,
    body: web::Json<SubsidyMenuInput>,
) -> AppResult<HttpResponse> {
    Ok(created(industry::create_menu_item(&state.db, &user, body.into_inner()).await?))
}

#[utoipa::path(tag = "industry", security(("bearer" = [])), params(("id" = i64, Path)),
    request_body = SubsidyMenuInput, responses((status = 200, body = SubsidyMenuItemDto), (status = 409, body = jingzhun_shared::ApiError)))]
#[put("/subsidy-menu/{id}")]
pub async fn update_menu_item(
    state: Db,
    user: CurrentUser,
    id: web::Path<i64>,
    body: web::Json<SubsidyMenuInput>,
) -> AppResult<web::Json<SubsidyMenuItemDto>> {
    industry::update_menu_item(&state.db, &user, SubsidyMenuItemId(id.into_inner()), body.into_inner())
        .await
        .map(web::Json)
}

/// Deletes a menu entry no subsidy uses; 409 otherwise.
#[utoipa::path(tag = "industry", security(("bearer" = [])), params(("id" = i64, Path)),
    responses((status = 204), (status = 409, body = jingzhun_shared::ApiError)))]
#[delete("/subsidy-menu/{id}")]
pub async fn delete_menu_item(state: Db, user: CurrentUser, id: web::Path<i64>) -> AppResult<HttpResponse> {
    industry::delete_menu_item(&state.db, &user, SubsidyMenuItemId(id.into_inner())).await?;
    Ok(no_content())
}

/// Subsidies paid to households, by year, household, item and unit.
#[utoipa::path(tag = "industry", security(("bearer" = [])), params(IndustrySubsidyQuery),
    responses((status = 200, body = Page<IndustrySubsidyDto>)))]
#[get("/industry-subsidies")]
pub async fn subsidies(
    state: Db,
    user: CurrentUser,
    query: web::Query<IndustrySubsidyQuery>,
) -> AppResult<web::Json<Page<IndustrySubsidyDto>>> {
    industry::subsidies(&state.db, &user, query.into_inner()).await.map(web::Json)
}

/// Pays a subsidy from the menu; the amount is computed (quantity × standard, within the cap).
#[utoipa::path(tag = "industry", security(("bearer" = [])),
    request_body = CreateIndustrySubsidy,
    responses((status = 201, body = IndustrySubsidyDto), (status = 422, body = jingzhun_shared::ApiError)))]
#[post("/industry-subsidies")]
pub async fn create_subsidy(
    state: Db,
    user: CurrentUser,
    body: web::Json<CreateIndustrySubsidy>,
) -> AppResult<HttpResponse> {
    Ok(created(industry::create_subsidy(&state.db, &user, body.into_inner()).await?))
}

#[utoipa::path(tag = "industry", security(("bearer" = [])),
    params(("id" = i64, Path)), responses((status = 204)))]
#[delete("/industry-subsidies/{id}")]
pub async fn delete_subsidy(state: Db, user: CurrentUser, id: web::Path<i64>) -> AppResult<HttpResponse> {
    industry::delete_subsidy(&state.db, &user, IndustrySubsidyId(id.into_inner())).await?;
    Ok(no_content())
}

#[utoipa::path(tag = "industry", security(("bearer" = [])), params(BusinessEntityQuery),
    responses((status = 200, body = Page<BusinessEntityDto>)))]
#[get("/business-entities")]
pub async fn entities(
    state: Db,
    user: CurrentUser,
    query: web::Query<BusinessEntityQuery>,
) -> AppResult<web::Json<Page<BusinessEntityDto>>> {
    industry::entities(&state.db, &user, query.into_inner()).await.map(web::Json)
}

#[utoipa::path(tag = "industry", security(("bearer" = [])),
    request_body = BusinessEntityInput,
    responses((status = 201, body = BusinessEntityDto), (status = 422, body = jingzhun_shared::ApiError)))]
#[post("/business-entities")]
pub async fn create_entity(
    state: Db,
    user: CurrentUser,
    body: web::Json<BusinessEntityInput>,
) -> AppResult<HttpResponse> {
    Ok(created(industry::save_entity(&state.db, &user, None, body.into_inner()).await?))
}

#[utoipa::path(tag = "industry", security(("bearer" = [])),
    params(("id" = i64, Path)), responses((status = 200, body = BusinessEntityDto)))]
#[get("/business-entities/{id}")]
pub async fn entity(state: Db, user: CurrentUser, id: web::Path<i64>) -> AppResult<web::Json<BusinessEntityDto>> {
    industry::entity(&state.db, &user, BusinessEntityId(id.into_inner())).await.map(web::Json)
}

#[utoipa::path(tag = "industry", security(("bearer" = [])),
    params(("id" = i64, Path)), request_body = BusinessEntityInput,
    responses((status = 200, body = BusinessEntityDto), (status = 409, body = jingzhun_shared::ApiError)))]
#[put("/business-entities/{id}")]
pub async fn update_entity(
    state: Db,
    user: CurrentUser,
    id: web::Path<i64>,
    body: web::Json<BusinessEntityInput>,
) -> AppResult<web::Json<BusinessEntityDto>> {
    let id = Some(BusinessEntityId(id.into_inner()));
    industry::save_entity(&state.db, &user, id, body.into_inner()).await.map(web::Json)
}

#[utoipa::path(tag = "industry", security(("bearer" = [])),
    params(("id" = i64, Path)), responses((status = 204)))]
#[delete("/business-entities/{id}")]
pub async fn delete_entity(state: Db, user: CurrentUser, id: web::Path<i64>) -> AppResult<HttpResponse> {
    industry::delete_entity(&state.db, &user, BusinessEntityId(id.into_inner())).await?;
    Ok(no_content())
}

/// The year's industry settings: the cap per household across all menu items.
#[utoipa::path(tag = "industry", security(("bearer" = [])),
    params(("year" = i32, Path)), responses((status = 200, body = IndustryYearSettingDto)))]
#[get("/industry/year-settings/{year}")]
pub async fn year_setting(
    state: Db,
    user: CurrentUser,
    year: web::Path<i32>,
) -> AppResult<web::Json<IndustryYearSettingDto>> {
    industry::year_setting(&state.db, &user, year.into_inner()).await.map(web::Json)
}

/// Sets the year's cap per household across all menu items (admin, district official).
#[utoipa::path(tag = "industry", security(("bearer" = [])),
    params(("year" = i32, Path)), request_body = IndustryYearSettingInput,
    responses((status = 200, body = IndustryYearSettingDto), (status = 409, body = jingzhun_shared::ApiError),
        (status = 422, body = jingzhun_shared::ApiError)))]
#[put("/industry/year-settings/{year}")]
pub async fn set_year_setting(
    state: Db,
    user: CurrentUser,
    year: web::Path<i32>,
    body: web::Json<IndustryYearSettingInput>,
) -> AppResult<web::Json<IndustryYearSettingDto>> {
    industry::set_year_setting(&state.db, &user, year.into_inner(), body.into_inner()).await.map(web::Json)
}

/// A year's asset-income investments in a subtree.
#[utoipa::path(tag = "industry", security(("bearer" = [])), params(AssetInvestmentQuery),
    responses((status = 200, body = Page<AssetInvestmentDto>)))]
#[get("/asset-investments")]
pub async fn assets(
    state: Db,
    user: CurrentUser,
    query: web::Query<AssetInvestmentQuery>,
) -> AppResult<web::Json<Page<AssetInvestmentDto>>> {
    let query = query.into_inner();
    let page = PageQuery { page: query.page, per_page: query.per_page };
    let scope = RatesQuery { year: query.year, as_of: None, org_unit_id: query.org_unit_id };
    Ok(web::Json(Page::from_all(industry::assets(&state.db, &user, scope).await?, page)))
}

#[utoipa::path(tag = "industry", security(("bearer" = [])),
    request_body = AssetInvestmentInput,
    responses((status = 201, body = AssetInvestmentDto), (status = 422, body = jingzhun_shared::ApiError)))]
#[post("/asset-investments")]
pub async fn create_asset(
    state: Db,
    user: CurrentUser,
    body: web::Json<AssetInvestmentInput>,
) -> AppResult<HttpResponse> {
    Ok(created(industry::save_asset(&state.db, &user, None, body.into_inner()).await?))
}

#[utoipa::path(tag = "industry", security(("bearer" = [])),
    params(("id" = i64, Path)), request_body = AssetInvestmentInput,
    responses((status = 200, body = AssetInvestmentDto), (status = 409, body = jingzhun_shared::ApiError)))]
#[put("/asset-investments/{id}")]
pub async fn update_asset(
    state: Db,
    user: CurrentUser,
    id: web::Path<i64>,
    body: web::Json<AssetInvestmentInput>,
) -> AppResult<web::Json<AssetInvestmentDto>> {
    industry::save_asset(&state.db, &user, Some(id.into_inner()), body.into_inner()).await.map(web::Json)
}

/// Industry figures of a year: coverage of villages and households, entities, PV, assets.
#[utoipa::path(tag = "industry", security(("bearer" = [])), params(RatesQuery),
    responses((status = 200, body = IndustrySummary)))]
#[get("/industry/summary")]
pub async fn summary(
    state: Db,
    user: CurrentUser,
    query: web::Query<RatesQuery>,
) -> AppResult<web::Json<IndustrySummary>> {
    industry::summary(&state.db, &user, query.into_inner()).await.map(web::Json)
}
