//! The dashboard's charts: what the annual report holds (the registry by category, the exits
//! by year, the health compensation by kind) and what the funds' routes answer for the year
//! (funds by batch and by kind, and the spending at each month's end against the budget).

use jingzhun_shared::funds::{FundBatchQuery, RatesQuery};
use jingzhun_shared::reports::AnnualReport;
use jingzhun_shared::{Api, ClientError, PageQuery};
use leptos::prelude::*;

use crate::components::chart::{Bar, BarChart, Count, CountChart};
use crate::components::loaded::Loaded;
use crate::i18n::T;
use crate::session::use_session;

/// The last day of `month` of `year`.
fn month_end(year: i32, month: u32) -> Option<chrono::NaiveDate> {
    let next = if month == 12 { (year + 1, 1) } else { (year, month + 1) };
    chrono::NaiveDate::from_ymd_opt(next.0, next.1, 1).and_then(|d| d.pred_opt())
}

/// Bars by batch, by kind and by month.
type FundsBars = (Vec<Bar>, Vec<Bar>, Vec<Bar>);

/// The year's bars by batch and by kind, and the spending at each month's end up to today.
async fn funds_bars(api: Api, year: i32) -> Result<FundsBars, ClientError> {
    let query = FundBatchQuery { per_page: Some(PageQuery::MAX_PER_PAGE), ..Default::default() };
    let batches: Vec<Bar> = api
        .fund_batches(&query)
        .await?
        .items
        .into_iter()
        .filter(|b| b.year == year)
        .map(|b| Bar { label: format!("第{}批", b.seq), whole: b.issued_fen.fen(), part: b.spent_fen.fen() })
        .collect();
    let rates = RatesQuery { year, as_of: None, org_unit_id: None };
    let kinds: Vec<Bar> = api
        .funds_by_kind(&rates)
        .await?
        .into_iter()
        .filter(|k| k.projects > 0)
        .map(|k| Bar { label: k.kind.zh().to_owned(), whole: k.budget_fen.fen(), part: k.spent_fen.fen() })
        .collect();
    // Spent by each month's end against the year's budget, up to today.
    let today = chrono::Local::now().date_naive();
    let mut months = Vec::new();
    for month in 1..=12u32 {
        let Some(end) = month_end(year, month).filter(|d| *d <= today) else { break };
        let f = api.fund_rates(&RatesQuery { as_of: Some(end), ..rates.clone() }).await?;
        months.push(Bar { label: format!("{month}月"), whole: f.budget_fen.fen(), part: f.spent_fen.fen() });
    }
    Ok((batches, kinds, months))
}

/// The charts the report and the funds' routes draw.
#[component]
pub fn Charts(r: AnnualReport) -> impl IntoView {
    let session = use_session();
    let year = r.year;
    let reads_funds = r.funds.is_some();
    let funds = LocalResource::new(move || async move {
        if !reads_funds {
            return Ok(None);
        }
        funds_bars(session.api(), year).await.map(Some)
    });
    let registry = r.registry.clone().map(|g| {
        let by_category: Vec<Count> = g
            .by_category
            .iter()
            .map(|c| Count {
                label: c.category.zh().to_owned(),
                value: i64::try_from(c.households).unwrap_or(i64::MAX),
                text: format!("{}户 {}人", c.households, c.people),
            })
            .collect();
        let exits: Vec<Count> = g
            .exits_by_year
            .iter()
            .map(|e| Count {
                label: format!("{}年", e.year),
                value: i64::try_from(e.households).unwrap_or(i64::MAX),
                text: format!("{}户 {}人", e.households, e.people),
            })
            .collect();
        view! {
            <div class="chart-box">
                <h3>"未脱贫户按类别"</h3>
                <CountChart title="未脱贫户按类别".to_owned() bars=by_category/>
            </div>
            <div class="chart-box">
                <h3>"历年脱贫户"</h3>
                <CountChart title="历年脱贫户".to_owned() bars=exits/>
            </div>
        }
    });
    let medical = r.medical.clone().map(|h| {
        let bars = [("住院", &h.inpatient), ("门诊", &h.outpatient), ("慢病门诊", &h.chronic)]
            .into_iter()
            .map(|(label, k)| Bar {
                label: label.to_owned(),
                whole: k.total_cost_fen.fen(),
                part: k.compensation_fen.fen(),
            })
            .collect::<Vec<_>>();
        view! {
            <div class="chart-box">
                <h3>"健康扶贫补偿（补偿 / 总费用）"</h3>
                <BarChart title="健康扶贫补偿按类别".to_owned() bars/>
            </div>
        }
    });
    view! {
        <h2><T zh="图表" en="Charts"/></h2>
        <div class="charts">
            <Loaded resource=funds children=move |f| f.map(|(batches, kinds, months)| view! {
                <div class="chart-box">
                    <h3>"各批次资金（已支出 / 下达）"</h3>
                    <BarChart title="各批次资金".to_owned() bars=batches/>
                </div>
                <div class="chart-box">
                    <h3>"各类别资金（已支出 / 预算）"</h3>
                    <BarChart title="各类别资金".to_owned() bars=kinds/>
                </div>
                <div class="chart-box">
                    <h3>"逐月累计支出（已支出 / 计划）"</h3>
                    <BarChart title="逐月累计支出".to_owned() bars=months/>
                </div>
            })/>
            {registry}
            {medical}
        </div>
    }
}
