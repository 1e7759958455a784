//! The household list: search, filters (monitored households among them), paging, export;
//! cards on a phone, a sortable table on a desktop. `?status=` and `?unit=` in the address
//! choose the first filters (the dashboard's figures link here).

use std::sync::Arc;

use jingzhun_shared::registry::{HouseholdQuery, HouseholdSummary};
use jingzhun_shared::{Capability, HouseholdStatus, MonitoringKind, OrgLevel, OrgUnitId, StringEnum};
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_query_map;

use crate::Page;
use crate::components::enum_select::EnumFilter;
use crate::components::list::{Column, PagedList, SortKey, order, text};
use crate::components::loaded::Loaded;
use crate::i18n::{I18n, T, use_i18n};
use crate::session::use_session;

const PER_PAGE: u64 = 20;

pub fn status_badge(i18n: I18n, status: HouseholdStatus) -> impl IntoView {
    let class = match status {
        HouseholdStatus::Registered | HouseholdStatus::Pending => "badge warn",
        HouseholdStatus::Exited => "badge ok",
        HouseholdStatus::Removed => "badge",
    };
    view! { <span class=class>{move || i18n.label(status)}</span> }
}

#[component]
pub fn HouseholdsPage() -> impl IntoView {
    let session = use_session();
    let i18n = use_i18n();
    let asked = use_query_map().get_untracked();
    let q = RwSignal::new(String::new());
    let status = RwSignal::new(asked.get("status").and_then(|s| HouseholdStatus::from_wire(&s)));
    let monitoring = RwSignal::new(None::<MonitoringKind>);
    let monitored_only = RwSignal::new(false);
    let unit = RwSignal::new(asked.get("unit").unwrap_or_default());
    let page = RwSignal::new(1u64);
    let units = LocalResource::new(move || async move { session.api().org_tree().await });
    // A township or a village: the server takes either as a subtree filter.
    let current_query = move || HouseholdQuery {
        q: Some(q.get()),
        status: status.get(),
        monitored: monitored_only.get().then_some(true),
        monitoring_kind: monitoring.get(),
        township_id: unit.get().parse::<i64>().ok().map(OrgUnitId),
        ..Default::default()
    };
    let list = LocalResource::new(move || {
        let query = HouseholdQuery { page: Some(page.get()), per_page: Some(PER_PAGE), ..current_query() };
        async move { session.api().households(&query).await }
    });
    let edits = session.user().is_some_and(|u| u.role.can(Capability::EditRegistry));
    let exports = session.user().is_some_and(|u| u.role.can(Capability::ExportRegistry));
    let export = move |_| {
        let query = current_query();
        leptos::task::spawn_local(async move {
            if let Ok(bytes) = session.api().export_households(&query).await {
                let _ = crate::download::save(&bytes, "农户.xlsx", crate::download::XLSX);
            }
        });
    };
    view! {
        <section class="page">
            <div class="page-head">
                <h1><T zh="农户" en="Households"/></h1>
                {edits.then(|| view! {
                    <A href=Page::NewHousehold.href() attr:class="button primary-link"><T zh="新增农户" en="Add household"/></A>
                })}
            </div>
            <div class="buttons">
                {edits.then(|| view! {
                    <A href=Page::ImportHouseholds.href() attr:class="button-link"><T zh="批量导入" en="Import"/></A>
                })}
                {exports.then(|| view! {
                    <button type="button" class="small" on:click=export><T zh="导出 Excel" en="Export to Excel"/></button>
                })}
            </div>
            <div class="filters">
                <input class="search" type="search" id="household-search" aria-label="search"
                    placeholder=move || i18n.t("户主姓名或身份证号开头", "Head's name or ID-card prefix")
                    prop:value=move || q.get() on:input=move |ev| { q.set(event_target_value(&ev)); page.set(1); }/>
                <EnumFilter aria_label="status" any=("全部状态", "Any status") value=status
                    on_pick=Callback::new(move |()| page.set(1))/>
                <label class="check">
                    <input type="checkbox" id="household-monitored" prop:checked=move || monitored_only.get()
                        on:change=move |ev| { monitored_only.set(event_target_checked(&ev)); page.set(1); }/>
                    <T zh="仅监测户" en="Monitored only"/>
                </label>
                <EnumFilter aria_label="monitoring" any=("全部监测类别", "Any monitoring") value=monitoring
                    on_pick=Callback::new(move |()| page.set(1))/>
                <Loaded resource=units quiet=true children=move |tree| {
                    (!tree.children.is_empty()).then(|| view! {
                        <select aria-label="org unit" id="household-unit" on:change=move |ev| { unit.set(event_target_value(&ev)); page.set(1); }>
                            <option value=""><T zh="全部乡镇和村" en="All townships and villages"/></option>
                            {tree.flatten().into_iter().skip(1).map(|u| {
                                let indent = if u.level == OrgLevel::Village { "\u{3000}" } else { "" };
                                let id = u.id.0.to_string();
                                let chosen = id == unit.get_untracked();
                                view! { <option value=id selected=chosen>{format!("{indent}{}", u.name)}</option> }
                            }).collect_view()}
                        </select>
                    })
                }/>
            </div>
            <PagedList resource=list page per_page=PER_PAGE columns=columns() card=Arc::new(card) class="households"
                empty=("没有符合条件的农户", "No households match")/>
        </section>
    }
}

fn columns() -> Vec<Column<HouseholdSummary>> {
    let i18n = use_i18n();
    vec![
        Column::new(("户主", "Head"), |h: &HouseholdSummary| {
            let name = h.head_name.clone();
            view! { <A href=Page::Household(h.id).href()><strong class="head-name">{name}</strong></A> }.into_any()
        })
        .sort(|h| text(&h.head_name)),
        Column::new(("户编号", "Number"), |h: &HouseholdSummary| h.number.clone().into_any()).sort(|h| text(&h.number)),
        Column::new(("村", "Village"), |h: &HouseholdSummary| h.village.name.clone().into_any())
            .sort(|h| text(&h.village.name)),
        Column::new(("户类别", "Category"), move |h: &HouseholdSummary| {
            let c = h.category;
            (move || i18n.label(c)).into_any()
        })
        .sort(|h| text(h.category.zh())),
        Column::new(("人数", "People"), |h: &HouseholdSummary| h.members.into_any())
            .sort(|h| SortKey::Number(i64::try_from(h.members).unwrap_or(i64::MAX))),
        Column::new(("状态", "Status"), move |h: &HouseholdSummary| status_badge(i18n, h.status).into_any())
            .sort(|h| order(h.status)),
        Column::new(("监测", "Monitoring"), move |h: &HouseholdSummary| {
            let kind = h.monitored;
            (move || kind.map(|k| i18n.label(k)).unwrap_or_default()).into_any()
        }),
    ]
}

fn card(h: HouseholdSummary) -> AnyView {
    let i18n = use_i18n();
    let category = h.category;
    view! {
        <A href=Page::Household(h.id).href() attr:class="row-link">
            <div>
                <strong class="head-name">{h.head_name.clone()}</strong>" "
                {status_badge(i18n, h.status)}
                {h.monitored.map(|kind| view! { " "<span class="badge warn">{move || i18n.label(kind)}</span> })}
                <div class="muted small">
                    {move || i18n.label(category)}" · "{h.members}<T zh=" 人" en=" people"/>
                    " · "{h.village.name.clone()}" · "{h.number.clone()}
                </div>
            </div>
        </A>
    }
    .into_any()
}
