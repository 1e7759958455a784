//! One problem: what and where, its measures (added and marked done by those who rectify it),
//! its evidence files, submitting it, the district's closing (only with evidence attached) or
//! reopening with a reason, and its history of steps.

use jingzhun_shared::Capability;
use jingzhun_shared::attachments::{Owner, RecordType};
use jingzhun_shared::oversight::{
    CloseProblem, MeasureDone, MeasureDto, MeasureInput, ProblemDetail, ProblemStatus, ReopenProblem, SubmitProblem,
};
use leptos::prelude::*;
use leptos_router::components::A;

use super::status_badges;
use crate::Page;
use crate::components::attachments::{AttachmentList, AttachmentUpload};
use crate::components::field::Field;
use crate::components::loaded::Loaded;
use crate::components::save::use_save;
use crate::i18n::{T, use_i18n};
use crate::page::route_id;
use crate::session::use_session;

#[component]
pub fn ProblemPage() -> impl IntoView {
    let session = use_session();
    let id = route_id(|id| id);
    let reload = RwSignal::new(0u32);
    let data = LocalResource::new(move || {
        reload.track();
        let id = id();
        async move { session.api().problem(id.unwrap_or_default()).await }
    });
    view! {
        <section class="page problem">
            <div class="page-head">
                <h1><T zh="问题整改" en="Rectification"/></h1>
                <div class="head-actions">
                    <A href=Page::Rectification.href() attr:class="button-link back"><T zh="返回看板" en="Back to the board"/></A>
                </div>
            </div>
            <Loaded resource=data children=move |d: ProblemDetail| view! { <Problem detail=d reload/> }/>
        </section>
    }
}

#[component]
fn Problem(detail: ProblemDetail, reload: RwSignal<u32>) -> impl IntoView {
    let i18n = use_i18n();
    let role = use_session().user().map(|u| u.role);
    let rectifies = role.is_some_and(|r| r.can(Capability::RectifyProblems));
    let manages = role.is_some_and(|r| r.can(Capability::ManageRectification));
    let p = detail.problem.clone();
    let id = p.id;
    let open = !matches!(p.status, ProblemStatus::Submitted | ProblemStatus::Closed);
    view! {
        <p class="problem-description"><strong>{p.description.clone()}</strong>" "{status_badges(i18n, &p)}</p>
        <dl class="facts">
            <dt><T zh="来源" en="Source"/></dt><dd>{i18n.label(p.source)}" · "{p.inspection_name.clone()}</dd>
            <dt><T zh="类别" en="Category"/></dt><dd>{i18n.label(p.category)}</dd>
            <dt><T zh="单位" en="Unit"/></dt><dd>{p.org_unit_name.clone()}{p.household_number.clone().map(|n| format!(" · {n}"))}</dd>
            <dt><T zh="责任单位" en="Responsible"/></dt><dd>{p.responsible_units.clone()}</dd>
            <dt><T zh="责任领导" en="Leader"/></dt><dd>{p.leader.clone()}</dd>
            <dt><T zh="整改时限" en="Deadline"/></dt><dd>{p.deadline.to_string()}</dd>
        </dl>
        <h2><T zh="整改措施" en="Measures"/></h2>
        {if detail.measures.is_empty() {
            view! { <p class="empty"><T zh="尚未制定整改措施" en="No measure yet"/></p> }.into_any()
        } else {
            view! { <ul class="rows measures">{detail.measures.into_iter().map(|m| view! {
                <MeasureRow measure=m can_mark=rectifies && p.status != ProblemStatus::Closed reload/>
            }).collect_view()}</ul> }.into_any()
        }}
        {(rectifies && open).then(|| view! { <AddMeasure id reload/> })}
        <h2><T zh="整改佐证材料" en="Evidence"/></h2>
        <AttachmentList owner=Owner::Problem id reload/>
        {(rectifies && p.status != ProblemStatus::Closed).then(|| view! {
            <AttachmentUpload record_type=RecordType::Problem record_id=id reload/>
        })}
        {(rectifies && p.status == ProblemStatus::Rectifying).then(|| view! { <Submit id reload/> })}
        {(manages && p.status == ProblemStatus::Submitted).then(|| view! { <Close id reload/> })}
        {(manages && !open).then(|| view! { <Reopen id reload/> })}
        <h2><T zh="办理记录" en="History"/></h2>
        <ol class="rows history">{detail.history.into_iter().map(|s| view! {
            <li class="row"><div class="grow">
                <strong>{i18n.label(s.action)}</strong>" "<span class="muted small">{s.on.to_string()}" · "{s.by.clone()}</span>
                {s.note.map(|n| view! { <div class="small">{n}</div> })}
                {s.evidence.map(|e| view! { <div class="small evidence"><T zh="佐证材料：" en="Evidence: "/>{e}</div> })}
            </div></li>
        }).collect_view()}</ol>
    }
}

#[component]
fn MeasureRow(measure: MeasureDto, can_mark: bool, reload: RwSignal<u32>) -> impl IntoView {
    let session = use_session();
    let id = measure.id;
    let save = use_save(
        move |body: MeasureDone| async move { session.api().measure_done(id, &body).await },
        move |_| {
            reload.update(|r| *r += 1);
            None
        },
    );
    let done = measure.done_on;
    view! {
        <li class="row"><div class="grow">
            <strong>{measure.description.clone()}</strong>
            <div class="muted small"><T zh="时限 " en="due "/>{measure.due.to_string()}
                {done.map(|d| view! { " · "<T zh="已完成 " en="done "/>{d.to_string()} })}</div>
            <p class="form-error" role="alert">{move || save.summary()}</p>
        </div>
        {(can_mark && done.is_none()).then(|| view! {
            <button type="button" class="small" disabled=move || save.pending()
                on:click=move |_| save.dispatch(MeasureDone { done_on: chrono::Local::now().date_naive() })>
                <T zh="标记完成" en="Mark done"/></button>
        })}
        </li>
    }
}

/// Reloads the page's problem when a step succeeded.
fn after_step<O>(reload: RwSignal<u32>) -> impl Fn(O) -> Option<String> + 'static {
    move |_| {
        reload.update(|r| *r += 1);
        None
    }
}

#[component]
fn AddMeasure(id: i64, reload: RwSignal<u32>) -> impl IntoView {
    let session = use_session();
    let description = RwSignal::new(String::new());
    let due = RwSignal::new(String::new());
    let save = use_save(
        move |body: MeasureInput| async move { session.api().add_measure(id, &body).await },
        after_step(reload),
    );
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        match due.get_untracked().parse() {
            Ok(due) => save.dispatch(MeasureInput { description: description.get_untracked(), due }),
            Err(_) => {
                save.dispatch_parsed(MeasureInput { description: String::new(), due: chrono::NaiveDate::MIN }, |_| {
                    let mut errors = jingzhun_shared::FieldErrors::new();
                    errors.insert("due".to_owned(), vec!["请选择完成时限".to_owned()]);
                    Err::<(), _>(errors)
                })
            }
        }
    };
    view! {
        <form class="form measure-form" on:submit=submit>
            <Field label=("新增整改措施", "New measure") name="measure-description" value=description error=save.field("description")/>
            <Field label=("完成时限", "Due") name="measure-due" value=due kind="date" error=save.field("due")/>
            <p class="form-error" role="alert">{move || save.summary()}</p>
            <button type="submit" class="primary" disabled=move || save.pending()><T zh="添加措施" en="Add measure"/></button>
        </form>
    }
}

#[component]
fn Submit(id: i64, reload: RwSignal<u32>) -> impl IntoView {
    let session = use_session();
    let note = RwSignal::new(String::new());
    let save = use_save(
        move |body: SubmitProblem| async move { session.api().submit_problem(id, &body).await },
        after_step(reload),
    );
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        save.dispatch(SubmitProblem { note: Some(note.get_untracked()) });
    };
    view! {
        <form class="form submit-form" on:submit=submit>
            <Field label=("整改情况说明", "What was done") name="submit-note" value=note error=save.field("note")/>
            <p class="form-error" role="alert">{move || save.summary()}</p>
            <button type="submit" class="primary" disabled=move || save.pending()><T zh="提交销号" en="Submit for closing"/></button>
        </form>
    }
}

#[component]
fn Close(id: i64, reload: RwSignal<u32>) -> impl IntoView {
    let session = use_session();
    let evidence = RwSignal::new(String::new());
    let note = RwSignal::new(String::new());
    let save = use_save(
        move |body: CloseProblem| async move { session.api().close_problem(id, &body).await },
        after_step(reload),
    );
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        save.dispatch(CloseProblem { note: Some(note.get_untracked()), evidence: evidence.get_untracked() });
    };
    view! {
        <form class="form close-form" on:submit=submit>
            <h2><T zh="审核销号" en="Close"/></h2>
            <p class="muted small"><T zh="销号前须上传至少一份整改佐证材料（照片或 PDF）。" en="At least one evidence file (photo or PDF) must be uploaded before closing."/></p>
            <Field label=("佐证说明（可选）", "What the files prove (optional)") name="close-evidence" value=evidence error=save.field("evidence")/>
            <Field label=("审核意见", "Note") name="close-note" value=note error=save.field("note")/>
            <p class="form-error" role="alert">{move || save.summary()}</p>
            <button type="submit" class="primary" disabled=move || save.pending()><T zh="同意销号" en="Close the problem"/></button>
        </form>
    }
}

#[component]
fn Reopen(id: i64, reload: RwSignal<u32>) -> impl IntoView {
    let session = use_session();
    let i18n = use_i18n();
    let reason = RwSignal::new(String::new());
    let save = use_save(
        move |body: ReopenProblem| async move { session.api().reopen_problem(id, &body).await },
        after_step(reload),
    );
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let question = i18n.t("确定退回该问题重新整改吗？", "Send this problem back to rectification?");
        if web_sys::window().and_then(|w| w.confirm_with_message(question).ok()).unwrap_or(false) {
            save.dispatch(ReopenProblem { reason: reason.get_untracked() });
        }
    };
    view! {
        <form class="form reopen-form" on:submit=submit>
            <Field label=("退回原因", "Reason") name="reopen-reason" value=reason error=save.field("reason")/>
            <p class="form-error" role="alert">{move || save.summary()}</p>
            <button type="submit" disabled=move || save.pending()><T zh="退回重新整改" en="Reopen"/></button>
        </form>
    }
}
