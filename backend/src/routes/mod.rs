//! HTTP only: parse the request, call a service, answer. Every route is wired here, in one
//! place, and described in the OpenAPI document.

pub mod applications;
pub mod audit;
pub mod auth;
pub mod extract;
pub mod funds;
pub mod health;
pub mod households;
pub mod industry;
pub mod org_units;
pub mod registry;
pub mod settings;
pub mod users;

use actix_web::web;

use crate::error::AppError;

/// Mounts `/api/v1/…` (the caller adds `/healthz` and the frontend).
pub fn api(cfg: &mut web::ServiceConfig) {
    cfg.service(
        web::scope("/api/v1")
            .service(health::openapi_json)
            .service(auth::login)
            .service(auth::me)
            .service(org_units::tree)
            .service(org_units::create)
            .service(org_units::get)
            .service(org_units::rename)
            .service(users::list)
            .service(users::create)
            .service(users::disable)
            .service(users::enable)
            .service(audit::list)
            .service(households::import_template)
            .service(households::export)
            .service(households::import_progress)
            .service(
                web::resource("/households/import")
                    .app_data(web::PayloadConfig::new(households::IMPORT_LIMIT))
                    .route(web::post().to(households::import)),
            )
            .service(households::list)
            .service(households::create)
            .service(households::get)
            .service(households::update)
            .service(households::members)
            .service(households::add_member)
            .service(households::income_records)
            .service(households::record_income)
            .service(applications::list)
            .service(applications::create)
            .service(applications::get)
            .service(applications::advance)
            .service(applications::reject)
            .service(registry::overview)
            .service(settings::poverty_lines)
            .service(settings::set_poverty_line)
            .service(funds::expenditure_template)
            .service(
                web::resource("/expenditures/import")
                    .app_data(web::PayloadConfig::new(households::IMPORT_LIMIT))
                    .route(web::post().to(funds::import_expenditures)),
            )
            .service(funds::batches)
            .service(funds::create_batch)
            .service(funds::batch)
            .service(funds::delete_batch)
            .service(funds::ledger)
            .service(funds::projects)
            .service(funds::create_project)
            .service(funds::project)
            .service(funds::update_project)
            .service(funds::delete_project)
            .service(funds::expenditures)
            .service(funds::add_expenditure)
            .service(funds::delete_expenditure)
            .service(funds::rates)
            .service(funds::by_kind)
            .service(industry::menu)
            .service(industry::create_menu_item)
            .service(industry::update_menu_item)
            .service(industry::delete_menu_item)
            .service(industry::subsidies)
            .service(industry::create_subsidy)
            .service(industry::delete_subsidy)
            .service(industry::entities)
            .service(industry::create_entity)
            .service(industry::entity)
            .service(industry::update_entity)
            .service(industry::delete_entity)
            .service(industry::stations)
            .service(industry::create_station)
            .service(industry::station)
            .service(industry::update_station)
            .service(industry::delete_station)
            .service(industry::dividends)
            .service(industry::add_dividend)
            .service(industry::assets)
            .service(industry::create_asset)
            .service(industry::update_asset)
            .service(industry::summary)
            .default_service(web::to(not_found)),
    );
}

/// Unknown API paths answer in the wire format, never with the frontend's index.html.
async fn not_found() -> Result<actix_web::HttpResponse, AppError> {
    Err(AppError::NotFound)
}
