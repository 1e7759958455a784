//! The visits recorded, newest first, by month and page: cards on a phone, a table on a
//! desktop; the GPS point only where the server sends it (to officials).

use std::sync::Arc;

use jingzhun_shared::pairing::{VisitDto, VisitQuery};
use leptos::prelude::*;

use crate::components::list::{Column, PagedList, text};
use crate::i18n::{T, use_i18n};
use crate::session::use_session;

const PER_PAGE: u64 = 20;

#[component]
pub fn VisitList(
    /// Bumped when a visit is recorded.
    reload: RwSignal<u32>,
) -> impl IntoView {
    let session = use_session();
    let month = RwSignal::new(String::new());
    let page = RwSignal::new(1u64);
    let list = LocalResource::new(move || {
        reload.track();
        let month = Some(month.get()).filter(|m| !m.is_empty());
        let query = VisitQuery { month, page: Some(page.get()), per_page: Some(PER_PAGE), ..Default::default() };
        async move { session.api().visits(&query).await }
    });
    view! {
        <h2><T zh="走访记录" en="Visits recorded"/></h2>
        <div class="filters">
            <input type="month" id="visit-month" aria-label="month" prop:value=move || month.get()
                on:change=move |ev| { month.set(event_target_value(&ev)); page.set(1); }/>
        </div>
        <PagedList resource=list page per_page=PER_PAGE columns=columns() card=Arc::new(card) class="visits"
            empty=("没有走访记录", "No visits recorded")/>
    }
}

fn items(v: &VisitDto) -> String {
    let i18n = use_i18n();
    v.items.iter().map(|i| i18n.label(*i)).collect::<Vec<_>>().join("、")
}

fn point(v: &VisitDto) -> String {
    v.latitude.zip(v.longitude).map(|(lat, lon)| format!("{lat:.5}, {lon:.5}")).unwrap_or_default()
}

fn columns() -> Vec<Column<VisitDto>> {
    vec![
        Column::new(("日期", "Date"), |v: &VisitDto| v.date.to_string().into_any()).sort(|v| text(&v.date.to_string())),
        Column::new(("户主", "Head"), |v: &VisitDto| v.head_name.clone().into_any()).sort(|v| text(&v.head_name)),
        Column::new(("帮扶责任人", "Cadre"), |v: &VisitDto| v.cadre_name.clone().into_any())
            .sort(|v| text(&v.cadre_name)),
        Column::new(("帮扶事项", "Done"), |v: &VisitDto| items(v).into_any()),
        Column::new(("发现问题", "Problems"), |v: &VisitDto| v.problems.clone().unwrap_or_default().into_any()),
        Column::new(("定位", "Location"), |v: &VisitDto| point(v).into_any()),
    ]
}

fn card(v: VisitDto) -> AnyView {
    let done = items(&v);
    let at = point(&v);
    view! {
        <div class="grow">
            <strong>{v.head_name.clone()}</strong>" "<span class="muted">{v.date.to_string()}</span>
            <div class="small">{done}</div>
            {v.problems.clone().filter(|p| !p.is_empty()).map(|p| view! {
                <div class="small"><T zh="发现问题：" en="Problems: "/>{p}</div>
            })}
            <div class="muted small"><T zh="帮扶责任人 " en="Cadre "/>{v.cadre_name.clone()}
                {(!at.is_empty()).then(|| format!(" · {at}"))}</div>
        </div>
    }
    .into_any()
}
