//! One batch: its projects by kind and village with budget, spending and status, the ledger
//! download, a new project form, and deleting the batch (asked twice; refused once paid).

use jingzhun_shared::funds::{CreateProject, ProjectQuery};
use jingzhun_shared::money::rate_bp;
use jingzhun_shared::{Fen, FundBatchId, OrgLevel, ProjectKind, Role};
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::{use_navigate, use_params_map};

use crate::components::field::Field;
use crate::components::pager::Pager;
use crate::components::{error_text, failed, server_error, show_save_error, wan};
use crate::download;
use crate::i18n::{T, use_i18n};
use crate::pages::funds::{kind_label, meter, percent, status_label};
use crate::session::use_session;

#[component]
pub fn BatchPage() -> impl IntoView {
    let session = use_session();
    let i18n = use_i18n();
    let params = use_params_map();
    let id = move || params.read().get("id").and_then(|v| v.parse::<i64>().ok()).map(FundBatchId);
    let kind = RwSignal::new(None::<ProjectKind>);
    let page = RwSignal::new(1u64);
    let reload = RwSignal::new(0u32);
    let data = LocalResource::new(move || {
        reload.track();
        let (id, kind, page) = (id(), kind.get(), page.get());
        async move {
            let api = session.api();
            let id = id.ok_or_else(|| jingzhun_shared::ClientError::Decode("bad id".into()))?;
            let batch = api.fund_batch(id).await?;
            let query =
                ProjectQuery { batch_id: Some(id), kind, page: Some(page), per_page: Some(50), ..Default::default() };
            let projects = api.projects(&query).await?;
            Ok::<_, jingzhun_shared::ClientError>((batch, projects))
        }
    });
    let writes = move || session.user().is_some_and(|u| matches!(u.role, Role::Admin | Role::DistrictOfficial));
    let message = RwSignal::new(None::<String>);
    let ledger = Action::new_local(move |id: &FundBatchId| {
        let id = *id;
        async move { session.api().batch_ledger(id).await.map(|bytes| (id, bytes)) }
    });
    Effect::new(move |_| match ledger.value().get() {
        Some(Ok((id, bytes))) => {
            let _ = download::save(&bytes, &format!("资金台账-{id}.xlsx"), download::XLSX);
        }
        Some(Err(e)) => message.set(Some(error_text(&i18n, &e))),
        None => {}
    });
    let confirming = RwSignal::new(false);
    let navigate = use_navigate();
    let remove = Action::new_local(move |id: &FundBatchId| {
        let id = *id;
        async move { session.api().delete_fund_batch(id).await }
    });
    Effect::new(move |_| match remove.value().get() {
        Some(Ok(())) => navigate("/funds", Default::default()),
        Some(Err(e)) => {
            confirming.set(false);
            message.set(Some(error_text(&i18n, &e)));
        }
        None => {}
    });
    view! {
        <section class="page">
            <Transition fallback=move || view! { <p class="muted"><T zh="加载中…" en="Loading…"/></p> }>
                {move || data.get().map(|result| match result {
                    Err(e) => failed(&session, &i18n, &e),
                    Ok((b, projects)) => {
                        let spent_bp = rate_bp(b.spent_fen.0, b.amount_fen.0);
                        let batch_id = b.id;
                        view! {
                            <div class="card">
                                <p class="big">{b.name.clone()}</p>
                                <p class="muted">{b.year}" · "<T zh="第" en="No. "/>{b.seq}<T zh="批" en=""/>" · "{b.document_no.clone()}" · "{b.issued_on.to_string()}</p>
                                <p>{b.projects}<T zh=" 个项目 · " en=" projects · "/>{wan(b.amount_fen)}<T zh=" 万元 · 已支出 " en="×10k yuan · spent "/>{percent(spent_bp)}</p>
                                {meter(spent_bp)}
                                <div class="buttons">
                                    <button type="button" on:click=move |_| { ledger.dispatch(batch_id); }><T zh="下载台账（xlsx）" en="Download ledger (xlsx)"/></button>
                                    {move || (writes() && !confirming.get()).then(|| view! {
                                        <button type="button" class="link-button" on:click=move |_| confirming.set(true)><T zh="删除批次" en="Delete batch"/></button>
                                    })}
                                    {move || confirming.get().then(|| view! {
                                        <span><T zh="删除批次及其全部项目？" en="Delete the batch and all its projects?"/></span>
                                        <button type="button" class="primary" on:click=move |_| { remove.dispatch(batch_id); }><T zh="确认删除" en="Delete"/></button>
                                        <button type="button" on:click=move |_| confirming.set(false)><T zh="取消" en="Cancel"/></button>
                                    })}
                                </div>
                                <p class="form-error" role="alert">{move || message.get().unwrap_or_default()}</p>
                            </div>
                            <div class="buttons">
                                <button type="button" class:primary=move || kind.get().is_none() on:click=move |_| { kind.set(None); page.set(1); }><T zh="全部" en="All"/></button>
                                {ProjectKind::ALL.iter().map(|k| {
                                    let k = *k;
                                    view! { <button type="button" class:primary=move || kind.get() == Some(k) on:click=move |_| { kind.set(Some(k)); page.set(1); }>{move || kind_label(&i18n, k)}</button> }
                                }).collect_view()}
                            </div>
                            {if projects.items.is_empty() {
                                view! { <p class="empty"><T zh="没有符合条件的项目" en="No project"/></p> }.into_any()
                            } else {
                                view! { <ul class="rows projects">{projects.items.clone().into_iter().map(|p| {
                                    let bp = rate_bp(p.spent_fen.0, p.budget_fen.0);
                                    let (kind, status) = (p.kind, p.status);
                                    view! { <li class="row"><A href=format!("/funds/projects/{}", p.id) attr:class="row-link">
                                        <strong>{p.name.clone()}</strong>
                                        <div class="muted small">{move || kind_label(&i18n, kind)}" · "{p.org_unit.name.clone()}" · "{move || status_label(&i18n, status)}
                                            " · "{p.budget_fen.to_yuan_string()}<T zh=" 元" en=" yuan"/></div>
                                        {meter(bp)}
                                    </A></li> }
                                }).collect_view()}</ul> }.into_any()
                            }}
                            <Pager page total=projects.total per_page=projects.per_page/>
                            {writes().then(|| view! { <NewProjectForm batch_id reload/> })}
                        }.into_any()
                    }
                })}
            </Transition>
        </section>
    }
}

#[component]
fn NewProjectForm(batch_id: FundBatchId, reload: RwSignal<u32>) -> impl IntoView {
    let session = use_session();
    let i18n = use_i18n();
    let units = LocalResource::new(move || async move { session.api().org_tree().await });
    let name = RwSignal::new(String::new());
    let budget = RwSignal::new(String::new());
    let kind = RwSignal::new(ProjectKind::Industry);
    let unit = RwSignal::new(None::<jingzhun_shared::OrgUnitId>);
    let errors = RwSignal::new(jingzhun_shared::FieldErrors::new());
    let message = RwSignal::new(None::<String>);
    let err = move |f: &'static str| Signal::derive(move || server_error(errors, f));
    let budget_error = Signal::derive(move || {
        let text = budget.get();
        if text.trim().is_empty() { None } else { Fen::parse_yuan(&text).err() }.or_else(|| err("budget_fen").get())
    });
    let save = Action::new_local(move |body: &CreateProject| {
        let body = body.clone();
        async move { session.api().create_project(&body).await }
    });
    Effect::new(move |_| match save.value().get() {
        Some(Ok(_)) => {
            name.set(String::new());
            budget.set(String::new());
            errors.set(Default::default());
            reload.update(|r| *r += 1);
        }
        Some(Err(e)) => show_save_error(&i18n, &e, errors, message),
        None => {}
    });
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        message.set(None);
        match (unit.get_untracked(), Fen::parse_yuan(&budget.get_untracked())) {
            (Some(org_unit_id), Ok(budget_fen)) => {
                save.dispatch(CreateProject {
                    batch_id,
                    name: name.get_untracked(),
                    kind: kind.get_untracked(),
                    org_unit_id,
                    budget_fen,
                    beneficiary_households: 0,
                });
            }
            _ => {
                message.set(Some(i18n.t("请选择实施地点并填写预算", "Choose a place and enter the budget").to_owned()))
            }
        }
    };
    view! {
        <form class="card form" on:submit=submit>
            <h2><T zh="新增项目" en="New project"/></h2>
            <Field label=("项目名称", "Name") name="project-name" value=name error=err("name")/>
            <div class="field">
                <label for="project-kind"><T zh="类别" en="Kind"/></label>
                <select id="project-kind" on:change=move |ev| { if let Ok(k) = event_target_value(&ev).parse() { kind.set(k) } }>
                    {ProjectKind::ALL.iter().map(|k| view! { <option value=k.as_str()>{kind_label(&i18n, *k)}</option> }).collect_view()}
                </select>
            </div>
            <div class="field">
                <label for="project-unit"><T zh="实施地点" en="Place"/></label>
                <select id="project-unit" on:change=move |ev| unit.set(event_target_value(&ev).parse().ok().map(jingzhun_shared::OrgUnitId))>
                    <option value="">{move || i18n.t("请选择", "Choose")}</option>
                    {move || units.get().and_then(Result::ok).map(|tree| tree.flatten().into_iter().map(|u| {
                        let indent = match u.level { OrgLevel::District => "", OrgLevel::Township => "　", OrgLevel::Village => "　　" };
                        view! { <option value=u.id.0.to_string()>{format!("{indent}{}", u.name)}</option> }
                    }).collect_view())}
                </select>
                <p class="field-error">{move || err("org_unit_id").get().unwrap_or_default()}</p>
            </div>
            <Field label=("预算（元）", "Budget (yuan)") name="budget" value=budget error=budget_error inputmode="decimal"/>
            <p class="form-error" role="alert">{move || message.get().unwrap_or_default()}</p>
            <button type="submit" class="primary" disabled=move || save.pending().get()><T zh="保存项目" en="Save project"/></button>
        </form>
    }
}
