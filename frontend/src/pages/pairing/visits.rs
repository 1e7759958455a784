//! Visits (月走访) on a phone: the month's coverage of the caller's households and who is not
//! visited yet, each with a one-screen form ([`VisitForm`]); the household then leaves the
//! list. The clerk first picks the cadre it records for (代录), and the list narrows to that
//! cadre's households. A cadre sees its households, each opening its card. Below, the visits
//! recorded, by month.

use jingzhun_shared::pairing::{CadrePairingDto, CadrePairingQuery, CoverageQuery, NotVisited, VisitCoverage};
use jingzhun_shared::{CadreId, Capability, PageQuery, Role};
use leptos::prelude::*;
use leptos_router::components::A;

use super::visit_form::VisitForm;
use crate::Page;
use crate::components::loaded::Loaded;
use crate::components::pager::Pager;
use crate::i18n::T;
use crate::pages::pairing::visit_list::VisitList;
use crate::session::use_session;

#[component]
pub fn VisitsPage() -> impl IntoView {
    let session = use_session();
    let reload = RwSignal::new(0u32);
    let page = RwSignal::new(1u64);
    let data = LocalResource::new(move || {
        reload.track();
        async move { session.api().visit_coverage(&CoverageQuery::default()).await }
    });
    let cadre = session.user().is_some_and(|u| u.role == Role::Cadre);
    view! {
        <section class="page visits">
            <h1><T zh="走访帮扶" en="Visits"/></h1>
            <p><leptos_router::components::A href=crate::Page::WorkTeams.href() attr:class="button-link work-teams-link">
                <T zh="驻村工作队" en="Work teams"/></leptos_router::components::A></p>
            <Loaded resource=data children=move |c: VisitCoverage| view! {
                <div class="stats">
                    <div class="stat card"><span class="stat-value">{c.total.visited}" / "{c.total.paired}</span>
                        <span class="stat-label">{c.month.clone()}<T zh=" 已走访 / 结对户" en=" visited / paired"/></span></div>
                    <div class="stat card"><span class="stat-value">{format!("{:.2}%", c.total.rate_bp as f64 / 100.0)}</span>
                        <span class="stat-label"><T zh="走访覆盖率" en="Coverage"/></span></div>
                </div>
                <h2><T zh="本月未走访" en="Not visited this month"/></h2>
                {if c.not_visited.is_empty() {
                    view! { <p class="empty"><T zh="本月结对户均已走访" en="Every household has been visited"/></p> }.into_any()
                } else {
                    view! { <NotVisitedPages households=c.not_visited reload page/> }.into_any()
                }}
            }/>
            {cadre.then(|| view! { <MyHouseholds reload/> })}
            <VisitList reload/>
        </section>
    }
}

/// How many households not visited the page lists at a time.
const PER_PAGE: u64 = 20;

/// The households not visited, a page at a time (the coverage answer has them all).
#[component]
fn NotVisitedPages(households: Vec<NotVisited>, reload: RwSignal<u32>, page: RwSignal<u64>) -> impl IntoView {
    let cadre = RwSignal::new(None::<CadreId>);
    let picker = view! { <CadrePicker households=households.clone() cadre/> };
    let households = StoredValue::new(households);
    let chosen = move || -> Vec<NotVisited> {
        let cadre = cadre.get();
        households.with_value(|all| all.iter().filter(|h| cadre.is_none_or(|c| h.cadre_id == c)).cloned().collect())
    };
    let total = Signal::derive(move || u64::try_from(chosen().len()).unwrap_or(u64::MAX));
    let rows = move || {
        let shown = page.get().clamp(1, total.get().div_ceil(PER_PAGE).max(1));
        let skip = usize::try_from((shown - 1) * PER_PAGE).unwrap_or(usize::MAX);
        let take = usize::try_from(PER_PAGE).unwrap_or(usize::MAX);
        chosen().into_iter().skip(skip).take(take).map(|h| view! { <NotVisitedRow household=h reload/> }).collect_view()
    };
    view! {
        {picker}
        <ul class="rows not-visited">{rows}</ul>
        <Show when=move || { total.get() > PER_PAGE }><Pager page total per_page=PER_PAGE/></Show>
    }
}

/// For those who record visits for cadres (the clerk): the cadre to record for, among those
/// with a household not visited; the list shows that cadre's households only.
#[component]
pub fn CadrePicker(households: Vec<NotVisited>, cadre: RwSignal<Option<CadreId>>) -> impl IntoView {
    let session = use_session();
    let for_others = session.user().is_some_and(|u| u.cadre_id.is_none() && u.role.can(Capability::RecordVisit));
    let mut cadres: Vec<(CadreId, String)> = households.iter().map(|h| (h.cadre_id, h.cadre_name.clone())).collect();
    cadres.sort_by(|a, b| a.1.cmp(&b.1).then(a.0.0.cmp(&b.0.0)));
    cadres.dedup_by_key(|c| c.0);
    (for_others && !cadres.is_empty()).then(|| view! {
        <div class="field"><label for="visit-cadre"><T zh="代录走访：帮扶责任人" en="Record for the cadre"/></label>
            <select id="visit-cadre" on:change=move |ev| cadre.set(event_target_value(&ev).parse().ok().map(CadreId))>
                <option value=""><T zh="全部帮扶责任人" en="Every cadre"/></option>
                {cadres.into_iter().map(|(id, name)| view! { <option value=id.0.to_string()>{name}</option> }).collect_view()}
            </select>
        </div>
    })
}

/// A household not visited yet, with a button that opens the visit form in place.
#[component]
pub fn NotVisitedRow(household: NotVisited, reload: RwSignal<u32>) -> impl IntoView {
    let open = RwSignal::new(false);
    let role = use_session().user().map(|u| u.role);
    // The card opens for registry readers and for a cadre (its own households).
    let card = role.is_some_and(|r| r.can(Capability::ReadRegistry) || r == Role::Cadre);
    let head = household.head_name.clone();
    let href = Page::Household(household.household_id).href();
    let form = household.clone();
    view! {
        <li class="row not-visited-row"><div class="grow">
            {if card {
                view! { <A href=href><strong>{head}</strong></A> }.into_any()
            } else {
                view! { <strong>{head}</strong> }.into_any()
            }}
            <div class="muted small">{household.village.name.clone()}" · "<T zh="帮扶责任人 " en="cadre "/>{household.cadre_name.clone()}</div>
            <Show when=move || open.get()><VisitForm household=form.clone() reload/></Show>
        </div>
        <Show when=move || !open.get()>
            <button type="button" class="record-visit" on:click=move |_| open.set(true)><T zh="记录走访" en="Record a visit"/></button>
        </Show>
        </li>
    }
}

type Homes = Vec<CadrePairingDto>;

/// A cadre's households (帮扶户), each opening its card, with the day of its last visit.
#[component]
fn MyHouseholds(reload: RwSignal<u32>) -> impl IntoView {
    let session = use_session();
    let list = LocalResource::new(move || {
        reload.track();
        let query = CadrePairingQuery { per_page: Some(PageQuery::MAX_PER_PAGE), ..Default::default() };
        async move { session.api().cadre_pairings(&query).await.map(|p| p.items) }
    });
    view! {
        <h2><T zh="我的结对户" en="My households"/></h2>
        <Loaded resource=list children=move |homes: Homes| if homes.is_empty() {
            view! { <p class="empty"><T zh="尚无结对帮扶户" en="No household paired yet"/></p> }.into_any()
        } else {
            view! { <ul class="rows my-households">{homes.into_iter().map(|h| view! {
                <li class="row"><div class="grow">
                    <A href=Page::Household(h.household_id).href()><strong>{h.head_name.clone()}</strong></A>
                    <div class="muted small">{h.village.name.clone()}" · "<T zh="最近走访 " en="last visit "/>
                        {h.last_visit.map_or_else(|| "—".to_owned(), |d| d.to_string())}</div>
                </div></li>
            }).collect_view()}</ul> }.into_any()
        }/>
    }
}
