//! One project: its status steps (moved forward one at a time with the date), budget and
//! spending, and its expenditures with a form to record one and removal of a mistaken one.

use jingzhun_shared::funds::{CreateExpenditure, ProjectDto, UpdateProject};
use jingzhun_shared::money::rate_bp;
use jingzhun_shared::{ExpenditureId, Fen, ProjectId, ProjectStatus, Role};
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;

use crate::components::field::Field;
use crate::components::{error_text, failed, first_error, server_error, show_save_error};
use crate::i18n::{T, use_i18n};
use crate::pages::funds::{kind_label, meter, percent, status_label};
use crate::session::use_session;

fn today() -> String {
    chrono::Local::now().date_naive().to_string()
}

#[component]
pub fn ProjectPage() -> impl IntoView {
    let session = use_session();
    let i18n = use_i18n();
    let params = use_params_map();
    let id = move || params.read().get("id").and_then(|v| v.parse::<i64>().ok()).map(ProjectId);
    let reload = RwSignal::new(0u32);
    let data = LocalResource::new(move || {
        reload.track();
        let id = id();
        async move {
            let api = session.api();
            let id = id.ok_or_else(|| jingzhun_shared::ClientError::Decode("bad id".into()))?;
            Ok::<_, jingzhun_shared::ClientError>((api.project(id).await?, api.expenditures(id).await?))
        }
    });
    let writes = move || session.user().is_some_and(|u| matches!(u.role, Role::Admin | Role::DistrictOfficial));
    let message = RwSignal::new(None::<String>);
    let confirm = RwSignal::new(None::<ExpenditureId>);
    let remove = Action::new_local(move |id: &ExpenditureId| {
        let id = *id;
        async move { session.api().delete_expenditure(id).await }
    });
    Effect::new(move |_| match remove.value().get() {
        Some(Ok(())) => {
            confirm.set(None);
            reload.update(|r| *r += 1);
        }
        Some(Err(e)) => message.set(Some(error_text(&i18n, &e))),
        None => {}
    });
    view! {
        <section class="page">
            <Transition fallback=move || view! { <p class="muted"><T zh="加载中…" en="Loading…"/></p> }>
                {move || data.get().map(|result| match result {
                    Err(e) => failed(&session, &i18n, &e),
                    Ok((p, paid)) => {
                        let bp = rate_bp(p.spent_fen.0, p.budget_fen.0);
                        let (kind, status) = (p.kind, p.status);
                        let reached = |s: ProjectStatus| ProjectStatus::ALL.iter().position(|x| *x == s) <= ProjectStatus::ALL.iter().position(|x| *x == status);
                        view! {
                            <p><A href=format!("/funds/batches/{}", p.batch_id)><T zh="← 返回批次" en="← Batch"/></A></p>
                            <div class="card">
                                <p class="big">{p.name.clone()}</p>
                                <p class="muted">{move || kind_label(&i18n, kind)}" · "{p.org_unit.name.clone()}" · "{p.year}</p>
                                <ol class="steps">
                                    {ProjectStatus::ALL.iter().map(|s| {
                                        let s = *s;
                                        let date = match s {
                                            ProjectStatus::Planned => None,
                                            ProjectStatus::Started => p.started_on,
                                            ProjectStatus::Completed => p.completed_on,
                                            ProjectStatus::Accepted => p.accepted_on,
                                        };
                                        view! { <li class:done=reached(s)>{move || status_label(&i18n, s)}
                                            {date.map(|d| view! { <div class="small">{d.to_string()}</div> })}</li> }
                                    }).collect_view()}
                                </ol>
                                <p><T zh="预算 " en="Budget "/>{p.budget_fen.to_yuan_string()}<T zh=" 元 · 已支出 " en=" yuan · spent "/>
                                    {p.spent_fen.to_yuan_string()}<T zh=" 元（" en=" yuan ("/>{percent(bp)}<T zh="）" en=")"/></p>
                                {meter(bp)}
                            </div>
                            {(writes() && status != ProjectStatus::Accepted).then(|| view! { <AdvanceForm project=p.clone() reload/> })}
                            <h2><T zh="支出记录" en="Expenditures"/></h2>
                            {if paid.is_empty() {
                                view! { <p class="empty"><T zh="尚无支出" en="No expenditure yet"/></p> }.into_any()
                            } else {
                                view! { <ul class="rows">{paid.into_iter().map(|e| {
                                    let eid = e.id;
                                    view! { <li class="row"><div class="grow">
                                        <strong>{e.amount_fen.to_yuan_string()}<T zh=" 元" en=" yuan"/></strong>
                                        <div class="muted small">{e.paid_on.to_string()}" · "{e.voucher_no.clone()}</div>
                                    </div>
                                    {move || writes().then(|| if confirm.get() == Some(eid) {
                                        view! { <span class="buttons">
                                            <button type="button" class="primary" on:click=move |_| { remove.dispatch(eid); }><T zh="确认删除" en="Delete"/></button>
                                            <button type="button" on:click=move |_| confirm.set(None)><T zh="取消" en="Cancel"/></button>
                                        </span> }.into_any()
                                    } else {
                                        view! { <button type="button" class="link-button" on:click=move |_| confirm.set(Some(eid))><T zh="删除" en="Delete"/></button> }.into_any()
                                    })}
                                    </li> }
                                }).collect_view()}</ul> }.into_any()
                            }}
                            <p class="form-error" role="alert">{move || message.get().unwrap_or_default()}</p>
                            {(writes() && status != ProjectStatus::Planned).then(|| view! {
                                <ExpenditureForm project_id=p.id left=Fen(p.budget_fen.0 - p.spent_fen.0) reload/>
                            })}
                        }.into_any()
                    }
                })}
            </Transition>
        </section>
    }
}

#[component]
fn AdvanceForm(project: ProjectDto, reload: RwSignal<u32>) -> impl IntoView {
    let session = use_session();
    let i18n = use_i18n();
    let Some(next) = project.status.next() else { return ().into_any() };
    let on = RwSignal::new(today());
    let message = RwSignal::new(None::<String>);
    let save = Action::new_local(move |body: &UpdateProject| {
        let body = body.clone();
        async move { session.api().update_project(project.id, &body).await }
    });
    Effect::new(move |_| match save.value().get() {
        Some(Ok(_)) => reload.update(|r| *r += 1),
        Some(Err(e)) => message.set(Some(first_error(&i18n, &e))),
        None => {}
    });
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Ok(date) = chrono::NaiveDate::parse_from_str(on.get_untracked().trim(), "%Y-%m-%d") else {
            message.set(Some(i18n.t("日期格式为 2020-06-30", "Date as 2020-06-30").to_owned()));
            return;
        };
        let mut body = UpdateProject { version: project.version, status: Some(next), ..Default::default() };
        match next {
            ProjectStatus::Started => body.started_on = Some(date),
            ProjectStatus::Completed => body.completed_on = Some(date),
            _ => body.accepted_on = Some(date),
        }
        save.dispatch(body);
    };
    view! {
        <form class="card form" on:submit=submit>
            <h2><T zh="推进到：" en="Move to: "/>{move || status_label(&i18n, next)}</h2>
            <Field label=("日期", "Date") name="status-date" value=on kind="date"/>
            <p class="form-error" role="alert">{move || message.get().unwrap_or_default()}</p>
            <button type="submit" class="primary" disabled=move || save.pending().get()><T zh="确认" en="Confirm"/></button>
        </form>
    }
    .into_any()
}

#[component]
fn ExpenditureForm(project_id: ProjectId, left: Fen, reload: RwSignal<u32>) -> impl IntoView {
    let session = use_session();
    let i18n = use_i18n();
    let amount = RwSignal::new(String::new());
    let paid_on = RwSignal::new(today());
    let voucher = RwSignal::new(String::new());
    let errors = RwSignal::new(jingzhun_shared::FieldErrors::new());
    let message = RwSignal::new(None::<String>);
    let err = move |f: &'static str| Signal::derive(move || server_error(errors, f));
    let amount_error = Signal::derive(move || {
        let text = amount.get();
        let local = match Fen::parse_yuan(&text) {
            _ if text.trim().is_empty() => None,
            Err(e) => Some(e),
            Ok(f) if f > left => Some(format!("超出项目预算：剩余可支出 {} 元", left.to_yuan_string())),
            Ok(_) => None,
        };
        local.or_else(|| err("amount_fen").get())
    });
    let save = Action::new_local(move |body: &CreateExpenditure| {
        let body = body.clone();
        async move { session.api().add_expenditure(project_id, &body).await }
    });
    Effect::new(move |_| match save.value().get() {
        Some(Ok(_)) => {
            amount.set(String::new());
            voucher.set(String::new());
            errors.set(Default::default());
            reload.update(|r| *r += 1);
        }
        Some(Err(e)) => show_save_error(&i18n, &e, errors, message),
        None => {}
    });
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        message.set(None);
        let date = chrono::NaiveDate::parse_from_str(paid_on.get_untracked().trim(), "%Y-%m-%d").ok();
        match (Fen::parse_yuan(&amount.get_untracked()), date) {
            (Ok(amount_fen), Some(paid_on)) => {
                save.dispatch(CreateExpenditure { amount_fen, paid_on, voucher_no: voucher.get_untracked() });
            }
            _ => message.set(Some(i18n.t("请填写金额和支付日期", "Enter the amount and the date").to_owned())),
        }
    };
    view! {
        <form class="card form" on:submit=submit>
            <h2><T zh="登记支出" en="Record a payment"/></h2>
            <p class="muted small"><T zh="剩余可支出 " en="Left to spend "/>{left.to_yuan_string()}<T zh=" 元" en=" yuan"/></p>
            <Field label=("金额（元）", "Amount (yuan)") name="amount" value=amount error=amount_error inputmode="decimal"/>
            <Field label=("支付日期", "Paid on") name="paid_on" value=paid_on error=err("paid_on") kind="date"/>
            <Field label=("凭证号", "Voucher number") name="voucher_no" value=voucher error=err("voucher_no")/>
            <p class="form-error" role="alert">{move || message.get().unwrap_or_default()}</p>
            <button type="submit" class="primary" disabled=move || save.pending().get()><T zh="保存支出" en="Save payment"/></button>
        </form>
    }
}
