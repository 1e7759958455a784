//! The loan list: search by contract or household number, filters by status, mode, bank and
//! late returns, paging; cards on a phone, a table on a desktop, with balance and badges.
//! `?status=` in the address chooses the first status (the dashboard's overdue loans link here).

use std::sync::Arc;

use jingzhun_shared::credit::{LoanDto, LoanMode, LoanQuery, LoanStatus};
use jingzhun_shared::{Capability, Fen, StringEnum};
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_query_map;

use super::badges;
use crate::Page;
use crate::components::enum_select::EnumFilter;
use crate::components::list::{Column, PagedList, SortKey, order, text};
use crate::i18n::{T, use_i18n};
use crate::session::use_session;

const PER_PAGE: u64 = 20;

#[component]
pub fn LoansPage() -> impl IntoView {
    let session = use_session();
    let i18n = use_i18n();
    let q = RwSignal::new(String::new());
    let bank = RwSignal::new(String::new());
    let asked = use_query_map().get_untracked().get("status");
    let status = RwSignal::new(asked.and_then(|s| LoanStatus::from_wire(&s)));
    let mode = RwSignal::new(None::<LoanMode>);
    let late = RwSignal::new(false);
    let page = RwSignal::new(1u64);
    let current = move || LoanQuery {
        q: Some(q.get()),
        bank: Some(bank.get()),
        status: status.get(),
        mode: mode.get(),
        return_late: late.get().then_some(true),
        ..Default::default()
    };
    let export = move |_| {
        let query = current();
        leptos::task::spawn_local(async move {
            if let Ok(bytes) = session.api().loan_ledger(&query).await {
                let _ = crate::download::save(&bytes, "贷款台账.xlsx", crate::download::XLSX);
            }
        });
    };
    let list = LocalResource::new(move || {
        let query = LoanQuery { page: Some(page.get()), per_page: Some(PER_PAGE), ..current() };
        async move { session.api().loans(&query).await }
    });
    let batches = session.user().is_some_and(|u| u.role.can(Capability::ReadFunds));
    let imports = session.user().is_some_and(|u| u.role.can(Capability::EditFunds));
    view! {
        <section class="page">
            <div class="page-head">
                <h1><T zh="扶贫小额信贷" en="Microcredit"/></h1>
                <div class="head-actions">
                {batches.then(|| view! {
                    <A href=Page::SubsidyBatches.href() attr:class="button-link"><T zh="贴息批次" en="Subsidy batches"/></A>
                })}
                {imports.then(|| view! {
                    <A href=Page::ImportLoans.href() attr:class="button-link"><T zh="导入贷款清单" en="Import loans"/></A>
                })}
                </div>
            </div>
            <p class="muted small"><T zh="新增贷款请在农户页面“享受政策”中登记。户贷企用已于 2017 年被监管部门叫停，列表中以黄色标出。"
                en="Record a new loan from the household's page. Enterprise-use loans (stopped by the regulator in 2017) are flagged."/></p>
            <div class="filters">
                <input class="search" type="search" id="loan-search" aria-label="search"
                    placeholder=move || i18n.t("合同编号或户编号", "Contract or household number")
                    prop:value=move || q.get() on:input=move |ev| { q.set(event_target_value(&ev)); page.set(1); }/>
                <input class="search" type="search" id="loan-bank" aria-label="bank" placeholder=move || i18n.t("银行", "Bank")
                    prop:value=move || bank.get() on:input=move |ev| { bank.set(event_target_value(&ev)); page.set(1); }/>
                <EnumFilter aria_label="status" any=("全部状态", "Any status") value=status on_pick=Callback::new(move |()| page.set(1))/>
                <EnumFilter aria_label="mode" any=("全部方式", "Any mode") value=mode on_pick=Callback::new(move |()| page.set(1))/>
                <label class="check">
                    <input type="checkbox" id="loan-late" prop:checked=move || late.get()
                        on:change=move |ev| { late.set(event_target_checked(&ev)); page.set(1); }/>
                    <T zh="仅企业收益逾期" en="Late returns only"/>
                </label>
            </div>
            <div class="buttons">
                <button type="button" class="small" on:click=export><T zh="导出台账 Excel" en="Ledger to Excel"/></button>
            </div>
            <PagedList resource=list page per_page=PER_PAGE columns=columns() card=Arc::new(card) class="loans"
                empty=("没有符合条件的贷款", "No loans match")/>
        </section>
    }
}

fn yuan(fen: Fen) -> AnyView {
    view! { <span class="amount">{fen.to_yuan_string()}</span> }.into_any()
}

fn columns() -> Vec<Column<LoanDto>> {
    let i18n = use_i18n();
    vec![
        Column::new(("合同编号", "Contract"), |l: &LoanDto| {
            let c = l.contract_no.clone();
            view! { <A href=Page::Loan(l.id).href()><strong>{c}</strong></A> }.into_any()
        })
        .sort(|l| text(&l.contract_no)),
        Column::new(("户编号", "Household"), |l: &LoanDto| {
            format!("{} {}", l.household_number, l.borrower_name).into_any()
        })
        .sort(|l| text(&l.household_number)),
        Column::new(("银行", "Bank"), |l: &LoanDto| l.bank.clone().into_any()).sort(|l| text(&l.bank)),
        Column::new(("放款日", "Issued"), |l: &LoanDto| l.issued_on.to_string().into_any())
            .sort(|l| text(&l.issued_on.to_string())),
        Column::new(("金额（元）", "Amount"), |l: &LoanDto| yuan(l.amount_fen))
            .sort(|l| SortKey::Number(l.amount_fen.fen())),
        Column::new(("余额（元）", "Balance"), |l: &LoanDto| yuan(l.balance_fen))
            .sort(|l| SortKey::Number(l.balance_fen.fen())),
        Column::new(("状态", "Status"), move |l: &LoanDto| badges(i18n, l).into_any()).sort(|l| order(l.status)),
    ]
}

fn card(l: LoanDto) -> AnyView {
    let i18n = use_i18n();
    view! {
        <A href=Page::Loan(l.id).href() attr:class="row-link">
            <div class="grow">
                <strong>{l.household_number.clone()}" "{l.borrower_name.clone()}</strong>" "{badges(i18n, &l)}
                <div class="muted small">{l.contract_no.clone()}" · "{l.bank.clone()}" · "{l.issued_on.to_string()}
                    " · "<T zh="贷款 " en="lent "/>{l.amount_fen.to_yuan_string()}<T zh=" 元" en=" yuan"/></div>
            </div>
            <span class="amount"><T zh="余额 " en="owed "/>{l.balance_fen.to_yuan_string()}<T zh=" 元" en=" yuan"/></span>
        </A>
    }
    .into_any()
}
