//! Social security (社保兜底): the year's standards beside last year's, 低保 and 五保
//! households with their people, payments by kind, the list of households paid less than the
//! standard for their people, the payments on record, and for those who may, setting the
//! standards ([`standards`]), recording a payment and importing the civil-affairs list
//! ([`payments`]).

mod payments;
mod standards;

use std::sync::Arc;

use jingzhun_shared::funds::RatesQuery;
use jingzhun_shared::social_security::{AssistanceQuery, ShortfallDto, SocialFigures, SocialStandardDto};
use jingzhun_shared::{Capability, ClientError, Fen};
use leptos::prelude::*;
use leptos_router::components::A;

use crate::Page;
use crate::components::field::Field;
use crate::components::list::{Column, PagedList, SortKey, order, text};
use crate::components::loaded::Loaded;
use crate::components::wan;
use crate::i18n::{T, use_i18n};
use crate::pages::education::FIRST_YEAR;
use crate::pages::funds::percent;
use crate::pages::ten_projects::ProjectTabs;
use crate::session::use_session;

const PER_PAGE: u64 = 20;

#[component]
pub fn SocialSecurityPage() -> impl IntoView {
    let session = use_session();
    let role = session.user().map(|u| u.role);
    let writes = role.is_some_and(|r| r.can(Capability::EditRegistry));
    let sets = role.is_some_and(|r| r.can(Capability::SetPovertyLine));
    let year = RwSignal::new(FIRST_YEAR.to_owned());
    let reload = RwSignal::new(0u32);
    let year_value = move || year.get().trim().parse::<i32>().ok();
    let figures = LocalResource::new(move || {
        reload.track();
        let year = year_value();
        async move {
            let year = year.ok_or_else(|| ClientError::Decode("请填写年度".into()))?;
            session.api().social_figures(&RatesQuery { year, as_of: None, org_unit_id: None }).await
        }
    });
    view! {
        <section class="page social-security">
            <h1><T zh="社保兜底" en="Social security"/></h1>
            <ProjectTabs current=Page::SocialSecurity/>
            <Field label=("年度", "Year") name="social-year" value=year inputmode="numeric"/>
            <Loaded resource=figures children=move |f: SocialFigures| view! {
                <Figures f=f.clone()/>
                {sets.then(|| view! { <standards::StandardsForm standard=f.standard reload/> })}
            }/>
            <Shortfalls year=Signal::derive(year_value) reload/>
            {writes.then(|| view! { <payments::PaymentForm reload/> <payments::Import reload/> })}
            <payments::Payments year=Signal::derive(year_value) reload/>
        </section>
    }
}

fn yuan(f: Fen) -> String {
    if f == Fen::ZERO { "—".to_owned() } else { format!("{} 元", f.to_yuan_string()) }
}

/// The standards' rows: name, this year's, last year's.
fn standard_rows(now: &SocialStandardDto, before: &SocialStandardDto) -> Vec<(&'static str, String, String)> {
    vec![
        ("低保（元/人·年）", yuan(now.dibao_fen), yuan(before.dibao_fen)),
        ("五保集中供养", yuan(now.wubao_concentrated_fen), yuan(before.wubao_concentrated_fen)),
        ("五保分散供养", yuan(now.wubao_dispersed_fen), yuan(before.wubao_dispersed_fen)),
        ("临时救助起付线", yuan(now.temporary_threshold_fen), yuan(before.temporary_threshold_fen)),
        ("临时救助比例提高", percent(now.temporary_uplift_bp), percent(before.temporary_uplift_bp)),
    ]
}

#[component]
fn Figures(f: SocialFigures) -> impl IntoView {
    let i18n = use_i18n();
    let unset = f.standard.version == 0;
    view! {
        <div class="card">
            <h2>{f.year}<T zh=" 年保障标准" en=" standards"/></h2>
            {unset.then(|| view! { <p class="warning"><T zh="本年度标准尚未设置，无法核对发放是否足额。" en="This year's standards are not set."/></p> })}
            <table class="table figures-table">
                <thead><tr><th><T zh="标准" en="Standard"/></th><th>{f.year}</th><th>{f.year - 1}</th></tr></thead>
                <tbody>{standard_rows(&f.standard, &f.previous_standard).into_iter().map(|(name, now, before)| view! {
                    <tr><td>{name}</td><td>{now}</td><td>{before}</td></tr>
                }).collect_view()}</tbody>
            </table>
            <dl class="facts">
                <dt><T zh="低保户" en="Dibao"/></dt><dd>{f.dibao_households}<T zh=" 户 " en=" households, "/>{f.dibao_people}<T zh=" 人" en=" people"/></dd>
                <dt><T zh="五保户" en="Wubao"/></dt><dd>{f.wubao_households}<T zh=" 户 " en=" households, "/>{f.wubao_people}<T zh=" 人" en=" people"/></dd>
                <dt><T zh="发放不足户" en="Paid short"/></dt><dd class:warning=f.short_households != 0>{f.short_households}<T zh=" 户" en=""/></dd>
            </dl>
            <table class="table figures-table">
                <thead><tr><th><T zh="救助类别" en="Kind"/></th><th><T zh="户数" en="Households"/></th><th><T zh="笔数" en="Payments"/></th><th><T zh="金额（万元）" en="10k yuan"/></th></tr></thead>
                <tbody>{f.payments.iter().map(|p| { let kind = p.kind; view! {
                    <tr><td>{move || i18n.label(kind)}</td><td>{p.households}</td><td>{p.payments}</td><td class="amount">{wan(p.amount_fen)}</td></tr>
                }}).collect_view()}</tbody>
            </table>
        </div>
    }
}

#[component]
fn Shortfalls(year: Signal<Option<i32>>, reload: RwSignal<u32>) -> impl IntoView {
    let session = use_session();
    let i18n = use_i18n();
    let page = RwSignal::new(1u64);
    let list = LocalResource::new(move || {
        reload.track();
        let query = AssistanceQuery {
            year: year.get().unwrap_or_default(),
            page: Some(page.get()),
            per_page: Some(PER_PAGE),
            ..Default::default()
        };
        async move { session.api().social_shortfalls(&query).await }
    });
    let columns = vec![
        Column::new(("户主", "Head"), |s: &ShortfallDto| {
            let (href, head) = (Page::Household(s.household_id).href(), s.head_name.clone());
            view! { <A href=href>{head}</A> }.into_any()
        })
        .sort(|s| text(&s.head_name)),
        Column::new(("户编号", "Household"), |s: &ShortfallDto| s.household_number.clone().into_any())
            .sort(|s| text(&s.household_number)),
        Column::new(("类别", "Category"), move |s: &ShortfallDto| i18n.label(s.category).into_any())
            .sort(|s| order(s.category)),
        Column::new(("人数", "People"), |s: &ShortfallDto| s.people.into_any()),
        Column::new(("应发（元）", "Due"), |s: &ShortfallDto| s.due_fen.to_yuan_string().into_any())
            .sort(|s| SortKey::Number(s.due_fen.fen())),
        Column::new(("已发（元）", "Paid"), |s: &ShortfallDto| s.paid_fen.to_yuan_string().into_any())
            .sort(|s| SortKey::Number(s.paid_fen.fen())),
        Column::new(("差额（元）", "Short"), |s: &ShortfallDto| s.short_fen.to_yuan_string().into_any())
            .sort(|s| SortKey::Number(s.short_fen.fen())),
    ];
    let card = Arc::new(move |s: ShortfallDto| {
        view! {
            <A href=Page::Household(s.household_id).href() attr:class="row-link"><div class="grow">
                <strong>{s.head_name.clone()}</strong>
                <div class="muted small">{i18n.label(s.category)}" · "{s.people}" 人 · 应发 "{s.due_fen.to_yuan_string()}
                    " 元 · 已发 "{s.paid_fen.to_yuan_string()}" 元"</div>
            </div></A>
            <span class="amount warning">"差 "{s.short_fen.to_yuan_string()}" 元"</span>
        }
        .into_any()
    });
    view! {
        <h2><T zh="发放不足名单（低保、五保户低于当年标准）" en="Households paid below the standard"/></h2>
        <PagedList resource=list page per_page=PER_PAGE columns card class="shortfalls"
            empty=("低保、五保户均已足额发放", "Every household is paid the standard")/>
    }
}
