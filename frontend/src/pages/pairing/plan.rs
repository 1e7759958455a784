//! A household's assistance plan for a year (到户帮扶计划), for the household card: the items
//! with the cadre responsible, the due date and whether done; for those who plan, an item is
//! marked done in one tap, an item not done is deleted after a confirmation, and a new item
//! is added from the checklist with its due date.

use jingzhun_shared::pairing::{CreatePlanItem, MarkPlanDone, PlanItemDto, PlanQuery, VisitItem};
use jingzhun_shared::{AssistancePlanId, Capability, ClientError, HouseholdId, PageQuery};
use leptos::prelude::*;

use crate::components::enum_select::EnumSelect;
use crate::components::field::Field;
use crate::components::loaded::Loaded;
use crate::components::save::use_save;
use crate::i18n::{T, use_i18n};
use crate::session::use_session;

fn today() -> chrono::NaiveDate {
    chrono::Local::now().date_naive()
}

type Items = Vec<PlanItemDto>;

/// The plan of `household_id` for a year (this year unless changed).
#[component]
pub fn HouseholdPlan(household_id: HouseholdId) -> impl IntoView {
    let session = use_session();
    let role = session.user().map(|u| u.role);
    let reads = role.is_some_and(|r| r.can(Capability::ReadCadres));
    let writes = role.is_some_and(|r| r.can(Capability::PlanAssistance));
    let year_text = RwSignal::new(chrono::Datelike::year(&today()).to_string());
    let year = move || year_text.get().trim().parse::<i32>().unwrap_or_else(|_| chrono::Datelike::year(&today()));
    let reload = RwSignal::new(0u32);
    let items = LocalResource::new(move || {
        reload.track();
        let year = year();
        async move {
            let query = PlanQuery {
                household_id: Some(household_id),
                year: Some(year),
                per_page: Some(PageQuery::MAX_PER_PAGE),
                ..Default::default()
            };
            Ok::<Items, ClientError>(session.api().assistance_plans(&query).await?.items)
        }
    });
    reads.then(|| view! {
        <section class="card household-plan">
            <h3><T zh="帮扶计划" en="Assistance plan"/></h3>
            <Field label=("计划年度", "Year") name="plan-year" value=year_text inputmode="numeric"/>
            <Loaded resource=items children=move |items: Items| if items.is_empty() {
                view! { <p class="empty no-plan"><T zh="本年度尚无帮扶计划" en="No plan for this year yet"/></p> }.into_any()
            } else {
                view! { <ul class="rows plan-items">{items.into_iter().map(|i| view! {
                    <PlanRow item=i writes reload/>
                }).collect_view()}</ul> }.into_any()
            }/>
            {writes.then(|| view! { <PlanForm household_id year=Signal::derive(year) reload/> })}
        </section>
    })
}

#[component]
fn PlanRow(item: PlanItemDto, writes: bool, reload: RwSignal<u32>) -> impl IntoView {
    let session = use_session();
    let i18n = use_i18n();
    let confirming = RwSignal::new(false);
    let done = use_save(
        move |id: AssistancePlanId| async move {
            session.api().mark_plan_done(id, &MarkPlanDone { done_on: today() }).await
        },
        move |_| {
            reload.update(|r| *r += 1);
            None
        },
    );
    let remove = use_save(
        move |id: AssistancePlanId| async move { session.api().delete_plan_item(id).await },
        move |()| {
            reload.update(|r| *r += 1);
            None
        },
    );
    let (id, kind, open) = (item.id, item.item, item.done_on.is_none());
    let overdue = item.overdue(today());
    view! {
        <li class="row plan-item" class:done=!open class:overdue=overdue><div class="grow">
            <strong>{move || i18n.label(kind)}</strong>
            <div class="muted small">
                <T zh="责任人 " en="by "/>{item.cadre_name.clone()}" · "<T zh="期限 " en="due "/>{item.due.to_string()}
                {item.done_on.map(|d| view! { " · "<span class="badge ok"><T zh="已完成 " en="done "/>{d.to_string()}</span> })}
                {overdue.then(|| view! { " · "<span class="badge warn"><T zh="已逾期" en="overdue"/></span> })}
            </div>
            <p class="form-error" role="alert">{move || done.summary()}{move || remove.summary()}</p>
        </div>
        {(writes && open).then(|| view! { <div class="buttons">
            {move || (!confirming.get()).then(|| view! {
                <button type="button" class="primary mark-done" disabled=move || done.pending() on:click=move |_| done.dispatch(id)>
                    <T zh="标记完成" en="Mark done"/></button>
                <button type="button" class="link-button" on:click=move |_| confirming.set(true)><T zh="删除" en="Delete"/></button>
            })}
            {move || confirming.get().then(|| view! {
                <span><T zh="删除该计划事项？" en="Delete this item?"/></span>
                <button type="button" class="primary" on:click=move |_| { confirming.set(false); remove.dispatch(id); }><T zh="确认删除" en="Delete"/></button>
                <button type="button" on:click=move |_| confirming.set(false)><T zh="取消" en="Cancel"/></button>
            })}
        </div> })}
        </li>
    }
}

#[component]
fn PlanForm(household_id: HouseholdId, year: Signal<i32>, reload: RwSignal<u32>) -> impl IntoView {
    let session = use_session();
    let item = RwSignal::new(VisitItem::HousingSafety);
    let due = RwSignal::new(String::new());
    let note = RwSignal::new(String::new());
    let save = use_save(
        move |body: CreatePlanItem| async move { session.api().create_plan_item(&body).await },
        move |_| {
            reload.update(|r| *r += 1);
            Some("已加入计划".to_owned())
        },
    );
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Ok(due_on) = chrono::NaiveDate::parse_from_str(due.get_untracked().trim(), "%Y-%m-%d") else {
            save.errors.set([("due".to_owned(), vec!["请选择完成期限".to_owned()])].into_iter().collect());
            return;
        };
        save.dispatch(CreatePlanItem {
            household_id,
            year: year.get_untracked(),
            item: item.get_untracked(),
            cadre_id: None,
            due: due_on,
            note: Some(note.get_untracked()),
        });
    };
    view! {
        <form class="form plan-form" on:submit=submit>
            <EnumSelect label=("帮扶事项", "Item") id="plan-item" value=item/>
            <Field label=("完成期限", "Due") name="plan-due" value=due kind="date" error=save.field("due")/>
            <Field label=("备注", "Note") name="plan-note" value=note error=save.field("note")/>
            <p class="form-error" role="alert">{move || save.summary()}</p>
            <button type="submit" disabled=move || save.pending()><T zh="加入计划" en="Add to plan"/></button>
        </form>
    }
}
