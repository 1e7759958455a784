//! The session kept in localStorage, so a reload (or the app loading after the login module)
//! finds it until the token expires.

use chrono::Utc;
use jingzhun_shared::org::LoginResponse;

/// The localStorage key; the app's `boot.js` reads the same key before loading the app.
pub const KEY: &str = "jingzhun.session";

pub fn storage() -> Option<web_sys::Storage> {
    web_sys::window().and_then(|w| w.local_storage().ok().flatten())
}

/// The saved session, unless there is none, it has no token or it has expired (the same rule as
/// the app's `boot.js`).
pub fn load() -> Option<LoginResponse> {
    storage()
        .and_then(|s| s.get_item(KEY).ok().flatten())
        .and_then(|text| serde_json::from_str::<LoginResponse>(&text).ok())
        .filter(|login| !login.token.is_empty() && login.expires_at > Utc::now())
}

pub fn save(login: &LoginResponse) {
    if let (Some(s), Ok(text)) = (storage(), serde_json::to_string(login)) {
        let _ = s.set_item(KEY, &text);
    }
}

pub fn forget() {
    if let Some(s) = storage() {
        let _ = s.remove_item(KEY);
    }
}
