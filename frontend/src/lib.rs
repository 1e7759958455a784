//! The Jingzhun browser app: Leptos, rendered on the client, talking to the server only
//! through `shared`'s typed client. Chinese first, usable at 360 px on a phone.

mod components;
mod download;
mod page;
mod pages;
mod session;

use jingzhun_login::i18n;
use leptos::prelude::*;
use leptos_router::components::{Route, Router, Routes};
use leptos_router::path;
use wasm_bindgen::prelude::wasm_bindgen;

use crate::components::shell::Shell;
use crate::i18n::I18n;
pub use crate::page::Page;
use crate::pages::{applications, credit, funds, industry, org, registry};
use crate::session::Session;

/// Entry point, called by the wasm-bindgen glue once the module is loaded.
#[wasm_bindgen(start)]
pub fn start() {
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(App);
}

#[component]
fn App() -> impl IntoView {
    provide_context(I18n::load());
    provide_context(Session::load());
    view! {
        <Router>
            <Routes fallback=|| view! { <Shell><pages::home::NotFoundPage/></Shell> }>
                <Route path=path!("/login") view=pages::login::LoginPage/>
                <Route path=path!("/") view=|| view! { <Shell><pages::home::HomePage/></Shell> }/>
                <Route path=path!("/org-units") view=|| view! { <Shell><org::OrgUnitsPage/></Shell> }/>
                <Route path=path!("/users") view=|| view! { <Shell><org::UsersPage/></Shell> }/>
                <Route path=path!("/audit") view=|| view! { <Shell><org::AuditPage/></Shell> }/>
                <Route path=path!("/password") view=|| view! { <Shell><org::PasswordPage/></Shell> }/>
                <Route path=path!("/households") view=|| view! { <Shell><registry::HouseholdsPage/></Shell> }/>
                <Route path=path!("/households/import") view=|| view! { <Shell><registry::ImportPage/></Shell> }/>
                <Route path=path!("/households/new") view=|| view! { <Shell><registry::NewHouseholdPage/></Shell> }/>
                <Route path=path!("/households/:id") view=|| view! { <Shell><registry::HouseholdPage/></Shell> }/>
                <Route path=path!("/funds") view=|| view! { <Shell><funds::FundsPage/></Shell> }/>
                <Route path=path!("/funds/batches/:id") view=|| view! { <Shell><funds::BatchPage/></Shell> }/>
                <Route path=path!("/funds/projects") view=|| view! { <Shell><funds::ProjectsPage/></Shell> }/>
                <Route path=path!("/funds/projects/:id") view=|| view! { <Shell><funds::ProjectPage/></Shell> }/>
                <Route path=path!("/industry/pv-stations") view=|| view! { <Shell><industry::PvStationsPage/></Shell> }/>
                <Route path=path!("/industry/pv-stations/:id") view=|| view! { <Shell><industry::PvStationPage/></Shell> }/>
                <Route path=path!("/education") view=|| view! { <Shell><pages::education::EducationPage/></Shell> }/>
                <Route path=path!("/employment") view=|| view! { <Shell><pages::employment::EmploymentPage/></Shell> }/>
                <Route path=path!("/housing") view=|| view! { <Shell><pages::housing::HousingPage/></Shell> }/>
                <Route path=path!("/social-security") view=|| view! { <Shell><pages::social_security::SocialSecurityPage/></Shell> }/>
                <Route path=path!("/ecology") view=|| view! { <Shell><pages::ecology::EcologyPage/></Shell> }/>
                <Route path=path!("/credit/loans") view=|| view! { <Shell><credit::LoansPage/></Shell> }/>
                <Route path=path!("/credit/loans/import") view=|| view! { <Shell><credit::ImportLoansPage/></Shell> }/>
                <Route path=path!("/credit/loans/:id") view=|| view! { <Shell><credit::LoanPage/></Shell> }/>
                <Route path=path!("/credit/loans/new/:id") view=|| view! { <Shell><credit::NewLoanPage/></Shell> }/>
                <Route path=path!("/credit/subsidy-batches") view=|| view! { <Shell><credit::SubsidyBatchesPage/></Shell> }/>
                <Route path=path!("/health") view=|| view! { <Shell><pages::health::HealthFiguresPage/></Shell> }/>
                <Route path=path!("/health/signings") view=|| view! { <Shell><pages::health::SigningsPage/></Shell> }/>
                <Route path=path!("/health/members/:id") view=|| view! { <Shell><pages::health::HealthPersonPage/></Shell> }/>
                <Route path=path!("/health/import") view=|| view! { <Shell><pages::health::HealthImportPage/></Shell> }/>
                <Route path=path!("/health/premiums") view=|| view! { <Shell><pages::health::PremiumsPage/></Shell> }/>
                <Route path=path!("/applications") view=|| view! { <Shell><applications::ApplicationsPage/></Shell> }/>
                <Route path=path!("/villages/:id") view=|| view! { <Shell><pages::villages::VillagePage/></Shell> }/>
                <Route path=path!("/reports/annual") view=|| view! { <Shell><pages::reports::AnnualReportPage/></Shell> }/>
                <Route path=path!("/pairing") view=|| view! { <Shell><pages::pairing::PairingPage/></Shell> }/>
                <Route path=path!("/pairing/donations") view=|| view! { <Shell><pages::pairing::DonationsPage/></Shell> }/>
                <Route path=path!("/visits") view=|| view! { <Shell><pages::pairing::VisitsPage/></Shell> }/>
                <Route path=path!("/work-teams") view=|| view! { <Shell><pages::pairing::WorkTeamsPage/></Shell> }/>
                <Route path=path!("/rectification") view=|| view! { <Shell><pages::oversight::RectificationPage/></Shell> }/>
                <Route path=path!("/rectification/problems/:id") view=|| view! { <Shell><pages::oversight::ProblemPage/></Shell> }/>
                <Route path=path!("/warnings") view=|| view! { <Shell><pages::warnings::WarningsPage/></Shell> }/>
            </Routes>
        </Router>
    }
}
