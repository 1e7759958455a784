//! The login module's entry point: the form alone, then the app at the page the user asked for.

use jingzhun_shared::org::after_login;
use leptos::prelude::*;
use wasm_bindgen::prelude::wasm_bindgen;

use crate::form::LoginForm;
use crate::i18n::I18n;
use crate::saved;

/// Called by the wasm-bindgen glue once the module is loaded.
#[wasm_bindgen(start)]
pub fn start() {
    console_error_panic_hook::set_once();
    if saved::load().is_some() {
        open_app();
        return;
    }
    leptos::mount::mount_to_body(|| {
        provide_context(I18n::load());
        view! {
            <LoginForm on_login=|login| {
                saved::save(&login);
                open_app();
            }/>
        }
    });
}

/// Replaces this page with the app at `?next=` when it is a page of this site, else at home.
fn open_app() {
    let Some(location) = web_sys::window().map(|w| w.location()) else { return };
    let next = location
        .search()
        .ok()
        .and_then(|search| web_sys::UrlSearchParams::new_with_str(&search).ok())
        .and_then(|params| params.get("next"));
    let _ = location.replace(after_login(next.as_deref()));
}
