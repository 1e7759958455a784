//! One batch: what was issued and by whom, what its projects hold and what is left to
//! allocate, its projects by kind and village with budget, spending and status, the ledger
//! download, correcting the issued amount, a new project form (with what it builds and its
//! announcement), and deleting the batch (asked twice; refused once paid).

use std::sync::Arc;

use jingzhun_shared::funds::{CreateProject, FundBatchDto, ProjectDto, ProjectQuery};
use jingzhun_shared::industry::Quantity;
use jingzhun_shared::money::rate_bp;
use jingzhun_shared::{
    Capability, ClientError, Fen, FieldErrors, FundBatchId, OrgLevel, OrgUnitId, Page as Paged, ProjectKind,
};
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_navigate;

use crate::Page;
use crate::components::enum_select::EnumSelect;
use crate::components::field::Field;
use crate::components::list::{Column, List, SortKey, order, text};
use crate::components::loaded::Loaded;
use crate::components::pager::Pager;
use crate::components::save::use_save;
use crate::components::wan;
use crate::download;
use crate::i18n::{T, use_i18n};
use crate::page::route_id;
use crate::pages::funds::issued::IssuedForm;
use crate::pages::funds::{meter, percent};
use crate::session::use_session;

type Data = (FundBatchDto, Paged<ProjectDto>);

#[component]
pub fn BatchPage() -> impl IntoView {
    let session = use_session();
    let i18n = use_i18n();
    let id = route_id(FundBatchId);
    let kind = RwSignal::new(None::<ProjectKind>);
    let page = RwSignal::new(1u64);
    let reload = RwSignal::new(0u32);
    let data = LocalResource::new(move || {
        reload.track();
        let (id, kind, page) = (id(), kind.get(), page.get());
        async move {
            let api = session.api();
            let id = id.ok_or_else(|| ClientError::Decode("bad id".into()))?;
            let batch = api.fund_batch(id).await?;
            let query =
                ProjectQuery { batch_id: Some(id), kind, page: Some(page), per_page: Some(50), ..Default::default() };
            Ok::<Data, ClientError>((batch, api.projects(&query).await?))
        }
    });
    let writes = session.user().is_some_and(|u| u.role.can(Capability::EditFunds));
    view! {
        <section class="page">
            <Loaded resource=data children=move |(b, projects): Data| {
                let batch_id = b.id;
                view! {
                    <BatchCard b=b.clone() writes/>
                    {writes.then(|| view! { <IssuedForm b=b.clone() reload/> })}
                    <div class="buttons" role="group" aria-label="kind">
                        <button type="button" class:primary=move || kind.get().is_none() on:click=move |_| { kind.set(None); page.set(1); }><T zh="全部" en="All"/></button>
                        {ProjectKind::ALL.iter().copied().map(|k| view! {
                            <button type="button" class:primary=move || kind.get() == Some(k) on:click=move |_| { kind.set(Some(k)); page.set(1); }>{move || i18n.label(k)}</button>
                        }).collect_view()}
                    </div>
                    <List items=projects.items columns=columns() card=Arc::new(card) class="projects"
                        empty=("没有符合条件的项目", "No project")/>
                    <Pager page total=projects.total per_page=projects.per_page/>
                    {writes.then(|| view! { <NewProjectForm batch_id reload/> })}
                }
            }/>
        </section>
    }
}

/// The batch's figures, the ledger download and deleting it (asked twice).
#[component]
fn BatchCard(b: FundBatchDto, writes: bool) -> impl IntoView {
    let session = use_session();
    let navigate = use_navigate();
    let i18n = use_i18n();
    let spent_bp = b.spending_progress_bp;
    let shares = b.sources.iter().map(|s| {
        let source = s.source;
        view! { <li>{move || i18n.label(source)}" "{wan(s.amount_fen)}<T zh=" 万元" en="×10k yuan"/></li> }
    });
    let batch_id = b.id;
    let confirming = RwSignal::new(false);
    let ledger = use_save(
        move |id: FundBatchId| async move { session.api().batch_ledger(id).await },
        move |bytes| {
            let _ = download::save(&bytes, &format!("资金台账-{batch_id}.xlsx"), download::XLSX);
            None
        },
    );
    let remove = use_save(
        move |id: FundBatchId| async move { session.api().delete_fund_batch(id).await },
        move |()| {
            navigate(&Page::Funds.href(), Default::default());
            None
        },
    );
    view! {
        <div class="card">
            <p class="big">{b.name.clone()}</p>
            <p class="muted">{b.year}" · "<T zh="第" en="No. "/>{b.seq}<T zh="批" en=""/>" · "{b.document_no.clone()}" · "{b.issued_on.to_string()}</p>
            <p><T zh="下达 " en="Issued "/>{wan(b.issued_fen)}<T zh=" 万元 · 已分配 " en="×10k yuan · allocated "/>{wan(b.allocated_fen)}
                <T zh=" 万元 · 未分配 " en="×10k yuan · unallocated "/>{wan(b.unallocated_fen)}<T zh=" 万元" en="×10k yuan"/></p>
            <ul class="small">{shares.collect_view()}</ul>
            <p>{b.projects}<T zh=" 个项目 · 已支出 " en=" projects · spent "/>{wan(b.spent_fen)}<T zh=" 万元（占下达 " en="×10k yuan ("/>{percent(spent_bp)}<T zh="）" en=" of issued)"/></p>
            {meter(spent_bp)}
            <div class="buttons">
                <button type="button" on:click=move |_| ledger.dispatch(batch_id)><T zh="下载台账（xlsx）" en="Download ledger (xlsx)"/></button>
                {move || (writes && !confirming.get()).then(|| view! {
                    <button type="button" class="link-button" on:click=move |_| confirming.set(true)><T zh="删除批次" en="Delete batch"/></button>
                })}
                {move || confirming.get().then(|| view! {
                    <span><T zh="删除批次及其全部项目？" en="Delete the batch and all its projects?"/></span>
                    <button type="button" class="primary" on:click=move |_| { confirming.set(false); remove.dispatch(batch_id); }><T zh="确认删除" en="Delete"/></button>
                    <button type="button" on:click=move |_| confirming.set(false)><T zh="取消" en="Cancel"/></button>
                })}
            </div>
            <p class="form-error" role="alert">{move || ledger.summary()}{move || remove.summary()}</p>
        </div>
    }
}

pub(super) fn columns() -> Vec<Column<ProjectDto>> {
    let i18n = use_i18n();
    vec![
        Column::new(("项目", "Project"), |p: &ProjectDto| {
            let name = p.name.clone();
            view! { <A href=Page::Project(p.id).href()><strong>{name}</strong></A> }.into_any()
        })
        .sort(|p| text(&p.name)),
        Column::new(("类别", "Kind"), move |p: &ProjectDto| {
            let kind = p.kind;
            (move || i18n.label(kind)).into_any()
        })
        .sort(|p| order(p.kind)),
        Column::new(("实施地点", "Place"), |p: &ProjectDto| p.org_unit.name.clone().into_any())
            .sort(|p| text(&p.org_unit.name)),
        Column::new(("状态", "Status"), move |p: &ProjectDto| {
            let status = p.status;
            (move || i18n.label(status)).into_any()
        })
        .sort(|p| order(p.status)),
        Column::new(("预算（元）", "Budget (yuan)"), |p: &ProjectDto| p.budget_fen.to_yuan_string().into_any())
            .sort(|p| SortKey::Number(p.budget_fen.fen())),
        Column::new(("支出率", "Spent"), |p: &ProjectDto| {
            percent(rate_bp(p.spent_fen.fen(), p.budget_fen.fen())).into_any()
        })
        .sort(|p| SortKey::Number(rate_bp(p.spent_fen.fen(), p.budget_fen.fen()))),
    ]
}

pub(super) fn card(p: ProjectDto) -> AnyView {
    let i18n = use_i18n();
    let bp = rate_bp(p.spent_fen.fen(), p.budget_fen.fen());
    let (kind, status) = (p.kind, p.status);
    view! {
        <A href=Page::Project(p.id).href() attr:class="row-link">
            <strong>{p.name.clone()}</strong>
            <div class="muted small">{move || i18n.label(kind)}" · "{p.org_unit.name.clone()}" · "{move || i18n.label(status)}
                " · "{p.budget_fen.to_yuan_string()}<T zh=" 元" en=" yuan"/></div>
            {meter(bp)}
        </A>
    }
    .into_any()
}

#[component]
fn NewProjectForm(batch_id: FundBatchId, reload: RwSignal<u32>) -> impl IntoView {
    let session = use_session();
    let i18n = use_i18n();
    let units = LocalResource::new(move || async move { session.api().org_tree().await });
    let name = RwSignal::new(String::new());
    let budget = RwSignal::new(String::new());
    let [quantity, measure, from, to] = std::array::from_fn(|_| RwSignal::new(String::new()));
    let kind = RwSignal::new(ProjectKind::Industry);
    let unit = RwSignal::new(None::<OrgUnitId>);
    let save = use_save(
        move |body: CreateProject| async move { session.api().create_project(&body).await },
        move |_| {
            for s in [name, budget, quantity, measure, from, to] {
                s.set(String::new());
            }
            reload.update(|r| *r += 1);
            None
        },
    );
    let server_budget = save.field("budget_fen");
    let budget_error = Signal::derive(move || {
        let text = budget.get();
        if text.trim().is_empty() { None } else { Fen::parse_yuan(&text).err() }.or_else(|| server_budget.get())
    });
    let unit_error = save.field("org_unit_id");
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let (Some(org_unit_id), Ok(budget_fen)) = (unit.get_untracked(), Fen::parse_yuan(&budget.get_untracked()))
        else {
            save.message
                .set(Some(i18n.t("请选择实施地点并填写预算", "Choose a place and enter the budget").to_owned()));
            return;
        };
        let q = quantity.get_untracked();
        let quantity = match q.trim() {
            "" => None,
            text => match Quantity::parse(text) {
                Ok(q) => Some(q),
                Err(e) => {
                    let mut local = FieldErrors::new();
                    local.insert("quantity".into(), vec![e]);
                    save.errors.set(local);
                    return;
                }
            },
        };
        let day = |s: RwSignal<String>| chrono::NaiveDate::parse_from_str(s.get_untracked().trim(), "%Y-%m-%d").ok();
        let measure = Some(measure.get_untracked()).filter(|m| !m.trim().is_empty());
        save.dispatch(CreateProject {
            batch_id,
            name: name.get_untracked(),
            kind: kind.get_untracked(),
            org_unit_id,
            budget_fen,
            quantity,
            unit: measure,
            household_ids: Vec::new(),
            announced_from: day(from),
            announced_to: day(to),
        });
    };
    view! {
        <form class="card form" on:submit=submit>
            <h2><T zh="新增项目" en="New project"/></h2>
            <Field label=("项目名称", "Name") name="project-name" value=name error=save.field("name")/>
            <EnumSelect label=("类别", "Kind") id="project-kind" value=kind/>
            <div class="field" class:invalid=move || unit_error.get().is_some()>
                <label for="project-unit"><T zh="实施地点" en="Place"/></label>
                <select id="project-unit" aria-describedby="project-unit-error" on:change=move |ev| unit.set(event_target_value(&ev).parse().ok().map(OrgUnitId))>
                    <option value="">{move || i18n.t("请选择", "Choose")}</option>
                    {move || units.get().and_then(Result::ok).map(|tree| tree.flatten().into_iter().map(|u| {
                        let indent = match u.level { OrgLevel::District => "", OrgLevel::Township => "　", OrgLevel::Village => "　　" };
                        view! { <option value=u.id.0.to_string()>{format!("{indent}{}", u.name)}</option> }
                    }).collect_view())}
                </select>
                <p class="field-error" id="project-unit-error" role="alert">{move || unit_error.get().unwrap_or_default()}</p>
            </div>
            <Field label=("预算（元）", "Budget (yuan)") name="budget" value=budget error=budget_error inputmode="decimal"/>
            <Field label=("建设数量", "Quantity") name="quantity" value=quantity error=save.field("quantity") inputmode="decimal"/>
            <Field label=("单位（公里、立方米、户…）", "Unit (km, m³, households…)") name="unit" value=measure error=save.field("unit")/>
            <Field label=("公示开始", "Announced from") name="announced_from" value=from error=save.field("announced_from") kind="date"/>
            <Field label=("公示结束", "Announced to") name="announced_to" value=to error=save.field("announced_to") kind="date"/>
            <p class="muted small"><T zh="受益户在项目页选择。" en="Beneficiary households are picked on the project page."/></p>
            <p class="form-error" role="alert">{move || save.message.get().unwrap_or_default()}</p>
            <button type="submit" class="primary" disabled=move || save.pending()><T zh="保存项目" en="Save project"/></button>
        </form>
    }
}
