//! The officials' landing page (工作台): the year's key figures from the annual report as
//! cards, each a link to the list of records behind it; the rates as progress bars; charts of
//! the funds by batch and by kind, the spending by month against the budget, the registry by
//! category, the exits by year and the health compensation by kind ([`super::charts`]); then
//! tables per unit ([`super::units`]). Every figure is what a route answers; nothing is computed here but
//! differences of two of them.

use jingzhun_shared::credit::{LoanQuery, LoanStatus};
use jingzhun_shared::funds::FundBatchQuery;
use jingzhun_shared::pairing::{CoverageQuery, VisitCoverage};
use jingzhun_shared::reports::{AnnualReport, AnnualReportQuery};
use jingzhun_shared::{Api, ClientError, PageQuery, Role};
use leptos::prelude::*;
use leptos_router::components::A;

use super::charts::Charts;
use super::units::UnitTables;
use crate::Page;
use crate::components::chart::ProgressBar;
use crate::components::field::Field;
use crate::components::loaded::Loaded;
use crate::components::wan;
use crate::i18n::T;
use crate::session::use_session;

/// Whether `role` lands on the dashboard; everyone else keeps the start page.
pub fn lands_on_dashboard(role: Role) -> bool {
    matches!(role, Role::Admin | Role::DistrictOfficial | Role::TownshipOfficial | Role::Auditor)
}

/// Whether the signed-in user may open `page` (a figure links only where it may).
fn opens(page: Page) -> bool {
    use_session().user().is_some_and(|u| page.allowed(u.role))
}

/// The year typed, else the latest year with a fund batch, else last year.
async fn shown_year(api: &Api, typed: &str, reads_funds: bool) -> Result<i32, ClientError> {
    if let Ok(year) = typed.trim().parse() {
        return Ok(year);
    }
    let last_year = chrono::Datelike::year(&chrono::Local::now().date_naive()) - 1;
    if !reads_funds {
        return Ok(last_year);
    }
    let query = FundBatchQuery { per_page: Some(PageQuery::MAX_PER_PAGE), ..Default::default() };
    Ok(api.fund_batches(&query).await?.items.iter().map(|b| b.year).max().unwrap_or(last_year))
}

#[component]
pub fn Dashboard() -> impl IntoView {
    let session = use_session();
    let typed = RwSignal::new(String::new());
    let reads_funds = opens(Page::Funds);
    let report = LocalResource::new(move || {
        let typed = typed.get();
        async move {
            let api = session.api();
            let year = shown_year(&api, &typed, reads_funds).await?;
            api.annual_report(&AnnualReportQuery { year, as_of: None, org_unit_id: None }).await
        }
    });
    let shown = move |r: AnnualReport| {
        let year = r.year;
        view! {
            <p class="muted dashboard-title">{format!("{}{}年", r.org_unit_name, r.year)}</p>
            <Figures r=r.clone()/>
            <Rates r=r.clone()/>
            <Charts r/>
            <UnitTables year/>
        }
    };
    view! {
        <section class="page dashboard">
            <div class="page-head">
                <h1><T zh="工作台" en="Dashboard"/></h1>
                <A href=Page::AnnualReport.href() attr:class="button-link"><T zh="年度报告" en="Annual report"/></A>
            </div>
            <div class="filters">
                <Field label=("年度（留空为最近一年）", "Year (empty: the latest)") name="dashboard-year" value=typed inputmode="numeric"/>
            </div>
            <Loaded resource=report children=shown/>
        </section>
    }
}

/// One key figure: its value, what it counts and, when the reader may open it, the list of
/// records behind it.
fn figure(value: String, label: &'static str, href: Option<String>, class: &'static str) -> AnyView {
    let body = view! {
        <span class="stat-value">{value}</span>
        <span class="stat-label">{label}</span>
    };
    match href {
        Some(href) => view! { <A href=href attr:class=format!("figure card stat {class}")>{body}" →"</A> }.into_any(),
        None => view! { <div class=format!("figure card stat {class}")>{body}</div> }.into_any(),
    }
}

/// The year's key figures as cards.
#[component]
fn Figures(r: AnnualReport) -> impl IntoView {
    let session = use_session();
    let households = opens(Page::Households);
    let loans = opens(Page::Loans);
    let visits = opens(Page::Visits);
    let overdue = LocalResource::new(move || async move {
        if !loans {
            return Ok(None);
        }
        let query = LoanQuery { status: Some(LoanStatus::Overdue), per_page: Some(1), ..Default::default() };
        session.api().loans(&query).await.map(|p| Some(p.total))
    });
    let coverage = LocalResource::new(move || async move {
        if !visits {
            return Ok(None);
        }
        session.api().visit_coverage(&CoverageQuery::default()).await.map(Some)
    });
    let link = |shown: bool, href: String| shown.then_some(href);
    let registry = r.registry.as_ref().map(|g| {
        let remaining = format!("{}?status=registered", Page::Households.href());
        view! {
            {figure(format!("{} / {}", g.households, g.people), "建档立卡户 / 人", None, "households-on-file")}
            {figure(g.remaining_households.to_string(), "未脱贫户", link(households, remaining), "remaining")}
            {figure(format!("{} / {}", g.exited_households, g.exited_people), "已脱贫户 / 人", None, "exited")}
            {figure(format!("{} / {}", g.exited_villages, g.poor_villages), "已出列 / 贫困村", None, "villages")}
        }
    });
    let funds = r.funds.as_ref().map(|f| {
        let open = opens(Page::Funds).then(|| Page::Funds.href());
        let year = r.year;
        let projects = |status: &str| {
            opens(Page::Projects).then(|| format!("{}?year={year}&status={status}", Page::Projects.href()))
        };
        view! {
            {figure(f.projects.to_string(), "扶贫项目（个）", open.clone(), "projects")}
            {figure(wan(f.budget_fen), "项目资金（万元）", open, "budget")}
            {figure(f.projects.saturating_sub(f.started).to_string(), "未开工项目（个）", projects("planned"), "not-started")}
            {figure(f.started.saturating_sub(f.completed).to_string(), "在建未完工项目（个）", projects("started"), "under-way")}
        }
    });
    let credit = r.credit.as_ref().map(|c| {
        view! {
            {figure(wan(c.new_amount_fen), "新增小额信贷（万元）", None, "new-loans")}
            {figure(wan(c.overdue_fen), "逾期金额（万元）", None, "overdue-amount")}
        }
    });
    let medical = r.medical.as_ref().map(|h| {
        figure(
            wan(h.inpatient.compensation_fen),
            "住院补偿（万元）",
            opens(Page::Health).then(|| Page::Health.href()),
            "inpatient",
        )
    });
    let overdue_card = move |n: Option<u64>| {
        n.map(|n| {
            let href = format!("{}?status=overdue", Page::Loans.href());
            figure(n.to_string(), "逾期贷款（笔）", Some(href), "overdue-loans")
        })
    };
    let visits_card = move |c: Option<VisitCoverage>| {
        c.map(|c| {
            let missing = c.total.paired.saturating_sub(c.total.visited);
            figure(missing.to_string(), "本月未走访户", Some(Page::Visits.href()), "not-visited")
        })
    };
    view! {
        <div class="figures">
            {registry}
            {funds}
            {credit}
            <Loaded resource=overdue quiet=true children=overdue_card/>
            {medical}
            <Loaded resource=coverage quiet=true children=visits_card/>
        </div>
    }
}

/// The year's rates as progress bars.
#[component]
fn Rates(r: AnnualReport) -> impl IntoView {
    let mut rates: Vec<(&'static str, i64)> = Vec::new();
    if let Some(f) = &r.funds {
        rates.extend([
            ("开工率", f.start_rate_bp),
            ("完工率", f.completion_rate_bp),
            ("资金支出率", f.expenditure_rate_bp),
            ("产业项目资金占比", f.industry_share_bp),
        ]);
    }
    if let Some(c) = &r.credit {
        if c.plan_fen.is_some() {
            rates.push(("小额信贷计划完成率", c.plan_completion_bp));
        }
        rates.push(("贫困户获贷率", c.coverage_bp));
    }
    if let Some(h) = &r.medical {
        rates.extend([("住院补偿比例", h.inpatient.ratio_bp), ("家庭医生签约服务率", h.signing_rate_bp)]);
    }
    if let Some(h) = &r.housing {
        rates.push(("危房改造完成率", h.completion_rate_bp));
    }
    if let Some(i) = &r.industry {
        rates.push(("产业奖补户覆盖率", i.household_coverage_bp));
    }
    (!rates.is_empty()).then(|| {
        view! {
            <h2><T zh="完成率" en="Rates"/></h2>
            <div class="card rates">
                {rates.into_iter().map(|(label, bp)| view! { <ProgressBar label=label.to_owned() bp/> }).collect_view()}
            </div>
        }
    })
}
