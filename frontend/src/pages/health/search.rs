//! Finding a person on the health page: by part of a name or the beginning of an ID-card
//! number, among the caller's scope; each hit leads to the person's health year.

use std::sync::Arc;

use jingzhun_shared::health::{HealthPeopleQuery, HealthPersonDto};
use jingzhun_shared::{ClientError, Page as Listed};
use leptos::prelude::*;

use crate::Page;
use crate::components::list::{Column, List, text};
use crate::components::loaded::Loaded;
use crate::i18n::{T, use_i18n};
use crate::session::use_session;

/// The people found; none before anything is searched.
type Found = Option<Listed<HealthPersonDto>>;

/// Hits shown at once; a longer list asks for a fuller name or number.
const SHOWN: u64 = 20;

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
                return Ok::<Found, ClientError>(None);
            }
            let query = HealthPeopleQuery { q, page: None, per_page: Some(SHOWN) };
            Ok(Some(session.api().health_people(&query).await?))
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
            <Loaded resource=found children=move |found: Found| found.map(|found| view! {
                {(found.total > SHOWN).then(|| view! { <p class="muted small">{format!(
                    "共 {} 人，只显示前 {SHOWN} 人；请输入更完整的姓名或身份证号。", found.total)}</p> })}
                <People people=found.items/>
            })/>
        </form>
    }
}

/// The hits: cards on a phone, a table on a desk; each name leads to the health year.
#[component]
fn People(people: Vec<HealthPersonDto>) -> impl IntoView {
    let card = Arc::new(|p: HealthPersonDto| {
        view! {
            <div class="grow">
                <strong><a href=Page::HealthPerson(p.member_id).href()>{p.name.clone()}</a></strong>
                <div class="muted small">{format!("{} · {} · 户编号 {}", p.village_name, p.id_card_no, p.household_number)}</div>
            </div>
        }
        .into_any()
    });
    let columns = vec![
        Column::new(("姓名", "Name"), |p: &HealthPersonDto| {
            view! { <a href=Page::HealthPerson(p.member_id).href()>{p.name.clone()}</a> }.into_any()
        })
        .sort(|p| text(&p.name)),
        Column::new(("村", "Village"), |p: &HealthPersonDto| p.village_name.clone().into_any())
            .sort(|p| text(&p.village_name)),
        Column::new(("身份证号", "ID card"), |p: &HealthPersonDto| p.id_card_no.clone().into_any()),
        Column::new(("户编号", "Household"), |p: &HealthPersonDto| p.household_number.clone().into_any()),
    ];
    view! { <List items=people columns card class="people" empty=("没有找到此人", "Nobody found")/> }
}
