//! Who is logged in, kept in localStorage so a reload keeps the session until the token
//! expires.

use chrono::Utc;
use jingzhun_shared::org::{LoginResponse, UserDto};
use jingzhun_shared::{Api, ClientError};
use leptos::prelude::*;

const KEY: &str = "jingzhun.session";

pub fn storage() -> Option<web_sys::Storage> {
    web_sys::window().and_then(|w| w.local_storage().ok().flatten())
}

/// The logged-in user and their token, shared through context.
#[derive(Clone, Copy)]
pub struct Session {
    state: RwSignal<Option<LoginResponse>>,
}

impl Session {
    /// The saved session, unless it has expired.
    pub fn load() -> Self {
        let saved = storage()
            .and_then(|s| s.get_item(KEY).ok().flatten())
            .and_then(|text| serde_json::from_str::<LoginResponse>(&text).ok())
            .filter(|login| login.expires_at > Utc::now());
        Self { state: RwSignal::new(saved) }
    }

    pub fn user(&self) -> Option<UserDto> {
        self.state.with(|s| s.as_ref().map(|l| l.user.clone()))
    }

    pub fn is_logged_in(&self) -> bool {
        self.state.with(Option::is_some)
    }

    /// A client for this page's server, with the token when logged in.
    pub fn api(&self) -> Api {
        let api = Api::new("");
        match self.state.with_untracked(|s| s.as_ref().map(|l| l.token.clone())) {
            Some(token) => api.with_token(token),
            None => api,
        }
    }

    pub fn start(&self, login: LoginResponse) {
        if let (Some(s), Ok(text)) = (storage(), serde_json::to_string(&login)) {
            let _ = s.set_item(KEY, &text);
        }
        self.state.set(Some(login));
    }

    pub fn end(&self) {
        if let Some(s) = storage() {
            let _ = s.remove_item(KEY);
        }
        self.state.set(None);
    }

    /// Ends the session when the server says the token is no longer good, so the user is
    /// sent to log in again instead of seeing errors.
    pub fn check(&self, error: &ClientError) {
        if error.status() == Some(401) {
            self.end();
        }
    }
}

pub fn use_session() -> Session {
    expect_context::<Session>()
}
