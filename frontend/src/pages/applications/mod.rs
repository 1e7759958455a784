//! The applications waiting for the user's role: advance with a date, or reject with a reason.

use std::sync::Arc;

use chrono::NaiveDate;
use jingzhun_shared::applications::{ApplicationDto, ApplicationQuery, ApplicationStep};
use jingzhun_shared::{ApplicationId, OrgUnitId};
use leptos::prelude::*;
use leptos_router::components::A;

use crate::Page;
use crate::components::list::{Column, PagedList, order, text};
use crate::components::loaded::Loaded;
use crate::components::save::use_save;
use crate::i18n::{T, use_i18n};
use crate::session::use_session;

const PER_PAGE: u64 = 20;

#[component]
pub fn ApplicationsPage() -> impl IntoView {
    let session = use_session();
    let page = RwSignal::new(1u64);
    let reload = RwSignal::new(0u32);
    let unit = RwSignal::new(String::new());
    let units = LocalResource::new(move || async move { session.api().org_tree().await });
    let list = LocalResource::new(move || {
        reload.track();
        let query = ApplicationQuery {
            page: Some(page.get()),
            per_page: Some(PER_PAGE),
            waiting: Some(true),
            org_unit_id: unit.get().parse::<i64>().ok().map(OrgUnitId),
            ..Default::default()
        };
        async move { session.api().applications(&query).await }
    });
    let card = Arc::new(move |a: ApplicationDto| view! { <Pending a reload/> }.into_any());
    view! {
        <section class="page">
            <h1><T zh="待办申请" en="Applications waiting for me"/></h1>
            <Loaded resource=units quiet=true children=move |tree| {
                (!tree.children.is_empty()).then(|| view! {
                    <select aria-label="org unit" on:change=move |ev| { unit.set(event_target_value(&ev)); page.set(1); }>
                        <option value=""><T zh="全部乡镇和村" en="All townships and villages"/></option>
                        {tree.flatten().into_iter().skip(1).map(|u| view! {
                            <option value=u.id.0.to_string()>{u.name.clone()}</option>
                        }).collect_view()}
                    </select>
                })
            }/>
            <PagedList resource=list page per_page=PER_PAGE columns=columns(reload) card class="applications"
                empty=("没有待办的申请", "Nothing waiting")/>
        </section>
    }
}

fn columns(reload: RwSignal<u32>) -> Vec<Column<ApplicationDto>> {
    let i18n = use_i18n();
    vec![
        Column::new(("户主", "Head"), |a: &ApplicationDto| {
            let name = a.head_name.clone();
            view! { <A href=Page::Household(a.household_id).href()><strong>{name}</strong></A> }.into_any()
        })
        .sort(|a| text(&a.head_name)),
        Column::new(("村", "Village"), |a: &ApplicationDto| a.village.name.clone().into_any())
            .sort(|a| text(&a.village.name)),
        Column::new(("类别", "Kind"), move |a: &ApplicationDto| {
            let kind = a.kind;
            (move || i18n.label(kind)).into_any()
        })
        .sort(|a| text(a.kind.zh())),
        Column::new(("环节", "Stage"), move |a: &ApplicationDto| {
            let stage = a.stage;
            (move || i18n.label(stage)).into_any()
        })
        .sort(|a| order(a.stage)),
        Column::new(("自", "Since"), |a: &ApplicationDto| a.stage_since.to_string().into_any())
            .sort(|a| text(&a.stage_since.to_string())),
        Column::new(("办理", "Act"), move |a: &ApplicationDto| view! { <Act id=a.id reload/> }.into_any()),
    ]
}

#[component]
fn Pending(a: ApplicationDto, reload: RwSignal<u32>) -> impl IntoView {
    let i18n = use_i18n();
    let (kind, stage) = (a.kind, a.stage);
    view! {
        <div class="grow application">
            <A href=Page::Household(a.household_id).href()><strong>{a.head_name.clone()}</strong></A>" "
            <span class="muted small">{a.village.name.clone()}" · "{move || i18n.label(kind)}</span>
            <div class="small">{move || i18n.label(stage)}<T zh=" 自 " en=" since "/>{a.stage_since.to_string()}</div>
            <Act id=a.id reload/>
        </div>
    }
}

/// Advance with a date and a note, or reject (after a confirmation) with a reason.
#[component]
fn Act(id: ApplicationId, reload: RwSignal<u32>) -> impl IntoView {
    let session = use_session();
    let i18n = use_i18n();
    let date = RwSignal::new(String::new());
    let note = RwSignal::new(String::new());
    let act = use_save(
        move |(reject, step): (bool, ApplicationStep)| async move {
            let api = session.api();
            if reject { api.reject_application(id, &step).await } else { api.advance_application(id, &step).await }
        },
        move |_| {
            reload.update(|r| *r += 1);
            None
        },
    );
    let step = move || ApplicationStep {
        on: NaiveDate::parse_from_str(&date.get_untracked(), "%Y-%m-%d").ok(),
        note: Some(note.get_untracked()).filter(|n| !n.trim().is_empty()),
    };
    let reject = move |_| {
        let question = i18n.t("确定驳回该申请？", "Reject this application?");
        if web_sys::window().and_then(|w| w.confirm_with_message(question).ok()).unwrap_or(false) {
            act.dispatch((true, step()));
        }
    };
    view! {
        <div class="inline-form act">
            <input type="date" aria-label="date" prop:value=move || date.get() on:input=move |ev| date.set(event_target_value(&ev))/>
            <input aria-label="note" placeholder=move || i18n.t("意见或驳回原因", "Note or reason") prop:value=move || note.get()
                on:input=move |ev| note.set(event_target_value(&ev))/>
            <button type="button" class="small" disabled=move || act.pending() on:click=move |_| act.dispatch((false, step()))>
                <T zh="通过" en="Advance"/>
            </button>
            <button type="button" class="small" disabled=move || act.pending() on:click=reject><T zh="驳回" en="Reject"/></button>
        </div>
        <p class="field-error" role="alert">{move || act.summary()}</p>
    }
}
