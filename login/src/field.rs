//! A labelled input with its error right below it, and the rule for which error it shows.

use leptos::prelude::*;

use crate::i18n::T;

/// A text input bound to `value`, showing `error` (instant or from the server) under it.
#[component]
pub fn Field(
    /// (中文, English).
    label: (&'static str, &'static str),
    #[prop(into)] name: String,
    value: RwSignal<String>,
    #[prop(optional, into)] error: MaybeProp<String>,
    #[prop(default = "text")] kind: &'static str,
    #[prop(default = "text")] inputmode: &'static str,
    #[prop(default = "off")] autocomplete: &'static str,
) -> impl IntoView {
    let id = format!("field-{name}");
    let error_id = format!("{id}-error");
    view! {
        <div class="field" class:invalid=move || error.get().is_some()>
            <label for=id.clone()><T zh=label.0 en=label.1/></label>
            <input
                id=id
                name=name
                type=kind
                inputmode=inputmode
                autocomplete=autocomplete
                aria-describedby=error_id.clone()
                prop:value=move || value.get()
                on:input=move |ev| value.set(event_target_value(&ev))
            />
            <p class="field-error" id=error_id role="alert">{move || error.get().unwrap_or_default()}</p>
        </div>
    }
}

/// A field's message: the local check (shared's own parser, the server's first step too) once
/// something is typed, else what the server answered for the field.
pub fn checked(
    value: RwSignal<String>,
    server: Signal<Option<String>>,
    parse: fn(&str) -> Option<String>,
) -> Signal<Option<String>> {
    Signal::derive(move || {
        let text = value.get();
        (!text.trim().is_empty()).then(|| parse(&text)).flatten().or_else(|| server.get())
    })
}
