//! The district's money: the year's rates (now, or as recorded up to a chosen date, to
//! reproduce a month-end report), every batch with its issued and allocated amounts, projects,
//! spending and a progress bar, bar charts by batch and by kind, and filing a new batch.

use std::sync::Arc;

use jingzhun_shared::PageQuery;
use jingzhun_shared::funds::{CreateFundBatch, FundBatchDto, FundBatchQuery, FundRates, KindTotal, RatesQuery};
use jingzhun_shared::{Capability, ClientError, Fen, FieldErrors, FundSource};
use leptos::prelude::*;
use leptos_router::components::A;

use crate::Page;
use crate::components::chart::{Bar, BarChart};
use crate::components::enum_select::EnumSelect;
use crate::components::field::Field;
use crate::components::list::{Column, List, SortKey, text};
use crate::components::loaded::Loaded;
use crate::components::save::use_save;
use crate::components::wan;
use crate::i18n::{T, use_i18n};
use crate::pages::funds::{meter, percent};
use crate::session::use_session;

/// The year shown, every year with a batch, that year's batches, rates and totals by kind.
type Year = (i32, Vec<i32>, Vec<FundBatchDto>, FundRates, Vec<KindTotal>);

#[component]
pub fn FundsPage() -> impl IntoView {
    let session = use_session();
    let year = RwSignal::new(None::<i32>);
    let as_of = RwSignal::new(String::new());
    let reload = RwSignal::new(0u32);
    let data = LocalResource::new(move || {
        reload.track();
        let chosen = year.get();
        let as_of = chrono::NaiveDate::parse_from_str(as_of.get().trim(), "%Y-%m-%d").ok();
        async move {
            let api = session.api();
            let query = FundBatchQuery { per_page: Some(PageQuery::MAX_PER_PAGE), ..Default::default() };
            let all = api.fund_batches(&query).await?.items;
            let mut years: Vec<i32> = all.iter().map(|b| b.year).collect();
            years.dedup();
            let Some(shown) = chosen.or_else(|| years.first().copied()) else {
                return Ok::<Option<Year>, ClientError>(None);
            };
            let batches: Vec<FundBatchDto> = all.into_iter().filter(|b| b.year == shown).collect();
            let query = RatesQuery { year: shown, as_of, org_unit_id: None };
            let rates = api.fund_rates(&query).await?;
            let kinds = api.funds_by_kind(&query).await?;
            Ok(Some((shown, years, batches, rates, kinds)))
        }
    });
    let writes = session.user().is_some_and(|u| u.role.can(Capability::EditFunds));
    view! {
        <section class="page">
            <h1><T zh="资金项目" en="Funds and projects"/></h1>
            <Field label=("统计截至日期（留空为当前）", "Figures as of (empty: now)") name="as_of" value=as_of kind="date"/>
            <p><A href=Page::PvStations.href()><T zh="光伏扶贫电站：收益与分配 →" en="PV stations: income and payments →"/></A></p>
            <Loaded resource=data children=move |shown| match shown {
                None => view! { <p class="empty"><T zh="尚无资金批次" en="No fund batch yet"/></p> }.into_any(),
                Some(shown) => view! { <YearView shown year/> }.into_any(),
            }/>
            <crate::pages::credit::CreditSummary as_of/>
            {writes.then(|| view! { <NewBatchForm reload/> })}
        </section>
    }
}

#[component]
fn YearView(shown: Year, year: RwSignal<Option<i32>>) -> impl IntoView {
    let i18n = use_i18n();
    let (shown, years, batches, rates, kinds) = shown;
    let stat = |value: String, zh: &'static str, en: &'static str| {
        view! { <p class="stat"><span class="stat-value">{value}</span><span class="stat-label"><T zh en/></span></p> }
    };
    let by_batch = batches
        .iter()
        .map(|b| Bar { label: format!("第{}批", b.seq), whole: b.issued_fen.fen(), part: b.spent_fen.fen() })
        .collect();
    let by_kind = kinds
        .iter()
        .filter(|k| k.projects > 0)
        .map(|k| Bar { label: i18n.label(k.kind).to_owned(), whole: k.budget_fen.fen(), part: k.spent_fen.fen() })
        .collect();
    view! {
        <div class="buttons" role="group" aria-label="year">
            {years.into_iter().map(|y| view! {
                <button type="button" class:primary=y == shown on:click=move |_| year.set(Some(y))>{y}</button>
            }).collect_view()}
        </div>
        <div class="card stats">
            {stat(rates.projects.to_string(), "项目个数", "Projects")}
            {stat(wan(rates.budget_fen), "资金（万元）", "Budget (10k yuan)")}
            {stat(percent(rates.start_rate_bp), "开工率", "Started")}
            {stat(percent(rates.completion_rate_bp), "竣工率", "Completed")}
            {stat(percent(rates.expenditure_rate_bp), "资金支出率", "Spent")}
            {stat(percent(rates.industry_share_bp), "产业项目资金占比", "Industry share")}
        </div>
        <h2><T zh="资金批次" en="Batches"/></h2>
        <List items=batches columns=columns() card=Arc::new(card) class="batches" empty=("尚无资金批次", "No fund batch yet")/>
        <h2><T zh="各批次资金（已支出 / 下达）" en="By batch (spent / issued)"/></h2>
        <BarChart title=i18n.t("各批次资金", "Budget by batch").to_owned() bars=by_batch/>
        <h2><T zh="各类别资金（已支出 / 预算）" en="Budget by kind (spent / budget)"/></h2>
        <BarChart title=i18n.t("各类别资金", "Budget by kind").to_owned() bars=by_kind/>
    }
}

fn spent_bp(b: &FundBatchDto) -> i64 {
    b.spending_progress_bp
}

fn columns() -> Vec<Column<FundBatchDto>> {
    vec![
        Column::new(("批次", "Batch"), |b: &FundBatchDto| {
            let name = b.name.clone();
            view! { <A href=Page::Batch(b.id).href()><strong>{name}</strong></A> }.into_any()
        })
        .sort(|b| SortKey::Number(i64::from(b.seq))),
        Column::new(("文号", "Document"), |b: &FundBatchDto| b.document_no.clone().into_any())
            .sort(|b| text(&b.document_no)),
        Column::new(("项目", "Projects"), |b: &FundBatchDto| b.projects.into_any())
            .sort(|b| SortKey::Number(i64::try_from(b.projects).unwrap_or(i64::MAX))),
        Column::new(("下达（万元）", "Issued (10k yuan)"), |b: &FundBatchDto| wan(b.issued_fen).into_any())
            .sort(|b| SortKey::Number(b.issued_fen.fen())),
        Column::new(("未分配（万元）", "Unallocated (10k yuan)"), |b: &FundBatchDto| {
            wan(b.unallocated_fen).into_any()
        })
        .sort(|b| SortKey::Number(b.unallocated_fen.fen())),
        Column::new(("已支出", "Spent"), |b: &FundBatchDto| percent(spent_bp(b)).into_any())
            .sort(|b| SortKey::Number(spent_bp(b))),
    ]
}

fn card(b: FundBatchDto) -> AnyView {
    let bp = spent_bp(&b);
    view! {
        <A href=Page::Batch(b.id).href() attr:class="row-link">
            <strong>{b.name.clone()}</strong>
            <div class="muted small">{b.document_no.clone()}" · "{b.projects}<T zh=" 个项目" en=" projects"/>
                " · "<T zh="下达 " en="issued "/>{wan(b.issued_fen)}<T zh=" 万元" en="×10k yuan"/>
                " · "<T zh="已分配 " en="allocated "/>{wan(b.allocated_fen)}
                " · "<T zh="已支出 " en="spent "/>{wan(b.spent_fen)}" ("{percent(bp)}")"</div>
            {meter(bp)}
        </A>
    }
    .into_any()
}

#[component]
fn NewBatchForm(reload: RwSignal<u32>) -> impl IntoView {
    let session = use_session();
    let i18n = use_i18n();
    let [year, seq, name, document, issued, amount] = std::array::from_fn(|_| RwSignal::new(String::new()));
    let source = RwSignal::new(FundSource::Central);
    let save = use_save(
        move |body: CreateFundBatch| async move { session.api().create_fund_batch(&body).await },
        move |_| {
            for s in [seq, name, document, amount] {
                s.set(String::new());
            }
            reload.update(|r| *r += 1);
            None
        },
    );
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let mut local = FieldErrors::new();
        let mut check = |field: &str, ok: bool, zh: &'static str, en: &'static str| {
            if !ok {
                local.insert(field.into(), vec![i18n.t(zh, en).to_owned()]);
            }
        };
        let y = year.get_untracked().trim().parse::<i32>().ok();
        let s = seq.get_untracked().trim().parse::<i32>().ok();
        let d = chrono::NaiveDate::parse_from_str(issued.get_untracked().trim(), "%Y-%m-%d").ok();
        check("year", y.is_some(), "请填写年度，例如 2020", "Enter a year, e.g. 2020");
        check("seq", s.is_some(), "请填写批次序号", "Enter the batch number");
        check("issued_on", d.is_some(), "日期格式为 2020-03-01", "Date as 2020-03-01");
        let issued_fen = Fen::parse_yuan(&amount.get_untracked()).ok();
        check("issued_fen", issued_fen.is_some(), "请填写下达金额（元）", "Enter the issued amount (yuan)");
        let (Some(year), Some(seq), Some(issued_on), Some(issued_fen)) = (y, s, d, issued_fen) else {
            save.errors.set(local);
            return;
        };
        let (name, document_no, source) = (name.get_untracked(), document.get_untracked(), source.get_untracked());
        save.dispatch(CreateFundBatch { year, seq, name, document_no, source, issued_on, issued_fen, sources: vec![] });
    };
    view! {
        <form class="card form" on:submit=submit>
            <h2><T zh="新增资金批次" en="New fund batch"/></h2>
            <Field label=("年度", "Year") name="year" value=year error=save.field("year") inputmode="numeric"/>
            <Field label=("第几批", "Batch number") name="seq" value=seq error=save.field("seq") inputmode="numeric"/>
            <Field label=("批次名称", "Name") name="name" value=name error=save.field("name")/>
            <Field label=("文号", "Document number") name="document_no" value=document error=save.field("document_no")/>
            <Field label=("下达日期", "Issued on") name="issued_on" value=issued error=save.field("issued_on") kind="date"/>
            <Field label=("下达金额（元）", "Issued (yuan)") name="issued_fen" value=amount error=save.field("issued_fen") inputmode="decimal"/>
            <EnumSelect label=("资金来源（多个来源可在批次页分列）", "Source (split by source on the batch page)") id="batch-source" value=source/>
            <p class="form-error" role="alert">{move || save.message.get().unwrap_or_default()}</p>
            <button type="submit" class="primary" disabled=move || save.pending()><T zh="保存批次" en="Save batch"/></button>
        </form>
    }
}
