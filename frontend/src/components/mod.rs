//! Pieces pages are built from; they take props and own no server data.

pub mod attachments;
pub mod chart;
pub mod enum_select;
pub mod file_import;
pub mod household_picker;
pub mod list;
pub mod loaded;
pub mod locate;
pub mod member_picker;
pub mod pager;
pub mod photos;
pub mod save;
pub mod shell;

pub use jingzhun_login::errors::error_text;
pub use jingzhun_login::field;

use jingzhun_shared::{ClientError, Fen, FieldErrors};
use leptos::prelude::*;

use crate::i18n::I18n;
use crate::session::Session;

/// 万元 with up to four decimals, as the office writes it (1013.7, 440.039).
pub fn wan(fen: Fen) -> String {
    let text = format!("{:.4}", fen.fen() as f64 / 1_000_000.0);
    text.trim_end_matches('0').trim_end_matches('.').to_owned()
}

/// Shows a failed save: a 422's messages under their fields, anything else in `message`.
pub fn show_save_error(
    i18n: &I18n,
    error: &ClientError,
    errors: RwSignal<FieldErrors>,
    message: RwSignal<Option<String>>,
) {
    match error.api_error() {
        Some(api) if !api.fields.is_empty() => errors.set(api.fields.clone()),
        _ => message.set(Some(error_text(i18n, error))),
    }
}

/// What a page shows when loading failed; a 401 also ends the session.
pub fn failed(session: &Session, i18n: &I18n, error: &ClientError) -> AnyView {
    session.check(error);
    view! { <p class="form-error">{error_text(i18n, error)}</p> }.into_any()
}
