//! A labelled input with its error right below it.

use leptos::prelude::*;

/// A text input bound to `value`, showing `error` (instant or from the server) under it.
#[component]
pub fn Field(
    #[prop(into)] label: Signal<&'static str>,
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
            <label for=id.clone()>{label}</label>
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
