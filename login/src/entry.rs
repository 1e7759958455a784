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
        if !came_back() {
            open_app();
            return;
        }
        // The app's page sent the saved session back (it reads it otherwise): drop it, so the
        // two pages do not send the visit to each other for ever.
        saved::forget();
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

/// Noted in sessionStorage when this module opens the app with a saved session; the app's
/// `boot.js` removes it when it takes the session.
const FORWARDED: &str = "jingzhun.forwarded";

fn session_storage() -> Option<web_sys::Storage> {
    web_sys::window().and_then(|w| w.session_storage().ok().flatten())
}

/// Whether the app was opened from here with a saved session and sent the visit back.
fn came_back() -> bool {
    let Some(storage) = session_storage() else { return false };
    let noted = storage.get_item(FORWARDED).ok().flatten().is_some();
    let _ = storage.remove_item(FORWARDED);
    noted
}

/// Replaces this page with the app at `?next=` when it is a page of this site, else at home.
fn open_app() {
    let Some(location) = web_sys::window().map(|w| w.location()) else { return };
    if let Some(storage) = session_storage() {
        let _ = storage.set_item(FORWARDED, "1");
    }
    let next = location
        .search()
        .ok()
        .and_then(|search| web_sys::UrlSearchParams::new_with_str(&search).ok())
        .and_then(|params| params.get("next"));
    let _ = location.replace(after_login(next.as_deref()));
}
