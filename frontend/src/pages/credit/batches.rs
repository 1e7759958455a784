//! The interest subsidy batches (贴息批次): one a quarter, computed over every loan, approved,
//! then paid and locked; each step asked to confirm. A batch's lines list the loans it pays.

use jingzhun_shared::credit::{
    BatchStep, CreateSubsidyBatch, SubsidyBatchDto, SubsidyBatchStatus, SubsidyLineDto, YearPage,
};
use jingzhun_shared::{Capability, ClientError};
use leptos::prelude::*;
use leptos_router::components::A;

use super::{date, today};
use crate::Page;
use crate::components::field::Field;
use crate::components::loaded::Loaded;
use crate::components::save::use_save;
use crate::i18n::{T, use_i18n};
use crate::session::use_session;

type Batches = Vec<SubsidyBatchDto>;
type Lines = Vec<SubsidyLineDto>;

#[component]
pub fn SubsidyBatchesPage() -> impl IntoView {
    let session = use_session();
    let reload = RwSignal::new(0u32);
    let writes = session.user().is_some_and(|u| u.role.can(Capability::EditFunds));
    let batches = LocalResource::new(move || {
        reload.track();
        async move { Ok::<_, ClientError>(session.api().subsidy_batches(&YearPage::default()).await?.items) }
    });
    view! {
        <section class="page">
            <p><A href=Page::Loans.href()><T zh="← 扶贫小额信贷" en="← Microcredit"/></A></p>
            <h1><T zh="贴息批次" en="Interest subsidy batches"/></h1>
            <Loaded resource=batches children=move |items: Batches| if items.is_empty() {
                view! { <p class="empty"><T zh="尚无贴息批次" en="No batch yet"/></p> }.into_any()
            } else {
                view! { <ul class="rows subsidy-batches">{items.into_iter().map(|b| view! { <BatchRow b writes reload/> }).collect_view()}</ul> }.into_any()
            }/>
            {writes.then(|| view! { <ComputeForm reload/> })}
        </section>
    }
}

#[component]
fn BatchRow(b: SubsidyBatchDto, writes: bool, reload: RwSignal<u32>) -> impl IntoView {
    let session = use_session();
    let i18n = use_i18n();
    let (id, status, version) = (b.id, b.status, b.version);
    let open = RwSignal::new(false);
    let step = use_save(
        move |pay: bool| async move {
            let body = BatchStep { on: date(&today()).unwrap_or_default(), version };
            if pay {
                session.api().pay_subsidy_batch(id, &body).await
            } else {
                session.api().approve_subsidy_batch(id, &body).await
            }
        },
        move |_| {
            reload.update(|r| *r += 1);
            None
        },
    );
    let ask = move |pay: bool| {
        let question = if pay {
            "确认该批次贴息已拨付？拨付后不可更改。"
        } else {
            "确认审批该批次贴息？"
        };
        if web_sys::window().and_then(|w| w.confirm_with_message(question).ok()).unwrap_or(false) {
            step.dispatch(pay);
        }
    };
    let lines = LocalResource::new(move || {
        let shown = open.get();
        async move {
            if !shown {
                return Ok::<Vec<SubsidyLineDto>, ClientError>(Vec::new());
            }
            Ok(session.api().subsidy_lines(id, &YearPage { per_page: Some(200), ..Default::default() }).await?.items)
        }
    });
    view! {
        <li class="row batch-row"><div class="grow">
            <strong>{b.year}<T zh=" 年第 " en=" Q"/>{b.quarter}<T zh=" 季度" en=""/></strong>" "
            <span class=if status == SubsidyBatchStatus::Paid { "badge ok" } else { "badge warn" }>{move || i18n.label(status)}</span>
            <div class="muted small">{b.from.to_string()}" – "{b.to.to_string()}" · "{b.loans}<T zh=" 笔贷款" en=" loans"/>
                {b.approved_on.map(|d| format!(" · 审批 {d}"))}{b.paid_on.map(|d| format!(" · 拨付 {d}"))}</div>
            <div class="buttons">
                <button type="button" class="small" on:click=move |_| open.update(|o| *o = !*o)><T zh="明细" en="Lines"/></button>
                <button type="button" class="small" on:click=move |_| {
                    leptos::task::spawn_local(async move {
                        if let Ok(bytes) = session.api().subsidy_batch_ledger(id).await {
                            let _ = crate::download::save(&bytes, &format!("贴息明细-{id}.xlsx"), crate::download::XLSX);
                        }
                    });
                }><T zh="下载 Excel" en="Excel"/></button>
                {(writes && status == SubsidyBatchStatus::Computed).then(|| view! {
                    <button type="button" class="small" on:click=move |_| ask(false)><T zh="审批" en="Approve"/></button> })}
                {(writes && status == SubsidyBatchStatus::Approved).then(|| view! {
                    <button type="button" class="small primary" on:click=move |_| ask(true)><T zh="拨付" en="Pay"/></button> })}
            </div>
            <p class="form-error" role="alert">{move || step.summary()}</p>
            <Show when=move || open.get()>
                <Loaded resource=lines children=move |lines: Lines| view! {
                    <ul class="rows subsidy-lines">{lines.into_iter().map(|l| view! {
                        <li class="row"><A href=Page::Loan(l.loan_id).href()>{l.household_number.clone()}</A>
                            <span class="muted small">{format!(" {} {} · {} 天", l.bank, l.contract_no, l.days)}</span>
                            <span class="amount">{l.subsidy_fen.to_yuan_string()}</span></li>
                    }).collect_view()}</ul>
                }/>
            </Show>
        </div><span class="amount">{b.total_fen.to_yuan_string()}<T zh=" 元" en=" yuan"/></span></li>
    }
}

#[component]
fn ComputeForm(reload: RwSignal<u32>) -> impl IntoView {
    let session = use_session();
    let i18n = use_i18n();
    let year = RwSignal::new(String::new());
    let quarter = RwSignal::new(String::new());
    let save = use_save(
        move |body: CreateSubsidyBatch| async move { session.api().create_subsidy_batch(&body).await },
        move |_| {
            reload.update(|r| *r += 1);
            None
        },
    );
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        match (year.get_untracked().trim().parse(), quarter.get_untracked().trim().parse()) {
            (Ok(year), Ok(quarter)) => save.dispatch(CreateSubsidyBatch { year, quarter }),
            _ => save.message.set(Some(i18n.t("请填写年度和季度", "Enter the year and the quarter").to_owned())),
        }
    };
    view! {
        <form class="card form batch-form" on:submit=submit>
            <h2><T zh="计算季度贴息" en="Compute a quarter"/></h2>
            <Field label=("年度", "Year") name="batch-year" value=year error=save.field("year") inputmode="numeric"/>
            <Field label=("季度（1–4）", "Quarter (1–4)") name="batch-quarter" value=quarter error=save.field("quarter") inputmode="numeric"/>
            <p class="form-error" role="alert">{move || save.summary()}</p>
            <button type="submit" class="primary" disabled=move || save.pending()><T zh="计算" en="Compute"/></button>
        </form>
    }
}
