//! The save hook: one place for what every form shows about a save — pending, a message, the
//! server's field errors — so a page only says what to send and what to do when it worked.

use std::future::Future;

use jingzhun_shared::{ClientError, FieldErrors};
use leptos::prelude::*;

use crate::components::show_save_error;
use crate::i18n::use_i18n;
use crate::session::use_session;

/// An `Action` with its outcome: `errors` (a 422's messages by field) and `message` (anything
/// else, or what `on_ok` wants said after a success).
pub struct Save<I: 'static, O: 'static> {
    action: Action<I, Result<O, ClientError>>,
    pub errors: RwSignal<FieldErrors>,
    pub message: RwSignal<Option<String>>,
}

impl<I: 'static, O: 'static> Clone for Save<I, O> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<I: 'static, O: 'static> Copy for Save<I, O> {}

/// Runs `run` on dispatch; on success clears the errors and shows what `on_ok` returns, on
/// failure shows the server's answer (a 401 also ends the session).
pub fn use_save<I, O, F, Fut>(run: F, on_ok: impl Fn(O) -> Option<String> + 'static) -> Save<I, O>
where
    I: Clone + Send + Sync + 'static,
    O: Clone + Send + Sync + 'static,
    F: Fn(I) -> Fut + 'static,
    Fut: Future<Output = Result<O, ClientError>> + 'static,
{
    let session = use_session();
    let i18n = use_i18n();
    let errors = RwSignal::new(FieldErrors::new());
    let message = RwSignal::new(None::<String>);
    let action = Action::new_local(move |input: &I| run(input.clone()));
    Effect::new(move |_| match action.value().get() {
        Some(Ok(out)) => {
            errors.set(FieldErrors::new());
            message.set(on_ok(out));
        }
        Some(Err(e)) => {
            session.check(&e);
            show_save_error(&i18n, &e, errors, message);
        }
        None => {}
    });
    Save { action, errors, message }
}

impl<I: Clone + Send + Sync + 'static, O: Clone + Send + Sync + 'static> Save<I, O> {
    /// Sends `input`, clearing what the last attempt said.
    pub fn dispatch(&self, input: I) {
        self.message.set(None);
        self.errors.set(FieldErrors::new());
        self.action.dispatch(input);
    }

    /// Sends `input` when `check` (the request's own `parse` from shared, the server's first
    /// step too) finds nothing wrong; otherwise shows every field error at once, unsent.
    pub fn dispatch_parsed<V>(&self, input: I, check: impl FnOnce(&I) -> Result<V, FieldErrors>) {
        match check(&input) {
            Ok(_) => self.dispatch(input),
            Err(errors) => {
                self.message.set(None);
                self.errors.set(errors);
            }
        }
    }

    pub fn pending(&self) -> bool {
        self.action.pending().get()
    }

    /// The server's first message for `field` (reactive), for a [`Field`](super::field::Field).
    pub fn field(&self, field: &'static str) -> Signal<Option<String>> {
        let errors = self.errors;
        Signal::derive(move || errors.with(|e| e.get(field).and_then(|m| m.first().cloned())))
    }

    /// One line for forms without a field per error: the message, else the first field error.
    pub fn summary(&self) -> String {
        let first_field = || self.errors.with(|e| e.values().next().and_then(|m| m.first().cloned()));
        self.message.get().or_else(first_field).unwrap_or_default()
    }
}
