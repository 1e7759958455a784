//! The credit figures on the funds page: a year's new loans against the plan, the balance, the
//! coverage, overdue money and the risk fund, as of the date the page is set to.

use chrono::Datelike;
use jingzhun_shared::credit::{CreditFigures, YearPage};
use jingzhun_shared::funds::RatesQuery;
use leptos::prelude::*;
use leptos_router::components::A;

use super::date;
use crate::Page;
use crate::components::loaded::Loaded;
use crate::components::wan;
use crate::i18n::T;
use crate::pages::funds::percent;
use crate::session::use_session;

/// The figures of `as_of`'s year as of that date; when it is empty, of the latest year with a
/// plan (this year without one) as of now.
#[component]
pub fn CreditSummary(as_of: RwSignal<String>) -> impl IntoView {
    let session = use_session();
    let figures = LocalResource::new(move || {
        let as_of = date(&as_of.get());
        async move {
            let api = session.api();
            let year = match as_of {
                Some(d) => d.year(),
                None => match api.credit_plans(&YearPage::default()).await?.items.first() {
                    Some(plan) => plan.year,
                    None => chrono::Local::now().date_naive().year(),
                },
            };
            api.credit_figures(&RatesQuery { year, as_of, org_unit_id: None }).await
        }
    });
    let stat = |value: String, zh: &'static str, en: &'static str| {
        view! { <p class="stat"><span class="stat-value">{value}</span><span class="stat-label"><T zh en/></span></p> }
    };
    view! {
        <h2><T zh="扶贫小额信贷" en="Microcredit"/></h2>
        <p><A href=Page::Loans.href()><T zh="贷款台账与贴息批次 →" en="Loans and subsidy batches →"/></A></p>
        <Loaded resource=figures children=move |f: CreditFigures| view! {
            <p class="muted small">{f.year}<T zh=" 年，截至 " en=", as of "/>{f.as_of.to_string()}</p>
            <div class="card stats credit-stats">
                {stat(wan(f.new_amount_fen), "新增贷款（万元）", "New loans (10k yuan)")}
                {stat(f.new_households.to_string(), "新增贷款户", "New borrowers")}
                {stat(format!("{} / {}", f.enterprise_use.households, f.household_use.households), "户贷企用 / 户贷户用", "Enterprise / household use")}
                {stat(percent(f.plan_completion_bp), "完成省下达计划", "Of the plan")}
                {stat(wan(f.outstanding_fen), "贷款余额（万元）", "Outstanding (10k yuan)")}
                {stat(f.borrowing_households.to_string(), "累计贷款户", "Households that borrowed")}
                {stat(percent(f.coverage_bp), "获贷率", "Coverage")}
                {stat(percent(f.overdue_rate_bp), "逾期率", "Overdue rate")}
                {stat(wan(f.subsidy_paid_fen), "已拨付贴息（万元）", "Subsidy paid (10k yuan)")}
                {stat(wan(f.risk_fund_balance_fen), "风险补偿金（万元）", "Risk fund (10k yuan)")}
            </div>
        }/>
    }
}
