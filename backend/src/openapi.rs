//! The OpenAPI description served at `/api/v1/openapi.json`; a route missing here is a bug
//! (a test compares this list with the routes the server answers).

use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa::{Modify, OpenApi};

use crate::routes;

#[derive(OpenApi)]
#[openapi(
    info(title = "Jingzhun (精准) API", description = "District poverty-alleviation information system."),
    paths(
        routes::health::healthz,
        routes::health::openapi_json,
        routes::auth::login,
        routes::auth::me,
        routes::org_units::tree,
        routes::org_units::get,
        routes::org_units::create,
        routes::org_units::rename,
        routes::users::list,
        routes::users::create,
        routes::users::disable,
        routes::users::enable,
        routes::audit::list,
        routes::households::list,
        routes::households::create,
        routes::households::get,
        routes::households::update,
        routes::households::members,
        routes::households::add_member,
        routes::households::income_records,
        routes::households::record_income,
        routes::households::import,
        routes::households::import_progress,
        routes::households::import_template,
        routes::households::export,
        routes::applications::list,
        routes::applications::create,
        routes::applications::get,
        routes::applications::advance,
        routes::applications::reject,
        routes::registry::overview,
        routes::settings::poverty_lines,
        routes::settings::set_poverty_line,
        routes::funds::batches,
        routes::funds::create_batch,
        routes::funds::batch,
        routes::funds::delete_batch,
        routes::funds::ledger,
        routes::funds::projects,
        routes::funds::create_project,
        routes::funds::project,
        routes::funds::update_project,
        routes::funds::delete_project,
        routes::funds::expenditures,
        routes::funds::add_expenditure,
        routes::funds::delete_expenditure,
        routes::funds::expenditure_template,
        routes::funds::rates,
        routes::funds::by_kind,
        routes::funds::import_expenditures,
        routes::industry::menu,
        routes::industry::create_menu_item,
        routes::industry::update_menu_item,
        routes::industry::delete_menu_item,
        routes::industry::subsidies,
        routes::industry::create_subsidy,
        routes::industry::delete_subsidy,
        routes::industry::entities,
        routes::industry::create_entity,
        routes::industry::entity,
        routes::industry::update_entity,
        routes::industry::delete_entity,
        routes::industry::stations,
        routes::industry::create_station,
        routes::industry::station,
        routes::industry::update_station,
        routes::industry::delete_station,
        routes::industry::dividends,
        routes::industry::add_dividend,
        routes::industry::assets,
        routes::industry::create_asset,
        routes::industry::update_asset,
        routes::industry::summary,
    ),
    modifiers(&BearerAuth)
)]
pub struct ApiDoc;

struct BearerAuth;

impl Modify for BearerAuth {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "bearer",
            SecurityScheme::Http(HttpBuilder::new().scheme(HttpAuthScheme::Bearer).bearer_format("JWT").build()),
        );
    }
}
