//! One loan: its terms and balance with badges, the enterprise of a 户贷企用 loan and its
//! returns, the repayments and extensions, the subsidy owed for a chosen period and, for those
//! who write, the forms to record a repayment and an extension.

use jingzhun_shared::credit::LoanDto;
use jingzhun_shared::{Capability, ClientError, Fen};
use leptos::prelude::*;
use leptos_router::components::A;

use super::loan_forms::{ExtensionForm, RepaymentForm, SubsidyOwed};
use super::{badges, rate};
use crate::Page;
use crate::components::loaded::Loaded;
use crate::i18n::{T, use_i18n};
use crate::page::route_id;
use crate::session::use_session;

#[component]
pub fn LoanPage() -> impl IntoView {
    let session = use_session();
    let id = route_id(std::convert::identity);
    let reload = RwSignal::new(0u32);
    let writes = session.user().is_some_and(|u| u.role.can(Capability::EditFunds));
    let data = LocalResource::new(move || {
        reload.track();
        let id = id();
        async move {
            let id = id.ok_or_else(|| ClientError::Decode("bad id".into()))?;
            session.api().loan(id).await
        }
    });
    view! {
        <section class="page">
            <p><A href=Page::Loans.href()><T zh="← 扶贫小额信贷" en="← Microcredit"/></A></p>
            <Loaded resource=data children=move |l: LoanDto| {
                let open = l.balance_fen > Fen::ZERO;
                view! {
                    <Terms l=l.clone()/>
                    <History l=l.clone()/>
                    {(writes && open).then(|| view! { <RepaymentForm loan_id=l.id balance=l.balance_fen reload/> })}
                    {(writes && open).then(|| view! { <ExtensionForm loan_id=l.id due_on=l.due_on reload/> })}
                    <SubsidyOwed loan_id=l.id issued_on=l.issued_on/>
                }
            }/>
        </section>
    }
}

#[component]
fn Terms(l: LoanDto) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <div class="card loan-card">
            <p class="big">{l.household_number.clone()}" "{l.borrower_name.clone()}" "{badges(i18n, &l)}</p>
            <p class="muted">{l.contract_no.clone()}" · "{l.bank.clone()}" · "<T zh="借款人身份证 " en="ID "/>{l.borrower_id_card_no.clone()}</p>
            <p><T zh="贷款 " en="Lent "/>{l.amount_fen.to_yuan_string()}<T zh=" 元 · " en=" yuan · "/>
                {l.issued_on.to_string()}<T zh=" 放款 · " en=" issued · "/>{l.term_months}<T zh=" 个月 · 年利率 " en=" months · rate "/>{rate(l.annual_rate_bp)}
                <T zh=" · 到期日 " en=" · due "/><span class="due-on">{l.due_on.to_string()}</span></p>
            <p class="stat"><span class="stat-value balance">{l.balance_fen.to_yuan_string()}</span>
                <span class="stat-label"><T zh="贷款余额（元）" en="Balance (yuan)"/></span></p>
            {l.enterprise.clone().map(|e| view! {
                <p class="warn-text"><T zh="户贷企用：" en="Enterprise use: "/>{e.name.clone()}" （"{e.credit_code.clone()}"） · "
                    <T zh="每年应付农户收益 " en="yearly return owed "/>{e.yearly_return_fen.to_yuan_string()}<T zh=" 元" en=" yuan"/></p>
            })}
        </div>
    }
}

/// Repayments, extensions and an enterprise's returns, each with an empty state.
#[component]
fn History(l: LoanDto) -> impl IntoView {
    let rows = |items: Vec<(String, String, String)>, class: &'static str, empty: (&'static str, &'static str)| {
        if items.is_empty() {
            return view! { <p class="empty"><T zh=empty.0 en=empty.1/></p> }.into_any();
        }
        view! {
            <ul class=format!("rows {class}")>{items.into_iter().map(|(when, what, amount)| view! {
                <li class="row"><div class="grow"><strong>{when}</strong><div class="muted small">{what}</div></div>
                    <span class="amount">{amount}</span></li>
            }).collect_view()}</ul>
        }
        .into_any()
    };
    let repayments = l
        .repayments
        .iter()
        .map(|r| (r.paid_on.to_string(), "归还本金".to_owned(), format!("{} 元", r.principal_fen.to_yuan_string())));
    let extensions =
        l.extensions.iter().map(|e| (e.on.to_string(), e.reason.clone(), format!("展期至 {}", e.new_due_on)));
    let returns = l
        .returns
        .iter()
        .map(|r| (r.paid_on.to_string(), "企业支付收益".to_owned(), format!("{} 元", r.amount_fen.to_yuan_string())));
    view! {
        <h2><T zh="还款记录" en="Repayments"/></h2>
        {rows(repayments.collect(), "repayments", ("尚无还款", "No repayment yet"))}
        <h2><T zh="展期" en="Extensions"/></h2>
        {rows(extensions.collect(), "extensions", ("未展期", "Not extended"))}
        {l.enterprise.is_some().then(|| view! {
            <h2><T zh="企业收益" en="Enterprise returns"/></h2>
            {rows(returns.collect(), "returns", ("企业尚未支付收益", "No return paid yet"))}
        })}
    }
}
