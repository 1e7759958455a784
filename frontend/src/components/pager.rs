//! Previous / next with "page x of y".

use leptos::prelude::*;

use crate::i18n::{T, use_i18n};

#[component]
pub fn Pager(
    page: RwSignal<u64>,
    #[prop(into)] total: Signal<u64>,
    per_page: u64,
    /// `false` when the server stopped counting at a cap: the total shows as "10000+".
    #[prop(optional, into)]
    exact: Option<Signal<bool>>,
) -> impl IntoView {
    let plus = move || if exact.is_none_or(|e| e.get()) { "" } else { "+" };
    let i18n = use_i18n();
    let pages = move || total.get().div_ceil(per_page).max(1);
    // `disabled={…}` in braces: a bare `>=` would end the tag inside view!.
    view! {
        <nav class="pager" aria-label="pages">
            <button type="button" disabled=move || page.get() <= 1 on:click=move |_| page.update(|p| *p -= 1)>
                <T zh="上一页" en="Previous"/>
            </button>
            <span>{move || format!("{} / {} · {}{} {}", page.get(), pages(), total.get(), plus(), i18n.t("条", "items"))}</span>
            <button type="button" disabled={move || page.get() >= pages()} on:click=move |_| page.update(|p| *p += 1)>
                <T zh="下一页" en="Next"/>
            </button>
        </nav>
    }
}
