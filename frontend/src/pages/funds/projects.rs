//! The year's projects of one status (`?year=&status=` in the address: the dashboard's projects
//! not started and under way link here), a page at a time, with the batch page's columns.

use std::sync::Arc;

use jingzhun_shared::StringEnum;
use jingzhun_shared::funds::{ProjectQuery, ProjectStatus};
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use super::batch::{card, columns};
use crate::components::enum_select::EnumFilter;
use crate::components::list::PagedList;
use crate::i18n::T;
use crate::session::use_session;

const PER_PAGE: u64 = 20;

#[component]
pub fn ProjectsPage() -> impl IntoView {
    let session = use_session();
    let asked = use_query_map().get_untracked();
    let year = asked.get("year").and_then(|y| y.parse::<i32>().ok());
    let status = RwSignal::new(asked.get("status").and_then(|s| ProjectStatus::from_wire(&s)));
    let page = RwSignal::new(1u64);
    let list = LocalResource::new(move || {
        let query = ProjectQuery {
            year,
            status: status.get(),
            page: Some(page.get()),
            per_page: Some(PER_PAGE),
            ..Default::default()
        };
        async move { session.api().projects(&query).await }
    });
    view! {
        <section class="page">
            <h1><T zh="扶贫项目" en="Projects"/>{year.map(|y| format!("（{y}年）"))}</h1>
            <div class="filters">
                <EnumFilter aria_label="status" any=("全部状态", "Any status") value=status
                    on_pick=Callback::new(move |()| page.set(1))/>
            </div>
            <PagedList resource=list page per_page=PER_PAGE columns=columns() card=Arc::new(card) class="projects"
                empty=("没有符合条件的项目", "No projects match")/>
        </section>
    }
}
