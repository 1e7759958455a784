//! The Jingzhun browser app: Leptos, rendered on the client, talking to the server only
//! through `shared`'s typed client. Chinese first, usable at 360 px on a phone.

mod components;
mod download;
mod i18n;
mod pages;
mod session;

use leptos::prelude::*;
use leptos_router::components::{Redirect, Route, Router, Routes};
use leptos_router::path;
use wasm_bindgen::prelude::wasm_bindgen;

use crate::components::shell::Shell;
use crate::i18n::I18n;
use crate::session::Session;

/// Every client-side path, in one place.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Page {
    Login,
    Home,
    OrgUnits,
    Users,
    Audit,
    Households,
    Applications,
    Funds,
}

impl Page {
    pub fn path(self) -> &'static str {
        match self {
            Page::Login => "/login",
            Page::Home => "/",
            Page::OrgUnits => "/org-units",
            Page::Users => "/users",
            Page::Audit => "/audit",
            Page::Households => "/households",
            Page::Applications => "/applications",
            Page::Funds => "/funds",
        }
    }
}

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
            <Routes fallback=|| view! { <Redirect path=Page::Home.path()/> }>
                <Route path=path!("/login") view=pages::login::LoginPage/>
                <Route path=path!("/") view=|| view! { <Shell><pages::home::HomePage/></Shell> }/>
                <Route path=path!("/org-units") view=|| view! { <Shell><pages::org_units::OrgUnitsPage/></Shell> }/>
                <Route path=path!("/users") view=|| view! { <Shell><pages::users::UsersPage/></Shell> }/>
                <Route path=path!("/audit") view=|| view! { <Shell><pages::audit::AuditPage/></Shell> }/>
                <Route path=path!("/households") view=|| view! { <Shell><pages::households::HouseholdsPage/></Shell> }/>
                <Route path=path!("/households/import") view=|| view! { <Shell><pages::import::ImportPage/></Shell> }/>
                <Route path=path!("/households/new") view=|| view! { <Shell><pages::households::NewHouseholdPage/></Shell> }/>
                <Route path=path!("/households/:id") view=|| view! { <Shell><pages::household::HouseholdPage/></Shell> }/>
                <Route path=path!("/funds") view=|| view! { <Shell><pages::funds::FundsPage/></Shell> }/>
                <Route path=path!("/funds/batches/:id") view=|| view! { <Shell><pages::batch::BatchPage/></Shell> }/>
                <Route path=path!("/funds/projects/:id") view=|| view! { <Shell><pages::project::ProjectPage/></Shell> }/>
                <Route path=path!("/applications") view=|| view! { <Shell><pages::applications::ApplicationsPage/></Shell> }/>
            </Routes>
        </Router>
    }
}
