//! Visits (月走访) on a phone: the month's coverage of the caller's households and who is not
//! visited yet, each with a one-screen form — tick the checklist items done, note problems,
//! save (with the phone's position if asked); the household then leaves the list. Below, the
//! visits recorded, by month.

use jingzhun_shared::HouseholdId;
use jingzhun_shared::pairing::{CoverageQuery, CreateVisit, NotVisited, VisitCoverage, VisitItem};
use leptos::prelude::*;

use crate::components::field::Field;
use crate::components::loaded::Loaded;
use crate::components::locate::LocateButton;
use crate::components::pager::Pager;
use crate::components::save::use_save;
use crate::i18n::{T, use_i18n};
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
            <VisitList reload/>
        </section>
    }
}

/// How many households not visited the page lists at a time.
const PER_PAGE: u64 = 20;

/// The households not visited, a page at a time (the coverage answer has them all).
#[component]
fn NotVisitedPages(households: Vec<NotVisited>, reload: RwSignal<u32>, page: RwSignal<u64>) -> impl IntoView {
    let total = u64::try_from(households.len()).unwrap_or(u64::MAX);
    let households = StoredValue::new(households);
    let rows = move || {
        let shown = page.get().clamp(1, total.div_ceil(PER_PAGE).max(1));
        let skip = usize::try_from((shown - 1) * PER_PAGE).unwrap_or(usize::MAX);
        let take = usize::try_from(PER_PAGE).unwrap_or(usize::MAX);
        households.with_value(|all| {
            all.iter()
                .skip(skip)
                .take(take)
                .cloned()
                .map(|h| view! { <NotVisitedRow household=h reload/> })
                .collect_view()
        })
    };
    view! {
        <ul class="rows not-visited">{rows}</ul>
        <Show when=move || { total > PER_PAGE }><Pager page total=Signal::derive(move || total) per_page=PER_PAGE/></Show>
    }
}

/// A household not visited yet, with a button that opens the visit form in place.
#[component]
pub fn NotVisitedRow(household: NotVisited, reload: RwSignal<u32>) -> impl IntoView {
    let open = RwSignal::new(false);
    view! {
        <li class="row not-visited-row"><div class="grow">
            <strong>{household.head_name.clone()}</strong>
            <div class="muted small">{household.village.name.clone()}" · "<T zh="帮扶责任人 " en="cadre "/>{household.cadre_name.clone()}</div>
            <Show when=move || open.get()><VisitForm household_id=household.household_id reload/></Show>
        </div>
        <Show when=move || !open.get()>
            <button type="button" class="record-visit" on:click=move |_| open.set(true)><T zh="记录走访" en="Record a visit"/></button>
        </Show>
        </li>
    }
}

#[component]
fn VisitForm(household_id: HouseholdId, reload: RwSignal<u32>) -> impl IntoView {
    let session = use_session();
    let i18n = use_i18n();
    let items = RwSignal::new(Vec::<VisitItem>::new());
    let note = RwSignal::new(String::new());
    let problems = RwSignal::new(String::new());
    let point = RwSignal::new(None::<(f64, f64)>);
    let save = use_save(
        move |body: CreateVisit| async move { session.api().create_visit(&body).await },
        move |_| {
            reload.update(|r| *r += 1);
            None
        },
    );
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        save.dispatch(CreateVisit {
            household_id,
            cadre_id: None,
            date: chrono::Local::now().date_naive(),
            items: items.get_untracked(),
            note: Some(note.get_untracked()),
            problems: Some(problems.get_untracked()),
            latitude: point.get_untracked().map(|(lat, _)| lat),
            longitude: point.get_untracked().map(|(_, lon)| lon),
        });
    };
    view! {
        <form class="form visit-form" on:submit=submit>
            <fieldset class="checklist"><legend><T zh="到户帮扶清单" en="Checklist"/></legend>
                {VisitItem::ALL.iter().copied().map(|item| view! {
                    <label class="check"><input type="checkbox" value=item.as_str() on:change=move |ev| {
                        let on = event_target_checked(&ev);
                        items.update(|list| if on { list.push(item) } else { list.retain(|i| *i != item) });
                    }/>{move || i18n.label(item)}</label>
                }).collect_view()}
            </fieldset>
            <p class="form-error">{move || save.field("items").get()}</p>
            <Field label=("帮扶内容", "What was done") name="visit-note" value=note error=save.field("note")/>
            <Field label=("发现问题", "Problems found") name="visit-problems" value=problems error=save.field("problems")/>
            <LocateButton point/>
            <p class="field-error">{move || save.field("latitude").get()}</p>
            <p class="form-error" role="alert">{move || save.summary()}</p>
            <button type="submit" class="primary" disabled=move || save.pending()><T zh="保存走访" en="Save visit"/></button>
        </form>
    }
}
