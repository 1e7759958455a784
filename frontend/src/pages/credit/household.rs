//! The household card's loans (its own part of "享受政策"): every loan of the household the
//! reader may see, with balance and badges, and for those who write a link to record one.

use jingzhun_shared::credit::LoanDto;
use jingzhun_shared::{Capability, ClientError, HouseholdId};
use leptos::prelude::*;
use leptos_router::components::A;

use super::badges;
use crate::Page;
use crate::components::loaded::Loaded;
use crate::i18n::{T, use_i18n};
use crate::session::use_session;

type Loans = Vec<LoanDto>;

#[component]
pub fn HouseholdLoans(household_id: HouseholdId) -> impl IntoView {
    let session = use_session();
    let i18n = use_i18n();
    let role = session.user().map(|u| u.role);
    let reads = role.is_some_and(|r| r.can(Capability::ReadFunds));
    let writes = role.is_some_and(|r| r.can(Capability::EditFunds));
    let loans = LocalResource::new(move || async move {
        let query = jingzhun_shared::credit::LoanQuery { household_id: Some(household_id), ..Default::default() };
        Ok::<Loans, ClientError>(session.api().loans(&query).await?.items)
    });
    reads.then(|| view! {
        <h3><T zh="扶贫小额信贷" en="Microcredit"/></h3>
        <Loaded resource=loans children=move |loans: Loans| if loans.is_empty() {
            view! { <p class="empty no-loans"><T zh="暂无贷款记录" en="No loan yet"/></p> }.into_any()
        } else {
            view! { <ul class="rows household-loans">{loans.into_iter().map(|l| view! {
                <li><A href=Page::Loan(l.id).href() attr:class="row-link"><div class="grow">
                    <strong>{l.bank.clone()}" "{l.amount_fen.to_yuan_string()}<T zh=" 元" en=" yuan"/></strong>" "{badges(i18n, &l)}
                    <div class="muted small">{l.issued_on.to_string()}" – "{l.due_on.to_string()}" · "{l.contract_no.clone()}</div>
                </div><span class="amount"><T zh="余额 " en="owed "/>{l.balance_fen.to_yuan_string()}</span></A></li>
            }).collect_view()}</ul> }.into_any()
        }/>
        {writes.then(|| view! {
            <p><A href=Page::NewLoan(household_id).href() attr:class="button-link"><T zh="登记贷款" en="Record a loan"/></A></p>
        })}
    })
}
