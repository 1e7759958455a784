//! Return-to-poverty warnings (返贫预警): the list of the caller's subtree, escalated first, each
//! with a one-tap check after a visit — 排除风险 or 纳入监测 — confirmed with the reason (or the
//! plan) checked next to its field; and the badge of a household's open warnings on its card.

mod check;

use std::sync::Arc;

use jingzhun_shared::warnings::{WarningDto, WarningQuery, WarningRule, WarningStatus};
use jingzhun_shared::{Capability, HouseholdId, Role};
use leptos::prelude::*;
use leptos_router::components::A;

use crate::Page;
use crate::components::enum_select::EnumFilter;
use crate::components::list::{Column, PagedList, SortKey, order, text};
use crate::i18n::{I18n, T, use_i18n};
use crate::session::use_session;
pub use check::Check;

const PER_PAGE: u64 = 20;

#[component]
pub fn WarningsPage() -> impl IntoView {
    let session = use_session();
    let status = RwSignal::new(Some(WarningStatus::Open));
    let rule = RwSignal::new(None::<WarningRule>);
    let page = RwSignal::new(1u64);
    let reload = RwSignal::new(0u32);
    let list = LocalResource::new(move || {
        reload.track();
        let query = WarningQuery {
            status: status.get(),
            rule: rule.get(),
            page: Some(page.get()),
            per_page: Some(PER_PAGE),
            ..Default::default()
        };
        async move { session.api().warnings(&query).await }
    });
    // A cadre checks its households' warnings on the visit form, each check naming the visit.
    let on_visits = session.user().is_some_and(|u| u.role == Role::Cadre);
    let checks = session.user().is_some_and(|u| u.role.can(Capability::CheckWarnings)) && !on_visits;
    let card = Arc::new(move |w: WarningDto| card(w, checks, reload));
    view! {
        <section class="page warnings">
            <h1><T zh="返贫预警" en="Warnings"/></h1>
            <p class="muted small"><T zh="超过 15 天未核查的预警上报乡镇，排在最前。"
                en="Warnings unchecked for more than 15 days escalate to the township and come first."/></p>
            {on_visits.then(|| view! { <p class="muted small"><T zh="请在“走访帮扶”中记录走访后核查预警。"
                en="Check a warning on a visit: record the visit first."/></p> })}
            <div class="filters">
                <EnumFilter aria_label="status" any=("全部状态", "Any status") value=status on_pick=Callback::new(move |()| page.set(1))/>
                <EnumFilter aria_label="rule" any=("全部预警规则", "Any rule") value=rule on_pick=Callback::new(move |()| page.set(1))/>
            </div>
            <PagedList resource=list page per_page=PER_PAGE columns=columns(checks, reload) card class="warning-list"
                empty=("没有符合条件的预警", "No warnings match")/>
        </section>
    }
}

/// The warning's status as a badge, and 已上报乡镇 when it escalated.
fn badges(i18n: I18n, w: &WarningDto) -> impl IntoView + use<> {
    let class = match w.status {
        WarningStatus::Open => "badge warn",
        WarningStatus::Cleared => "badge ok",
        WarningStatus::Monitored => "badge",
    };
    let escalated = w.escalated.then(|| {
        view! { <span class="badge danger escalated">{move || i18n.t("已上报乡镇", "escalated")}</span> }
    });
    view! { <span class=format!("{class} warning-status")>{i18n.label(w.status)}</span>" "{escalated} }
}

fn columns(checks: bool, reload: RwSignal<u32>) -> Vec<Column<WarningDto>> {
    let i18n = use_i18n();
    vec![
        Column::new(("农户", "Household"), |w: &WarningDto| {
            let label = format!("{} {}", w.household_number, w.head_name);
            view! { <A href=Page::Household(w.household_id).href()>{label}</A> }.into_any()
        })
        .sort(|w| text(&w.household_number)),
        Column::new(("村", "Village"), |w: &WarningDto| w.village_name.clone().into_any())
            .sort(|w| text(&w.village_name)),
        Column::new(("预警规则", "Rule"), move |w: &WarningDto| i18n.label(w.rule).into_any()).sort(|w| order(w.rule)),
        Column::new(("触发数据", "Figures"), |w: &WarningDto| w.summary.clone().into_any()),
        Column::new(("预警日期", "Raised"), |w: &WarningDto| w.raised_on.to_string().into_any())
            .sort(|w| text(&w.raised_on.to_string())),
        Column::new(("状态", "Status"), move |w: &WarningDto| badges(i18n, w).into_any())
            .sort(|w| SortKey::Number(i64::from(w.escalated))),
        Column::new(("核查", "Check"), move |w: &WarningDto| outcome(w.clone(), checks, reload, "table")),
    ]
}

/// The check's result, or the buttons to check it when it is open and the reader may.
fn outcome(w: WarningDto, checks: bool, reload: RwSignal<u32>, place: &'static str) -> AnyView {
    match (&w.check_reason, w.status) {
        (Some(reason), _) => {
            let by = format!(
                "{} {}",
                w.checked_on.map(|d| d.to_string()).unwrap_or_default(),
                w.checked_by.clone().unwrap_or_default()
            );
            let visit = w.checked_visit_on.map(|on| view! {
                <span class="muted checked-visit">" · "<T zh="核查走访 " en="on the visit of "/>{on.to_string()}</span>
            });
            view! { <div class="check-result small"><span>{reason.clone()}</span><span class="muted">" · "{by}</span>{visit}</div> }.into_any()
        }
        (None, WarningStatus::Open) if checks => view! { <Check warning=w reload place/> }.into_any(),
        _ => ().into_any(),
    }
}

fn card(w: WarningDto, checks: bool, reload: RwSignal<u32>) -> AnyView {
    let i18n = use_i18n();
    let head = format!("{} {}", w.household_number, w.head_name);
    view! {
        <div class=format!("warning-card warning-{}", w.id)>
            <div class="grow">
                <A href=Page::Household(w.household_id).href()><strong>{head}</strong></A>
                " "{badges(i18n, &w)}
                <div class="warning-rule">{i18n.label(w.rule)}" · "{w.year}</div>
                <div class="muted small warning-summary">{w.summary.clone()}</div>
                <div class="muted small">{w.village_name.clone()}" · "<T zh="预警于 " en="raised "/>{w.raised_on.to_string()}</div>
            </div>
            {outcome(w.clone(), checks, reload, "card")}
        </div>
    }
    .into_any()
}

/// A badge of the household's open warnings on its card, linking to the list; nothing when it
/// has none or the reader may not read warnings.
#[component]
pub fn HouseholdWarnings(household_id: HouseholdId) -> impl IntoView {
    let session = use_session();
    let i18n = use_i18n();
    let reads = session.user().is_some_and(|u| u.role.can(Capability::ReadWarnings));
    let open = LocalResource::new(move || async move {
        if !reads {
            return 0;
        }
        let query = WarningQuery {
            household_id: Some(household_id),
            status: Some(WarningStatus::Open),
            per_page: Some(1),
            ..Default::default()
        };
        session.api().warnings(&query).await.map_or(0, |p| p.total)
    });
    move || {
        open.get().filter(|n| *n > 0).map(|n| {
            view! {
                " "<A href=Page::Warnings.href() attr:class="badge danger warning-badge">
                    {move || i18n.t("返贫预警 ", "warnings ")}{n}</A>
            }
        })
    }
}
