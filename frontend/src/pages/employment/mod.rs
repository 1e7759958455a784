//! Employment poverty alleviation (就业扶贫): the year's figures (market employment, public-
//! welfare posts and their wages, bases by kind, training, transport subsidies), the jobs on
//! record, and for those who enter data, recording a member's job ([`job_form`]).

mod imports;
mod job_form;

use std::sync::Arc;

use jingzhun_shared::employment::{EmploymentDto, EmploymentFigures, LabourQuery};
use jingzhun_shared::funds::RatesQuery;
use jingzhun_shared::{Capability, ClientError};
use leptos::prelude::*;

use crate::Page;
use crate::components::field::Field;
use crate::components::list::{Column, PagedList, SortKey, order, text};
use crate::components::loaded::Loaded;
use crate::i18n::{T, use_i18n};
use crate::pages::education::FIRST_YEAR;
use crate::pages::ten_projects::ProjectTabs;
use crate::session::use_session;

const PER_PAGE: u64 = 20;

#[component]
pub fn EmploymentPage() -> impl IntoView {
    let session = use_session();
    let writes = session.user().is_some_and(|u| u.role.can(Capability::EditRegistry));
    let year = RwSignal::new(FIRST_YEAR.to_owned());
    let reload = RwSignal::new(0u32);
    let year_value = move || year.get().trim().parse::<i32>().ok();
    let figures = LocalResource::new(move || {
        reload.track();
        let year = year_value();
        async move {
            let year = year.ok_or_else(|| ClientError::Decode("请填写年度".into()))?;
            session.api().employment_figures(&RatesQuery { year, as_of: None, org_unit_id: None }).await
        }
    });
    view! {
        <section class="page employment">
            <h1><T zh="就业扶贫" en="Employment"/></h1>
            <ProjectTabs current=Page::Employment/>
            <Field label=("年度", "Year") name="employment-year" value=year inputmode="numeric"/>
            <Loaded resource=figures children=move |f: EmploymentFigures| view! { <Figures f/> }/>
            {writes.then(|| view! { <job_form::JobForm reload/> <imports::EmploymentImports reload/> })}
            <Jobs year=Signal::derive(year_value) reload/>
        </section>
    }
}

#[component]
fn Figures(f: EmploymentFigures) -> impl IntoView {
    let i18n = use_i18n();
    let wage = |fen: jingzhun_shared::Fen| fen.to_yuan_string();
    view! {
        <div class="card figures">
            <p class="big">{f.employed}<T zh=" 名贫困劳动者已就业" en=" poor labourers employed"/></p>
            <ul class="facts">
                <li><T zh="提供就业岗位 " en="Posts offered "/>{f.posts_offered}<T zh=" 个" en=""/></li>
                <li><T zh="公益岗位 " en="Public-welfare posts "/>{f.public_welfare_posts}<T zh=" 人，月工资 " en=", monthly wage "/>
                    {wage(f.public_welfare_min_wage_fen)}"–"{wage(f.public_welfare_max_wage_fen)}
                    <T zh=" 元（平均 " en=" yuan (mean "/>{wage(f.public_welfare_average_wage_fen)}<T zh=" 元）" en=")"/></li>
                <li><T zh="培训 " en="Trained "/>{f.trainees}<T zh=" 人，补助 " en=", subsidy "/>{f.training_subsidy_fen.to_yuan_string()}<T zh=" 元" en=" yuan"/></li>
                <li><T zh="交通补助 " en="Transport subsidy "/>{f.transport_subsidised}<T zh=" 人，" en=", "/>{f.transport_subsidy_fen.to_yuan_string()}<T zh=" 元" en=" yuan"/></li>
            </ul>
            <table class="table figures-table">
                <thead><tr><th><T zh="基地类型" en="Kind"/></th><th><T zh="数量" en="Bases"/></th><th><T zh="岗位" en="Posts"/></th><th><T zh="吸纳" en="Absorbed"/></th></tr></thead>
                <tbody>{f.bases.iter().map(|b| { let kind = b.kind; view! {
                    <tr><td>{move || i18n.label(kind)}</td><td>{b.bases}</td><td>{b.posts}</td><td>{b.absorbed}</td></tr>
                }}).collect_view()}</tbody>
            </table>
        </div>
    }
}

#[component]
fn Jobs(year: Signal<Option<i32>>, reload: RwSignal<u32>) -> impl IntoView {
    let session = use_session();
    let i18n = use_i18n();
    let page = RwSignal::new(1u64);
    let list = LocalResource::new(move || {
        reload.track();
        let query =
            LabourQuery { year: year.get(), page: Some(page.get()), per_page: Some(PER_PAGE), ..Default::default() };
        async move { session.api().employments(&query).await }
    });
    let columns = vec![
        Column::new(("姓名", "Name"), |j: &EmploymentDto| j.member_name.clone().into_any())
            .sort(|j| text(&j.member_name)),
        Column::new(("类型", "Kind"), move |j: &EmploymentDto| i18n.label(j.kind).into_any()).sort(|j| order(j.kind)),
        Column::new(("单位或基地", "Employer"), |j: &EmploymentDto| j.employer.clone().into_any())
            .sort(|j| text(&j.employer)),
        Column::new(("开始", "Since"), |j: &EmploymentDto| j.since.to_string().into_any())
            .sort(|j| text(&j.since.to_string())),
        Column::new(("月工资（元）", "Monthly yuan"), |j: &EmploymentDto| {
            j.monthly_wage_fen.to_yuan_string().into_any()
        })
        .sort(|j| SortKey::Number(j.monthly_wage_fen.fen())),
    ];
    let card = Arc::new(move |j: EmploymentDto| {
        view! {
            <div class="grow">
                <strong>{j.member_name.clone()}</strong>
                <div class="muted small">{i18n.label(j.kind)}" · "{j.employer.clone()}" · "{j.since.to_string()}</div>
            </div>
            <span class="amount">{j.monthly_wage_fen.to_yuan_string()}<T zh=" 元/月" en=" yuan/month"/></span>
        }
        .into_any()
    });
    view! {
        <h2><T zh="就业记录" en="Jobs on record"/></h2>
        <PagedList resource=list page per_page=PER_PAGE columns card class="jobs" empty=("本年度尚无就业记录", "No job recorded this year")/>
    }
}
