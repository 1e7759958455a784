//! Finding a person on the health page: by part of a name or the beginning of an ID-card
//! number, among the caller's scope; each hit leads to the person's health year.

use jingzhun_shared::ClientError;
use jingzhun_shared::health::{HealthPeopleQuery, HealthPersonDto};
use leptos::prelude::*;

use crate::Page;
use crate::components::loaded::Loaded;
use crate::i18n::{T, use_i18n};
use crate::session::use_session;

/// The people found; empty before anything is searched.
type Found = Vec<HealthPersonDto>;

#[component]
pub fn PersonSearch() -> impl IntoView {
    let session = use_session();
    let i18n = use_i18n();
    let typed = RwSignal::new(String::new());
    let asked = RwSignal::new(String::new());
    let found = LocalResource::new(move || {
        let q = asked.get();
        async move {
            if q.trim().is_empty() {
                return Ok::<Found, ClientError>(Vec::new());
            }
            let query = HealthPeopleQuery { q, page: None, per_page: Some(20) };
            Ok(session.api().health_people(&query).await?.items)
        }
    });
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        asked.set(typed.get_untracked());
    };
    view! {
        <form class="card form person-search" role="search" on:submit=submit>
            <label for="person-search"><T zh="查找人员（姓名或身份证号）" en="Find a person (name or ID card)"/></label>
            <div class="inline-search">
                <input id="person-search" type="search" class="search" enterkeyhint="search"
                    placeholder=move || i18n.t("如：汪春生 或 3410…", "e.g. a name or 3410…")
                    prop:value=move || typed.get() on:input=move |ev| typed.set(event_target_value(&ev))/>
                <button type="submit" class="primary"><T zh="查找" en="Search"/></button>
            </div>
            <Loaded resource=found children=move |people: Found| {
                let searched = !asked.get_untracked().trim().is_empty();
                match (searched, people.is_empty()) {
                    (false, _) => ().into_any(),
                    (true, true) => view! { <p class="empty"><T zh="没有找到此人" en="Nobody found"/></p> }.into_any(),
                    (true, false) => view! {
                        <ul class="rows people">{people.into_iter().map(|p| view! {
                            <li class="row"><div class="grow">
                                <strong><a href=Page::HealthPerson(p.member_id).href()>{p.name.clone()}</a></strong>
                                <div class="muted small">{format!("{} · {} · 户编号 {}", p.village_name, p.id_card_no, p.household_number)}</div>
                            </div></li>
                        }).collect_view()}</ul>
                    }.into_any(),
                }
            }/>
        </form>
    }
}
