//! The district's money: the year's rates, every batch with its amount, projects, spending
//! and a progress bar, bar charts of budget by batch and by kind, and filing a new batch.

use jingzhun_shared::funds::{CreateFundBatch, FundBatchDto, FundBatchQuery, RatesQuery};
use jingzhun_shared::money::rate_bp;
use jingzhun_shared::{FundSource, ProjectKind, ProjectStatus, Role};
use leptos::prelude::*;
use leptos_router::components::A;

use crate::components::chart::{Bar, BarChart};
use crate::components::field::Field;
use crate::components::{failed, server_error, show_save_error, wan};
use crate::i18n::{I18n, T, use_i18n};
use crate::session::use_session;

pub fn kind_label(i18n: &I18n, kind: ProjectKind) -> &'static str {
    match kind {
        ProjectKind::Industry => i18n.t("产业", "Industry"),
        ProjectKind::Infrastructure => i18n.t("基础设施", "Infrastructure"),
        ProjectKind::Employment => i18n.t("就业", "Employment"),
        ProjectKind::Education => i18n.t("教育", "Education"),
        ProjectKind::Health => i18n.t("健康", "Health"),
        ProjectKind::Housing => i18n.t("住房", "Housing"),
        ProjectKind::Ecology => i18n.t("生态", "Ecology"),
        ProjectKind::Other => i18n.t("其他", "Other"),
    }
}

pub fn status_label(i18n: &I18n, status: ProjectStatus) -> &'static str {
    match status {
        ProjectStatus::Planned => i18n.t("计划", "Planned"),
        ProjectStatus::Started => i18n.t("已开工", "Started"),
        ProjectStatus::Completed => i18n.t("已竣工", "Completed"),
        ProjectStatus::Accepted => i18n.t("已验收", "Accepted"),
    }
}

/// Basis points as a percentage with two decimals.
pub fn percent(bp: i64) -> String {
    format!("{}.{:02} %", bp / 100, bp % 100)
}

/// A thin progress bar of `bp` basis points.
pub fn meter(bp: i64) -> impl IntoView {
    let width = format!("width: {}%", (bp.clamp(0, 10_000) as f64) / 100.0);
    view! { <div class="meter" role="presentation"><span style=width></span></div> }
}

#[component]
pub fn FundsPage() -> impl IntoView {
    let session = use_session();
    let i18n = use_i18n();
    let year = RwSignal::new(None::<i32>);
    let reload = RwSignal::new(0u32);
    let data = LocalResource::new(move || {
        reload.track();
        let chosen = year.get();
        async move {
            let api = session.api();
            let all = api.fund_batches(&FundBatchQuery::default()).await?;
            let years: Vec<i32> = {
                let mut y: Vec<i32> = all.iter().map(|b| b.year).collect();
                y.dedup();
                y
            };
            let Some(shown) = chosen.or_else(|| years.first().copied()) else {
                return Ok::<_, jingzhun_shared::ClientError>(None);
            };
            let batches: Vec<FundBatchDto> = all.into_iter().filter(|b| b.year == shown).collect();
            let rates = api.fund_rates(&RatesQuery { year: shown, org_unit_id: None }).await?;
            let kinds = api.funds_by_kind(&RatesQuery { year: shown, org_unit_id: None }).await?;
            Ok(Some((shown, years, batches, rates, kinds)))
        }
    });
    let writes = move || session.user().is_some_and(|u| matches!(u.role, Role::Admin | Role::DistrictOfficial));
    view! {
        <section class="page">
            <h1><T zh="资金项目" en="Funds and projects"/></h1>
            <Transition fallback=move || view! { <p class="muted"><T zh="加载中…" en="Loading…"/></p> }>
                {move || data.get().map(|result| match result {
                    Err(e) => failed(&session, &i18n, &e),
                    Ok(None) => view! { <p class="empty"><T zh="尚无资金批次" en="No fund batch yet"/></p> }.into_any(),
                    Ok(Some((shown, years, batches, rates, kinds))) => view! {
                        <div class="buttons">
                            {years.into_iter().map(|y| view! {
                                <button type="button" class:primary=y == shown on:click=move |_| year.set(Some(y))>{y}</button>
                            }).collect_view()}
                        </div>
                        <div class="card stats">
                            <p class="stat"><span class="stat-value">{rates.projects}</span><span class="stat-label"><T zh="项目个数" en="Projects"/></span></p>
                            <p class="stat"><span class="stat-value">{wan(rates.budget_fen)}</span><span class="stat-label"><T zh="资金（万元）" en="Budget (10k yuan)"/></span></p>
                            <p class="stat"><span class="stat-value">{percent(rates.start_rate_bp)}</span><span class="stat-label"><T zh="开工率" en="Started"/></span></p>
                            <p class="stat"><span class="stat-value">{percent(rates.completion_rate_bp)}</span><span class="stat-label"><T zh="竣工率" en="Completed"/></span></p>
                            <p class="stat"><span class="stat-value">{percent(rates.expenditure_rate_bp)}</span><span class="stat-label"><T zh="资金支出率" en="Spent"/></span></p>
                            <p class="stat"><span class="stat-value">{percent(rates.industry_share_bp)}</span><span class="stat-label"><T zh="产业项目资金占比" en="Industry share"/></span></p>
                        </div>
                        <h2><T zh="资金批次" en="Batches"/></h2>
                        <ul class="rows batches">
                            {batches.clone().into_iter().map(|b| {
                                let spent_bp = rate_bp(b.spent_fen.0, b.amount_fen.0);
                                view! {
                                    <li class="row"><A href=format!("/funds/batches/{}", b.id) attr:class="row-link">
                                        <strong>{b.name.clone()}</strong>
                                        <div class="muted small">{b.document_no.clone()}" · "{b.projects}<T zh=" 个项目" en=" projects"/>
                                            " · "{wan(b.amount_fen)}<T zh=" 万元" en="×10k yuan"/>
                                            " · "<T zh="已支出 " en="spent "/>{wan(b.spent_fen)}" ("{percent(spent_bp)}")"</div>
                                        {meter(spent_bp)}
                                    </A></li>
                                }
                            }).collect_view()}
                        </ul>
                        <h2><T zh="各批次资金（已支出 / 预算）" en="Budget by batch (spent / budget)"/></h2>
                        <BarChart title=i18n.t("各批次资金", "Budget by batch").to_owned()
                            bars=batches.iter().map(|b| Bar { label: format!("第{}批", b.seq), whole: b.amount_fen.0, part: b.spent_fen.0 }).collect()/>
                        <h2><T zh="各类别资金（已支出 / 预算）" en="Budget by kind (spent / budget)"/></h2>
                        <BarChart title=i18n.t("各类别资金", "Budget by kind").to_owned()
                            bars=kinds.iter().filter(|k| k.projects > 0).map(|k| Bar { label: kind_label(&i18n, k.kind).to_owned(), whole: k.budget_fen.0, part: k.spent_fen.0 }).collect()/>
                    }.into_any(),
                })}
            </Transition>
            {move || writes().then(|| view! { <NewBatchForm reload/> })}
        </section>
    }
}

#[component]
fn NewBatchForm(reload: RwSignal<u32>) -> impl IntoView {
    let session = use_session();
    let i18n = use_i18n();
    let year = RwSignal::new(String::new());
    let seq = RwSignal::new(String::new());
    let name = RwSignal::new(String::new());
    let document = RwSignal::new(String::new());
    let issued = RwSignal::new(String::new());
    let source = RwSignal::new(FundSource::Central);
    let errors = RwSignal::new(jingzhun_shared::FieldErrors::new());
    let message = RwSignal::new(None::<String>);
    let err = move |f: &'static str| Signal::derive(move || server_error(errors, f));
    let save = Action::new_local(move |body: &CreateFundBatch| {
        let body = body.clone();
        async move { session.api().create_fund_batch(&body).await }
    });
    Effect::new(move |_| match save.value().get() {
        Some(Ok(_)) => {
            for s in [seq, name, document] {
                s.set(String::new());
            }
            errors.set(Default::default());
            reload.update(|r| *r += 1);
        }
        Some(Err(e)) => show_save_error(&i18n, &e, errors, message),
        None => {}
    });
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        message.set(None);
        let mut local = jingzhun_shared::FieldErrors::new();
        let y = year.get_untracked().trim().parse::<i32>().ok();
        let s = seq.get_untracked().trim().parse::<i32>().ok();
        let d = chrono::NaiveDate::parse_from_str(issued.get_untracked().trim(), "%Y-%m-%d").ok();
        if y.is_none() {
            local.insert("year".into(), vec![i18n.t("请填写年度，例如 2020", "Enter a year, e.g. 2020").into()]);
        }
        if s.is_none() {
            local.insert("seq".into(), vec![i18n.t("请填写批次序号", "Enter the batch number").into()]);
        }
        if d.is_none() {
            local.insert("issued_on".into(), vec![i18n.t("日期格式为 2020-03-01", "Date as 2020-03-01").into()]);
        }
        match (y, s, d) {
            (Some(year), Some(seq), Some(issued_on)) => {
                errors.set(local);
                save.dispatch(CreateFundBatch {
                    year,
                    seq,
                    name: name.get_untracked(),
                    document_no: document.get_untracked(),
                    source: source.get_untracked(),
                    issued_on,
                });
            }
            _ => errors.set(local),
        }
    };
    view! {
        <form class="card form" on:submit=submit>
            <h2><T zh="新增资金批次" en="New fund batch"/></h2>
            <Field label=("年度", "Year") name="year" value=year error=err("year") inputmode="numeric"/>
            <Field label=("第几批", "Batch number") name="seq" value=seq error=err("seq") inputmode="numeric"/>
            <Field label=("批次名称", "Name") name="name" value=name error=err("name")/>
            <Field label=("文号", "Document number") name="document_no" value=document error=err("document_no")/>
            <Field label=("下达日期", "Issued on") name="issued_on" value=issued error=err("issued_on") kind="date"/>
            <div class="field">
                <label for="batch-source"><T zh="资金来源" en="Source"/></label>
                <select id="batch-source" on:change=move |ev| {
                    if let Ok(s) = event_target_value(&ev).parse() { source.set(s) }
                }>
                    <option value="central">{move || i18n.t("中央", "Central")}</option>
                    <option value="provincial">{move || i18n.t("省级", "Provincial")}</option>
                    <option value="municipal">{move || i18n.t("市级", "Municipal")}</option>
                    <option value="district">{move || i18n.t("区级", "District")}</option>
                </select>
            </div>
            <p class="form-error" role="alert">{move || message.get().unwrap_or_default()}</p>
            <button type="submit" class="primary" disabled=move || save.pending().get()><T zh="保存批次" en="Save batch"/></button>
        </form>
    }
}
