//! Who is logged in. The session is kept in localStorage ([`jingzhun_login::saved`], which the
//! login module writes), so a reload keeps it until the token expires.

use jingzhun_login::saved;
use jingzhun_shared::org::{LoginResponse, UserDto};
use jingzhun_shared::{Api, ClientError};
use leptos::prelude::*;

/// The logged-in user and their token, shared through context.
#[derive(Clone, Copy)]
pub struct Session {
    state: RwSignal<Option<LoginResponse>>,
}

impl Session {
    /// The saved session, unless it has expired.
    pub fn load() -> Self {
        Self { state: RwSignal::new(saved::load()) }
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
        saved::save(&login);
        self.state.set(Some(login));
    }

    pub fn end(&self) {
        saved::forget();
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
