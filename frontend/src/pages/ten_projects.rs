//! What the ten projects' pages (教育, 就业, 住房, 社保, 生态) share: the strip of links between
//! them (one navigation entry, "十大工程", opens the first), and the year they open on.

use leptos::prelude::*;
use leptos_router::components::A;

use crate::Page;
use crate::i18n::T;

/// The pages of the strip, in its order, with their short names (中文, English).
const TABS: [(Page, &str, &str); 5] = [
    (Page::Education, "教育扶贫", "Education"),
    (Page::Employment, "就业扶贫", "Employment"),
    (Page::Housing, "安全住房", "Housing"),
    (Page::SocialSecurity, "社保兜底", "Social security"),
    (Page::Ecology, "生态补偿", "Ecology"),
];

/// Links to every project's page; `current` is marked and not a link.
#[component]
pub fn ProjectTabs(current: Page) -> impl IntoView {
    view! {
        <nav class="tabs project-tabs" aria-label="ten projects">
            {TABS.into_iter().map(|(page, zh, en)| if page == current {
                view! { <span class="tab current" aria-current="page"><T zh en/></span> }.into_any()
            } else {
                view! { <A href=page.href() attr:class="tab"><T zh en/></A> }.into_any()
            }).collect_view()}
        </nav>
    }
}
