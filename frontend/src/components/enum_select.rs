//! Selects over every value of a [`StringEnum`], labelled in the user's language from the
//! enum's own zh/en labels: one for a form field, one for a list filter with "any".

use jingzhun_shared::StringEnum;
use leptos::prelude::*;

use crate::i18n::{T, use_i18n};

/// A labelled select bound to `value`; `only` leaves out values the form may not offer.
#[component]
pub fn EnumSelect<E>(
    /// (中文, English).
    label: (&'static str, &'static str),
    id: &'static str,
    value: RwSignal<E>,
    #[prop(optional)] only: Option<fn(E) -> bool>,
) -> impl IntoView
where
    E: StringEnum + Send + Sync,
{
    let i18n = use_i18n();
    let chosen = value.get_untracked();
    view! {
        <div class="field">
            <label for=id><T zh=label.0 en=label.1/></label>
            <select id=id on:change=move |ev| {
                if let Some(v) = E::from_wire(&event_target_value(&ev)) { value.set(v) }
            }>
                {E::ALL.iter().copied().filter(move |v| only.is_none_or(|keep| keep(*v))).map(|v| view! {
                    <option value=v.as_str() selected=v == chosen>{move || i18n.label(v)}</option>
                }).collect_view()}
            </select>
        </div>
    }
}

/// A filter: "any" (`None`) or one value; `on_pick` runs after a change (e.g. back to page 1).
#[component]
pub fn EnumFilter<E>(
    /// Read by screen readers.
    aria_label: &'static str,
    /// The "any" option, (中文, English).
    any: (&'static str, &'static str),
    value: RwSignal<Option<E>>,
    #[prop(optional)] on_pick: Option<Callback<()>>,
) -> impl IntoView
where
    E: StringEnum + Send + Sync,
{
    let i18n = use_i18n();
    view! {
        <select aria-label=aria_label on:change=move |ev| {
            value.set(E::from_wire(&event_target_value(&ev)));
            if let Some(f) = on_pick { f.run(()) }
        }>
            <option value=""><T zh=any.0 en=any.1/></option>
            {E::ALL.iter().copied().map(|v| view! {
                <option value=v.as_str() selected=value.get_untracked() == Some(v)>{move || i18n.label(v)}</option>
            }).collect_view()}
        </select>
    }
}
