//! The household card's pairing part of "享受政策": the assistance logged by the enterprises of
//! the pairings that name the household, and its cadre's visits (date, cadre, checklist items,
//! problems; the GPS point only where the server sends it, to officials).

use jingzhun_shared::pairing::{AssistanceLogDto, AssistanceLogQuery, VisitDto, VisitQuery};
use jingzhun_shared::{Capability, ClientError, HouseholdId};
use leptos::prelude::*;

use crate::components::loaded::Loaded;
use crate::i18n::{T, use_i18n};
use crate::session::use_session;

/// How many of each the card shows, newest first.
const SHOWN: u64 = 50;

#[component]
pub fn HouseholdPairing(household_id: HouseholdId) -> impl IntoView {
    let session = use_session();
    let role = session.user().map(|u| u.role);
    let reads_logs = role.is_some_and(|r| r.can(Capability::ReadPairing));
    let reads_visits = role.is_some_and(|r| r.can(Capability::ReadCadres));
    let logs: LocalResource<Result<Vec<AssistanceLogDto>, ClientError>> = LocalResource::new(move || async move {
        if !reads_logs {
            return Ok(Vec::new());
        }
        let query =
            AssistanceLogQuery { household_id: Some(household_id), per_page: Some(SHOWN), ..Default::default() };
        Ok(session.api().assistance_logs(&query).await?.items)
    });
    let visits: LocalResource<Result<Vec<VisitDto>, ClientError>> = LocalResource::new(move || async move {
        if !reads_visits {
            return Ok(Vec::new());
        }
        let query = VisitQuery { household_id: Some(household_id), per_page: Some(SHOWN), ..Default::default() };
        Ok(session.api().visits(&query).await?.items)
    });
    view! {
        {reads_logs.then(|| view! {
            <h3><T zh="企业结对帮扶" en="Enterprise assistance"/></h3>
            <Loaded resource=logs children=|logs| view! { <Logs logs/> }/>
        })}
        {reads_visits.then(|| view! {
            <h3><T zh="干部走访" en="Cadre visits"/></h3>
            <Loaded resource=visits children=|visits| view! { <Visits visits/> }/>
        })}
    }
}

#[component]
fn Logs(logs: Vec<AssistanceLogDto>) -> impl IntoView {
    let i18n = use_i18n();
    if logs.is_empty() {
        return view! { <p class="empty no-assistance"><T zh="暂无企业帮扶记录" en="No assistance logged"/></p> }
            .into_any();
    }
    view! { <ul class="rows household-assistance">{logs.into_iter().map(|log| {
        let kind = log.entry.kind;
        let measure = match (log.entry.amount_fen, log.entry.count) {
            (Some(a), _) => format!("{} 元", a.to_yuan_string()),
            (None, Some(c)) => c.to_string(),
            _ => String::new(),
        };
        let confirmed = log.confirmed_on.is_some();
        view! { <li class="row"><div class="grow">
            <strong>{move || i18n.label(kind)}" "{measure}</strong>
            <div class="muted small">{log.enterprise_name.clone()}" · "{log.entry.date.to_string()}
                {log.entry.note.clone().filter(|n| !n.is_empty()).map(|n| format!(" · {n}"))}</div>
        </div>{if confirmed {
            view! { <span class="badge ok"><T zh="已确认" en="Confirmed"/></span> }.into_any()
        } else {
            view! { <span class="badge"><T zh="待确认" en="Waiting"/></span> }.into_any()
        }}</li> }
    }).collect_view()}</ul> }
    .into_any()
}

#[component]
fn Visits(visits: Vec<VisitDto>) -> impl IntoView {
    let i18n = use_i18n();
    if visits.is_empty() {
        return view! { <p class="empty no-visits"><T zh="暂无走访记录" en="No visit yet"/></p> }.into_any();
    }
    view! { <ul class="rows household-visits">{visits.into_iter().map(|v| {
        let items = v.items.clone();
        let done = move || items.iter().map(|i| i18n.label(*i)).collect::<Vec<_>>().join("、");
        let point = v.latitude.zip(v.longitude).map(|(lat, lon)| format!("{lat:.5}, {lon:.5}"));
        view! { <li class="row"><div class="grow">
            <strong>{v.date.to_string()}" "{v.cadre_name.clone()}</strong>
            <div class="small visit-items">{done}{v.note.clone().map(|n| format!(" {n}"))}</div>
            {v.problems.clone().filter(|p| !p.is_empty()).map(|p| view! {
                <div class="small visit-problems"><T zh="发现问题：" en="Problems: "/>{p}</div>
            })}
            <div class="muted small"><T zh="登记人 " en="Recorded by "/>{v.recorded_by.clone()}
                {point.map(|p| view! { " · "<span class="visit-point"><T zh="定位 " en="at "/>{p}</span> })}</div>
        </div></li> }
    }).collect_view()}</ul> }
    .into_any()
}
