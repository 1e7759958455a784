//! Log in inside the running app (its session ended while it was open). A first visit never
//! gets here: `boot.js` sends it to the login module, which is a small fraction of the app.

use jingzhun_login::form::LoginForm;
use leptos::prelude::*;
use leptos_router::components::Redirect;

use crate::Page;
use crate::session::use_session;

#[component]
pub fn LoginPage() -> impl IntoView {
    let session = use_session();
    move || {
        if session.is_logged_in() {
            return view! { <Redirect path=Page::Home.href()/> }.into_any();
        }
        view! { <LoginForm on_login=move |login| session.start(login)/> }.into_any()
    }
}
