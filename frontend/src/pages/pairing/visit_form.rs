//! The one-screen visit form (tick the checklist items done, note problems, save with the
//! phone's position if asked), for the household's cadre: the cadre itself, or the clerk
//! recording it for them. Once saved, the household's open return-to-poverty warnings are
//! checked on this visit (排除 / 纳入监测), each check naming the visit; "done" closes it.

use jingzhun_shared::pairing::{CreateVisit, NotVisited, VisitDto, VisitItem};
use jingzhun_shared::warnings::{WarningDto, WarningQuery, WarningStatus};
use jingzhun_shared::{Capability, ClientError, HouseholdId, VisitId};
use leptos::prelude::*;

use crate::components::field::Field;
use crate::components::loaded::Loaded;
use crate::components::locate::LocateButton;
use crate::components::save::use_save;
use crate::i18n::{T, use_i18n};
use crate::pages::warnings::Check;
use crate::session::use_session;

/// The visit saved and the household's open warnings then (none when the reader may not
/// check warnings).
type Saved = (VisitDto, Vec<WarningDto>);

type Warnings = Vec<WarningDto>;

#[component]
pub fn VisitForm(household: NotVisited, reload: RwSignal<u32>) -> impl IntoView {
    let session = use_session();
    let i18n = use_i18n();
    let checks = session.user().is_some_and(|u| u.role.can(Capability::CheckWarnings));
    let for_cadre = session.user().is_some_and(|u| u.cadre_id.is_none());
    let (household_id, cadre_id) = (household.household_id, household.cadre_id);
    let items = RwSignal::new(Vec::<VisitItem>::new());
    let note = RwSignal::new(String::new());
    let problems = RwSignal::new(String::new());
    let point = RwSignal::new(None::<(f64, f64)>);
    let saved = RwSignal::new(None::<Saved>);
    let save = use_save(
        move |body: CreateVisit| async move {
            let api = session.api();
            let visit = api.create_visit(&body).await?;
            let mut open = Vec::new();
            if checks {
                let query = WarningQuery {
                    household_id: Some(household_id),
                    status: Some(WarningStatus::Open),
                    ..Default::default()
                };
                open = api.warnings(&query).await?.items;
            }
            Ok::<Saved, ClientError>((visit, open))
        },
        move |(visit, open): Saved| {
            if open.is_empty() {
                reload.update(|r| *r += 1);
            } else {
                saved.set(Some((visit, open)));
            }
            None
        },
    );
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        save.dispatch(CreateVisit {
            household_id,
            cadre_id: Some(cadre_id),
            date: chrono::Local::now().date_naive(),
            items: items.get_untracked(),
            note: Some(note.get_untracked()),
            problems: Some(problems.get_untracked()),
            latitude: point.get_untracked().map(|(lat, _)| lat),
            longitude: point.get_untracked().map(|(_, lon)| lon),
        });
    };
    let cadre_name = household.cadre_name.clone();
    let form = move || {
        view! {
            <form class="form visit-form" on:submit=submit>
                {for_cadre.then(|| view! {
                    <p class="small visit-for"><T zh="代帮扶责任人录入：" en="Recorded for the cadre: "/>
                        <strong>{cadre_name.clone()}</strong></p>
                })}
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
    };
    move || match saved.get() {
        None => form().into_any(),
        Some((visit, _)) => view! { <CheckOnVisit visit=visit.id household=household_id reload/> }.into_any(),
    }
}

/// After the visit: the household's open warnings, each checked on this visit, and the button
/// that closes the form (the household then leaves the list).
#[component]
fn CheckOnVisit(visit: VisitId, household: HouseholdId, reload: RwSignal<u32>) -> impl IntoView {
    let session = use_session();
    let checked = RwSignal::new(0u32);
    let warnings = LocalResource::new(move || {
        checked.track();
        async move {
            let query = WarningQuery { household_id: Some(household), ..Default::default() };
            let mut all = session.api().warnings(&query).await?.items;
            all.retain(|w| w.status == WarningStatus::Open || w.checked_visit_id == Some(visit));
            Ok::<Vec<WarningDto>, ClientError>(all)
        }
    });
    view! {
        <div class="card check-on-visit">
            <p><span class="badge ok"><T zh="走访已保存" en="Visit saved"/></span></p>
            <h3><T zh="本次走访核查返贫预警" en="Check the warnings on this visit"/></h3>
            <Loaded resource=warnings children=move |list: Warnings| view! {
                <ul class="rows visit-warnings">{list.into_iter().map(|w| view! { <WarningToCheck w visit checked/> }).collect_view()}</ul>
            }/>
            <button type="button" class="primary visit-done" on:click=move |_| reload.update(|r| *r += 1)>
                <T zh="完成" en="Done"/></button>
        </div>
    }
}

#[component]
fn WarningToCheck(w: WarningDto, visit: VisitId, checked: RwSignal<u32>) -> impl IntoView {
    let i18n = use_i18n();
    let rule = w.rule;
    let result = w.check_reason.clone().map(|reason| {
        view! { <div class="check-result small"><span class="badge ok">{i18n.label(w.status)}</span>" "{reason}</div> }
    });
    let open = w.status == WarningStatus::Open;
    view! {
        <li class=format!("row warning-{}", w.id)><div class="grow">
            <strong>{move || i18n.label(rule)}</strong>
            <div class="muted small">{w.summary.clone()}</div>
            {result}
            {open.then(|| view! { <Check warning=w.clone() reload=checked place="visit" visit_id=visit/> })}
        </div></li>
    }
}
