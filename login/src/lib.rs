//! The login page as a wasm module of its own. A first visit (or any visit without a saved
//! session) loads only this: the form, the language switch and the typed client's login call,
//! a small fraction of the app. After a login the session is saved where the app looks for it
//! and the app is loaded at the page the user asked for.
//!
//! The app depends on this crate too (without the `entry` feature) for what both need: the
//! language ([`i18n`]), the saved session ([`saved`]), fields ([`field`]), error texts
//! ([`errors`]) and the form itself ([`form`]), so neither keeps a copy.

pub mod errors;
pub mod field;
pub mod form;
pub mod i18n;
pub mod saved;

#[cfg(feature = "entry")]
mod entry;
