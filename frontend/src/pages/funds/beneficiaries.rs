//! A project's beneficiary households (受益贫困户): the households of its area, searched by
//! the head's name and ticked; saved as the project's whole list.

use std::collections::BTreeSet;

use jingzhun_shared::funds::{ProjectDto, UpdateProject};
use jingzhun_shared::registry::HouseholdQuery;
use jingzhun_shared::{ClientError, HouseholdId, PageQuery};
use leptos::prelude::*;

use crate::components::field::Field;
use crate::components::save::use_save;
use crate::i18n::T;
use crate::session::use_session;

#[component]
pub fn Beneficiaries(project: ProjectDto, writes: bool, reload: RwSignal<u32>) -> impl IntoView {
    let session = use_session();
    let (id, version, area) = (project.id, project.version, project.org_unit.id);
    let chosen = RwSignal::new(project.household_ids.iter().copied().collect::<BTreeSet<HouseholdId>>());
    let q = RwSignal::new(String::new());
    let households = LocalResource::new(move || {
        let q = Some(q.get()).filter(|q| !q.trim().is_empty());
        async move {
            let query = HouseholdQuery {
                village_id: Some(area),
                q,
                per_page: Some(PageQuery::MAX_PER_PAGE),
                ..Default::default()
            };
            Ok::<_, ClientError>(session.api().households(&query).await?.items)
        }
    });
    let save = use_save(
        move |body: UpdateProject| async move { session.api().update_project(id, &body).await },
        move |_| {
            reload.update(|r| *r += 1);
            None
        },
    );
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let household_ids = Some(chosen.get_untracked().into_iter().collect());
        save.dispatch(UpdateProject { version, household_ids, ..Default::default() });
    };
    let rows = move || {
        households.get().and_then(Result::ok).map(|list| {
            list.into_iter()
                .map(|h| {
                    let hid = h.id;
                    let label = format!("{} · {} · {}", h.head_name, h.number, h.village.name);
                    view! {
                        <li class="row"><label>
                            <input type="checkbox" disabled=!writes prop:checked=move || chosen.with(|c| c.contains(&hid))
                                on:change=move |ev| {
                                    let on = event_target_checked(&ev);
                                    chosen.update(|c| { if on { c.insert(hid); } else { c.remove(&hid); } });
                                }/>
                            " "{label}
                        </label></li>
                    }
                })
                .collect_view()
        })
    };
    view! {
        <details class="card">
            <summary><T zh="受益贫困户" en="Beneficiary households"/>" ("{move || chosen.with(BTreeSet::len)}")"</summary>
            <form class="form" on:submit=submit>
                <Field label=("按户主姓名查找", "Search by the head's name") name="beneficiary-q" value=q/>
                <ul class="rows">{rows}</ul>
                <p class="form-error" role="alert">{move || save.summary()}</p>
                {writes.then(|| view! {
                    <button type="submit" class="primary" disabled=move || save.pending()><T zh="保存受益户" en="Save beneficiaries"/></button>
                })}
            </form>
        </details>
    }
}
