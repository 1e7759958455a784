//! The applications waiting for the user's role: advance with a date, or reject with a reason.

use chrono::NaiveDate;
use jingzhun_shared::ApplicationStage;
use jingzhun_shared::applications::{ApplicationDto, ApplicationQuery, ApplicationStep};
use leptos::prelude::*;
use leptos_router::components::A;

use crate::components::pager::Pager;
use crate::components::{failed, first_error};
use crate::i18n::{I18n, T, use_i18n};
use crate::session::use_session;

const PER_PAGE: u64 = 20;

pub fn stage_label(i18n: &I18n, stage: ApplicationStage) -> &'static str {
    match stage {
        ApplicationStage::Applied => i18n.t("申请", "Applied"),
        ApplicationStage::VillageAssessed => i18n.t("村民评议", "Village assessed"),
        ApplicationStage::VillageNotice => i18n.t("村级公示", "Village notice"),
        ApplicationStage::TownshipReviewed => i18n.t("乡镇审核", "Township reviewed"),
        ApplicationStage::TownshipNotice => i18n.t("乡镇公示", "Township notice"),
        ApplicationStage::DistrictCompared => i18n.t("区级比对", "District compared"),
        ApplicationStage::DistrictAnnounced => i18n.t("区级公告", "Announced"),
    }
}

#[component]
pub fn ApplicationsPage() -> impl IntoView {
    let session = use_session();
    let i18n = use_i18n();
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
            org_unit_id: unit.get().parse::<i64>().ok().map(jingzhun_shared::OrgUnitId),
            ..Default::default()
        };
        async move { session.api().applications(&query).await }
    });
    let total = Signal::derive(move || list.get().and_then(|r| r.ok()).map_or(0, |p| p.total));
    view! {
        <section class="page">
            <h1><T zh="待办申请" en="Applications waiting for me"/></h1>
            <Transition fallback=|| ()>
                {move || units.get().and_then(|r| r.ok()).filter(|tree| !tree.children.is_empty()).map(|tree| view! {
                    <select aria-label="org unit" on:change=move |ev| { unit.set(event_target_value(&ev)); page.set(1); }>
                        <option value=""><T zh="全部乡镇和村" en="All townships and villages"/></option>
                        {tree.flatten().into_iter().skip(1).map(|u| view! {
                            <option value=u.id.0.to_string()>{u.name.clone()}</option>
                        }).collect_view()}
                    </select>
                })}
            </Transition>
            <Transition fallback=move || view! { <p class="muted"><T zh="加载中…" en="Loading…"/></p> }>
                {move || list.get().map(|result| match result {
                    Err(e) => failed(&session, &i18n, &e),
                    Ok(page) if page.items.is_empty() => view! {
                        <p class="empty"><T zh="没有待办的申请" en="Nothing waiting"/></p>
                    }.into_any(),
                    Ok(page) => view! {
                        <ul class="rows">{page.items.into_iter().map(|a| view! { <Pending a reload/> }).collect_view()}</ul>
                    }.into_any(),
                })}
            </Transition>
            <Pager page total per_page=PER_PAGE/>
        </section>
    }
}

#[component]
fn Pending(a: ApplicationDto, reload: RwSignal<u32>) -> impl IntoView {
    let session = use_session();
    let i18n = use_i18n();
    let date = RwSignal::new(String::new());
    let note = RwSignal::new(String::new());
    let message = RwSignal::new(None::<String>);
    let id = a.id;
    let act = Action::new_local(move |(reject, step): &(bool, ApplicationStep)| {
        let (reject, step) = (*reject, step.clone());
        async move {
            let api = session.api();
            if reject { api.reject_application(id, &step).await } else { api.advance_application(id, &step).await }
        }
    });
    Effect::new(move |_| match act.value().get() {
        Some(Ok(_)) => reload.update(|r| *r += 1),
        Some(Err(e)) => message.set(Some(first_error(&i18n, &e))),
        None => {}
    });
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
    let href = format!("/households/{}", a.household_id);
    view! {
        <li class="row application">
            <div class="grow">
                <A href=href><strong>{a.head_name.clone()}</strong></A>" "
                <span class="muted small">{a.village.name.clone()}" · "{a.kind.as_str()}</span>
                <div class="small">{move || stage_label(&i18n, a.stage)}<T zh=" 自 " en=" since "/>{a.stage_since.to_string()}</div>
                <div class="inline-form">
                    <input type="date" aria-label="date" prop:value=move || date.get() on:input=move |ev| date.set(event_target_value(&ev))/>
                    <input aria-label="note" placeholder=move || i18n.t("意见或驳回原因", "Note or reason") prop:value=move || note.get()
                        on:input=move |ev| note.set(event_target_value(&ev))/>
                    <button type="button" class="small" on:click=move |_| { act.dispatch((false, step())); }>
                        <T zh="通过" en="Advance"/>
                    </button>
                    <button type="button" class="small" on:click=reject><T zh="驳回" en="Reject"/></button>
                </div>
                <p class="field-error">{move || message.get().unwrap_or_default()}</p>
            </div>
        </li>
    }
}
