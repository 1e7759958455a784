//! One project: its status steps (moved forward one at a time with the date), budget and
//! spending, what it builds and its announcement, its beneficiary households (picked from its
//! area), and its expenditures with a form to record one and removal of a mistaken one.

use jingzhun_shared::PageQuery;
use jingzhun_shared::funds::{CreateExpenditure, ExpenditureDto, ProjectDto, UpdateProject};
use jingzhun_shared::money::rate_bp;
use jingzhun_shared::{Capability, ClientError, ExpenditureId, Fen, ProjectId, ProjectStatus};
use leptos::prelude::*;
use leptos_router::components::A;

use crate::Page;
use crate::components::field::Field;
use crate::components::loaded::Loaded;
use crate::components::save::use_save;
use crate::i18n::{T, use_i18n};
use crate::page::route_id;
use crate::pages::funds::beneficiaries::Beneficiaries;
use crate::pages::funds::{meter, percent};
use crate::session::use_session;

fn today() -> String {
    chrono::Local::now().date_naive().to_string()
}

fn bump(reload: RwSignal<u32>) -> Option<String> {
    reload.update(|r| *r += 1);
    None
}

type Data = (ProjectDto, Vec<ExpenditureDto>);

#[component]
pub fn ProjectPage() -> impl IntoView {
    let session = use_session();
    let id = route_id(ProjectId);
    let reload = RwSignal::new(0u32);
    let data = LocalResource::new(move || {
        reload.track();
        let id = id();
        async move {
            let api = session.api();
            let id = id.ok_or_else(|| ClientError::Decode("bad id".into()))?;
            let payments =
                api.expenditures(id, &PageQuery { per_page: Some(PageQuery::MAX_PER_PAGE), page: None }).await?;
            Ok::<Data, ClientError>((api.project(id).await?, payments.items))
        }
    });
    let writes = session.user().is_some_and(|u| u.role.can(Capability::EditFunds));
    view! {
        <section class="page">
            <Loaded resource=data children=move |(p, paid): Data| {
                let status = p.status;
                let left = p.budget_fen.checked_sub(p.spent_fen).unwrap_or(Fen::ZERO);
                view! {
                    <p><A href=Page::Batch(p.batch_id).href()><T zh="← 返回批次" en="← Batch"/></A></p>
                    <ProjectCard p=p.clone()/>
                    {(writes && status != ProjectStatus::Accepted).then(|| view! { <AdvanceForm project=p.clone() reload/> })}
                    <Beneficiaries project=p.clone() writes reload/>
                    <Expenditures paid writes reload/>
                    {(writes && status != ProjectStatus::Planned).then(|| view! { <ExpenditureForm project_id=p.id left reload/> })}
                }
            }/>
        </section>
    }
}

#[component]
fn ProjectCard(p: ProjectDto) -> impl IntoView {
    let i18n = use_i18n();
    let bp = rate_bp(p.spent_fen.fen(), p.budget_fen.fen());
    let (kind, status) = (p.kind, p.status);
    let step = |s: ProjectStatus| ProjectStatus::ALL.iter().position(|x| *x == s);
    let steps = ProjectStatus::ALL.iter().copied().map(|s| {
        let date = match s {
            ProjectStatus::Planned => None,
            ProjectStatus::Started => p.started_on,
            ProjectStatus::Completed => p.completed_on,
            ProjectStatus::Accepted => p.accepted_on,
        };
        view! { <li class:done=step(s) <= step(status)>{move || i18n.label(s)}
        {date.map(|d| view! { <div class="small">{d.to_string()}</div> })}</li> }
    });
    view! {
        <div class="card">
            <p class="big">{p.name.clone()}</p>
            <p class="muted">{move || i18n.label(kind)}" · "{p.org_unit.name.clone()}" · "{p.year}</p>
            <ol class="steps">{steps.collect_view()}</ol>
            <p><T zh="预算 " en="Budget "/>{p.budget_fen.to_yuan_string()}<T zh=" 元 · 已支出 " en=" yuan · spent "/>
                {p.spent_fen.to_yuan_string()}<T zh=" 元（" en=" yuan ("/>{percent(bp)}<T zh="）" en=")"/></p>
            {meter(bp)}
            {p.quantity.map(|q| view! {
                <p><T zh="建设内容：" en="Builds: "/>{q.to_string()}" "{p.unit.clone().unwrap_or_default()}</p>
            })}
            {p.announced_from.zip(p.announced_to).map(|(from, to)| view! {
                <p><T zh="公告公示：" en="Announced: "/>{from.to_string()}" — "{to.to_string()}</p>
            })}
            <p><T zh="受益贫困户 " en="Beneficiary households "/>{p.beneficiary_households}<T zh=" 户" en=""/></p>
        </div>
    }
}

#[component]
fn Expenditures(paid: Vec<ExpenditureDto>, writes: bool, reload: RwSignal<u32>) -> impl IntoView {
    let session = use_session();
    let confirm = RwSignal::new(None::<ExpenditureId>);
    let remove = use_save(
        move |id: ExpenditureId| async move { session.api().delete_expenditure(id).await },
        move |()| {
            confirm.set(None);
            bump(reload)
        },
    );
    let delete = move |eid: ExpenditureId| {
        move || {
            writes.then(|| if confirm.get() == Some(eid) {
            view! { <span class="buttons">
                <button type="button" class="primary" on:click=move |_| remove.dispatch(eid)><T zh="确认删除" en="Delete"/></button>
                <button type="button" on:click=move |_| confirm.set(None)><T zh="取消" en="Cancel"/></button>
            </span> }.into_any()
        } else {
            view! { <button type="button" class="link-button" on:click=move |_| confirm.set(Some(eid))><T zh="删除" en="Delete"/></button> }.into_any()
        })
        }
    };
    let rows = paid
        .into_iter()
        .map(|e| {
            view! {
                <li class="row"><div class="grow">
                    <strong>{e.amount_fen.to_yuan_string()}<T zh=" 元" en=" yuan"/></strong>
                    <div class="muted small">{e.paid_on.to_string()}" · "{e.voucher_no.clone()}</div>
                </div>{delete(e.id)}</li>
            }
        })
        .collect::<Vec<_>>();
    view! {
        <h2><T zh="支出记录" en="Expenditures"/></h2>
        {if rows.is_empty() {
            view! { <p class="empty"><T zh="尚无支出" en="No expenditure yet"/></p> }.into_any()
        } else {
            view! { <ul class="rows">{rows}</ul> }.into_any()
        }}
        <p class="form-error" role="alert">{move || remove.summary()}</p>
    }
}

#[component]
fn AdvanceForm(project: ProjectDto, reload: RwSignal<u32>) -> impl IntoView {
    let session = use_session();
    let i18n = use_i18n();
    let Some(next) = project.status.next() else { return ().into_any() };
    let on = RwSignal::new(today());
    let save = use_save(
        move |body: UpdateProject| async move { session.api().update_project(project.id, &body).await },
        move |_| bump(reload),
    );
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Ok(date) = chrono::NaiveDate::parse_from_str(on.get_untracked().trim(), "%Y-%m-%d") else {
            save.message.set(Some(i18n.t("日期格式为 2020-06-30", "Date as 2020-06-30").to_owned()));
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
            <h2><T zh="推进到：" en="Move to: "/>{move || i18n.label(next)}</h2>
            <Field label=("日期", "Date") name="status-date" value=on kind="date"/>
            <p class="form-error" role="alert">{move || save.summary()}</p>
            <button type="submit" class="primary" disabled=move || save.pending()><T zh="确认" en="Confirm"/></button>
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
    let save = use_save(
        move |body: CreateExpenditure| async move { session.api().add_expenditure(project_id, &body).await },
        move |_| {
            amount.set(String::new());
            voucher.set(String::new());
            bump(reload)
        },
    );
    let server_amount = save.field("amount_fen");
    let amount_error = Signal::derive(move || {
        let text = amount.get();
        let local = match Fen::parse_yuan(&text) {
            _ if text.trim().is_empty() => None,
            Err(e) => Some(e),
            Ok(f) if f > left => Some(format!("超出项目预算：剩余可支出 {} 元", left.to_yuan_string())),
            Ok(_) => None,
        };
        local.or_else(|| server_amount.get())
    });
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let date = chrono::NaiveDate::parse_from_str(paid_on.get_untracked().trim(), "%Y-%m-%d").ok();
        match (Fen::parse_yuan(&amount.get_untracked()), date) {
            (Ok(amount_fen), Some(paid_on)) => {
                save.dispatch(CreateExpenditure { amount_fen, paid_on, voucher_no: voucher.get_untracked() });
            }
            _ => save.message.set(Some(i18n.t("请填写金额和支付日期", "Enter the amount and the date").to_owned())),
        }
    };
    view! {
        <form class="card form" on:submit=submit>
            <h2><T zh="登记支出" en="Record a payment"/></h2>
            <p class="muted small"><T zh="剩余可支出 " en="Left to spend "/>{left.to_yuan_string()}<T zh=" 元" en=" yuan"/></p>
            <Field label=("金额（元）", "Amount (yuan)") name="amount" value=amount error=amount_error inputmode="decimal"/>
            <Field label=("支付日期", "Paid on") name="paid_on" value=paid_on error=save.field("paid_on") kind="date"/>
            <Field label=("凭证号", "Voucher number") name="voucher_no" value=voucher error=save.field("voucher_no")/>
            <p class="form-error" role="alert">{move || save.message.get().unwrap_or_default()}</p>
            <button type="submit" class="primary" disabled=move || save.pending()><T zh="保存支出" en="Save payment"/></button>
        </form>
    }
}
