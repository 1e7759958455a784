//! The household card's monitoring (防返贫监测): every period with its kind, dates, reason and
//! note; for those who may, a form to start one and, on the open one, clearing after a
//! confirmation.

use chrono::NaiveDate;
use jingzhun_shared::registry::{ClearMonitoring, MonitoringDto, StartMonitoring};
use jingzhun_shared::{Capability, HouseholdId, MonitoringKind};
use leptos::prelude::*;

use crate::components::enum_select::EnumSelect;
use crate::components::field::Field;
use crate::components::save::use_save;
use crate::i18n::{T, use_i18n};
use crate::session::use_session;

fn parse_date(text: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d").ok()
}

fn bump(reload: RwSignal<u32>) -> Option<String> {
    reload.update(|r| *r += 1);
    None
}

#[component]
pub fn Monitoring(household_id: HouseholdId, periods: Vec<MonitoringDto>, reload: RwSignal<u32>) -> impl IntoView {
    let i18n = use_i18n();
    let monitors = use_session().user().is_some_and(|u| u.role.can(Capability::MonitorHouseholds));
    let open = periods.iter().find(|m| m.cleared_on.is_none()).cloned();
    let rows = periods
        .into_iter()
        .map(|m| {
            let kind = m.kind;
            let until = m.cleared_on.map_or_else(|| i18n.t("至今", "now").to_owned(), |d| d.to_string());
            view! { <li class="row"><div>
                <strong>{move || i18n.label(kind)}</strong>" · "{m.since.to_string()}" — "{until}
                <div class="muted small">{m.reason.clone()}{m.cleared_note.clone().map(|n| format!(" · {n}"))}</div>
            </div>{m.cleared_on.is_none().then(|| view! { <span class="badge warn"><T zh="监测中" en="Monitored"/></span> })}</li> }
        })
        .collect::<Vec<_>>();
    view! {
        <h2><T zh="防返贫监测" en="Monitoring"/></h2>
        {if rows.is_empty() {
            view! { <p class="empty"><T zh="未纳入监测" en="Never monitored"/></p> }.into_any()
        } else {
            view! { <ul class="rows monitoring">{rows}</ul> }.into_any()
        }}
        {monitors.then(|| match open {
            Some(period) => view! { <ClearForm household_id period reload/> }.into_any(),
            None => view! { <StartForm household_id reload/> }.into_any(),
        })}
    }
}

#[component]
fn StartForm(household_id: HouseholdId, reload: RwSignal<u32>) -> impl IntoView {
    let session = use_session();
    let i18n = use_i18n();
    let kind = RwSignal::new(MonitoringKind::Marginal);
    let since = RwSignal::new(String::new());
    let reason = RwSignal::new(String::new());
    let save = use_save(
        move |body: StartMonitoring| async move { session.api().start_monitoring(household_id, &body).await },
        move |_| bump(reload),
    );
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        match parse_date(&since.get_untracked()) {
            Some(since) => {
                save.dispatch(StartMonitoring { kind: kind.get_untracked(), since, reason: reason.get_untracked() })
            }
            None => save.message.set(Some(i18n.t("请填写纳入日期", "Enter the start date").to_owned())),
        }
    };
    view! {
        <form class="card form" on:submit=submit novalidate>
            <h2><T zh="纳入监测" en="Start monitoring"/></h2>
            <EnumSelect label=("监测类别", "Kind") id="monitoring-kind" value=kind/>
            <Field label=("纳入日期", "Since") name="monitoring-since" value=since error=save.field("since") kind="date"/>
            <Field label=("监测原因", "Reason") name="monitoring-reason" value=reason error=save.field("reason")/>
            <p class="form-error" role="alert">{move || save.message.get().unwrap_or_default()}</p>
            <button type="submit" class="primary" disabled=move || save.pending()><T zh="纳入监测" en="Start"/></button>
        </form>
    }
}

#[component]
fn ClearForm(household_id: HouseholdId, period: MonitoringDto, reload: RwSignal<u32>) -> impl IntoView {
    let session = use_session();
    let i18n = use_i18n();
    let cleared_on = RwSignal::new(String::new());
    let note = RwSignal::new(String::new());
    let confirming = RwSignal::new(false);
    let save = use_save(
        move |body: ClearMonitoring| async move { session.api().clear_monitoring(household_id, &body).await },
        move |_| bump(reload),
    );
    let version = period.version;
    let clear = move || match parse_date(&cleared_on.get_untracked()) {
        Some(on) => {
            let note = Some(note.get_untracked()).filter(|n| !n.trim().is_empty());
            save.dispatch(ClearMonitoring { cleared_on: on, note, version });
        }
        None => save.message.set(Some(i18n.t("请填写解除日期", "Enter the date").to_owned())),
    };
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        confirming.set(true);
    };
    view! {
        <form class="card form" on:submit=submit novalidate>
            <h2><T zh="解除监测" en="Clear monitoring"/></h2>
            <Field label=("解除日期", "Cleared on") name="monitoring-cleared-on" value=cleared_on error=save.field("cleared_on") kind="date"/>
            <Field label=("解除说明", "Note") name="monitoring-note" value=note error=save.field("note")/>
            <p class="form-error" role="alert">{move || save.message.get().unwrap_or_default()}</p>
            {move || if confirming.get() {
                view! {
                    <div class="buttons">
                        <span><T zh="确认解除该户的监测？" en="Clear this household's monitoring?"/></span>
                        <button type="button" class="primary" disabled=move || save.pending()
                            on:click=move |_| { confirming.set(false); clear(); }><T zh="确认解除" en="Clear"/></button>
                        <button type="button" on:click=move |_| confirming.set(false)><T zh="取消" en="Cancel"/></button>
                    </div>
                }.into_any()
            } else {
                view! { <button type="submit" class="primary"><T zh="解除监测" en="Clear"/></button> }.into_any()
            }}
        </form>
    }
}
