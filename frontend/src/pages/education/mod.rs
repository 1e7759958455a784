//! Education poverty alleviation (教育扶贫): the year's figures (by stage, school place and
//! programme), the 控辍保学 list of school-age children without a school record, the aid on
//! record, and for those who enter data, recording aid for a member ([`aid_form`]).

mod aid_form;

use std::sync::Arc;

use jingzhun_shared::education::{
    AidProgramme, AidTally, EducationFigures, OutOfSchoolChild, OutOfSchoolQuery, StudentAidDto, StudentAidQuery,
};
use jingzhun_shared::funds::RatesQuery;
use jingzhun_shared::{Capability, ClientError};
use leptos::prelude::*;
use leptos_router::components::A;

use crate::Page;
use crate::components::enum_select::EnumFilter;
use crate::components::field::Field;
use crate::components::list::{Column, PagedList, SortKey, order, text};
use crate::components::loaded::Loaded;
use crate::i18n::{T, use_i18n};
use crate::pages::ten_projects::ProjectTabs;
use crate::session::use_session;

const PER_PAGE: u64 = 20;

/// The year a page opens on: the demo's, where the figures are.
pub(crate) const FIRST_YEAR: &str = "2020";

fn tally_cells(t: AidTally) -> impl IntoView {
    view! { <td>{t.students}</td><td class="amount">{t.amount_fen.to_yuan_string()}</td> }
}

#[component]
pub fn EducationPage() -> impl IntoView {
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
            session.api().education_figures(&RatesQuery { year, as_of: None, org_unit_id: None }).await
        }
    });
    view! {
        <section class="page education">
            <h1><T zh="教育扶贫" en="Education"/></h1>
            <ProjectTabs current=Page::Education/>
            <Field label=("年度", "Year") name="education-year" value=year inputmode="numeric"/>
            <Loaded resource=figures children=move |f: EducationFigures| view! { <Figures f/> }/>
            <OutOfSchool year=Signal::derive(year_value) reload/>
            {writes.then(|| view! { <aid_form::AidForm reload/> })}
            <AidList year=Signal::derive(year_value) reload/>
        </section>
    }
}

#[component]
fn Figures(f: EducationFigures) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <div class="card figures">
            <p class="big">{f.student_aid.students}<T zh=" 名学生获资助，" en=" students aided, "/>
                {f.student_aid.amount_fen.to_yuan_string()}<T zh=" 元" en=" yuan"/></p>
            <table class="table figures-table">
                <thead><tr><th><T zh="分类" en="Group"/></th><th><T zh="人数" en="Students"/></th><th><T zh="金额（元）" en="Yuan"/></th></tr></thead>
                <tbody>
                    {f.by_stage.iter().map(|s| { let stage = s.stage; view! {
                        <tr><td>{move || i18n.label(stage)}</td>{tally_cells(s.tally)}</tr>
                    }}).collect_view()}
                    <tr><td><T zh="学籍在区内" en="Schools in the district"/></td>{tally_cells(f.in_district)}</tr>
                    <tr><td><T zh="学籍在区外" en="Schools outside"/></td>{tally_cells(f.out_of_district)}</tr>
                    {f.by_programme.iter().map(|p| { let programme = p.programme; view! {
                        <tr><td>{move || i18n.label(programme)}</td>{tally_cells(p.tally)}</tr>
                    }}).collect_view()}
                </tbody>
            </table>
            <p class="muted small"><T zh="学生资助按学段、学籍统计（不含雨露计划，雨露计划单列）。" en="Stage and place count the bureau's aid; 雨露计划 is counted apart."/></p>
            <p class:warning=f.out_of_school != 0><T zh="控辍保学：无在校记录的适龄儿童 " en="School-age children without a school record: "/>{f.out_of_school}<T zh=" 人" en=""/></p>
        </div>
    }
}

#[component]
fn OutOfSchool(year: Signal<Option<i32>>, reload: RwSignal<u32>) -> impl IntoView {
    let session = use_session();
    let page = RwSignal::new(1u64);
    let list = LocalResource::new(move || {
        reload.track();
        let query = OutOfSchoolQuery {
            year: year.get().unwrap_or_default(),
            org_unit_id: None,
            page: Some(page.get()),
            per_page: Some(PER_PAGE),
        };
        async move { session.api().out_of_school(&query).await }
    });
    let columns = vec![
        Column::new(("姓名", "Name"), |c: &OutOfSchoolChild| c.name.clone().into_any()).sort(|c| text(&c.name)),
        Column::new(("年龄", "Age"), |c: &OutOfSchoolChild| c.age.into_any())
            .sort(|c| SortKey::Number(i64::from(c.age))),
        Column::new(("户编号", "Household"), |c: &OutOfSchoolChild| {
            let (href, number) = (Page::Household(c.household_id).href(), c.household_number.clone());
            view! { <A href=href>{number}</A> }.into_any()
        })
        .sort(|c| text(&c.household_number)),
        Column::new(("村", "Village"), |c: &OutOfSchoolChild| c.village_name.clone().into_any())
            .sort(|c| text(&c.village_name)),
    ];
    let card = Arc::new(|c: OutOfSchoolChild| {
        view! {
            <A href=Page::Household(c.household_id).href() attr:class="row-link"><div class="grow">
                <strong>{c.name.clone()}</strong>
                <div class="muted small">{c.age}" 岁 · "{c.village_name.clone()}" · "{c.household_number.clone()}</div>
            </div></A>
        }
        .into_any()
    });
    view! {
        <h2><T zh="控辍保学：6–15 周岁无在校记录" en="Aged 6–15 without a school record"/></h2>
        <PagedList resource=list page per_page=PER_PAGE columns card class="out-of-school"
            empty=("适龄儿童均有本年度在校记录", "Every school-age child has a record this year")/>
    }
}

#[component]
fn AidList(year: Signal<Option<i32>>, reload: RwSignal<u32>) -> impl IntoView {
    let session = use_session();
    let i18n = use_i18n();
    let page = RwSignal::new(1u64);
    let programme = RwSignal::new(None::<AidProgramme>);
    let list = LocalResource::new(move || {
        reload.track();
        let query = StudentAidQuery {
            year: year.get(),
            programme: programme.get(),
            page: Some(page.get()),
            per_page: Some(PER_PAGE),
            ..Default::default()
        };
        async move { session.api().student_aid(&query).await }
    });
    let columns = vec![
        Column::new(("学生", "Student"), |a: &StudentAidDto| a.member_name.clone().into_any())
            .sort(|a| text(&a.member_name)),
        Column::new(("学段", "Stage"), move |a: &StudentAidDto| i18n.label(a.stage).into_any())
            .sort(|a| order(a.stage)),
        Column::new(("学校", "School"), |a: &StudentAidDto| a.school.clone().into_any()).sort(|a| text(&a.school)),
        Column::new(("资助项目", "Programme"), move |a: &StudentAidDto| i18n.label(a.programme).into_any())
            .sort(|a| order(a.programme)),
        Column::new(("金额（元）", "Yuan"), |a: &StudentAidDto| a.amount_fen.to_yuan_string().into_any())
            .sort(|a| SortKey::Number(a.amount_fen.fen())),
        Column::new(("发放日期", "Paid on"), |a: &StudentAidDto| a.paid_on.to_string().into_any())
            .sort(|a| text(&a.paid_on.to_string())),
    ];
    let card = Arc::new(move |a: StudentAidDto| {
        view! {
        <div class="grow">
            <strong>{a.member_name.clone()}</strong>
            <div class="muted small">{i18n.label(a.stage)}" · "{a.school.clone()}" · "{i18n.label(a.programme)}" · "{a.paid_on.to_string()}</div>
        </div>
        <span class="amount">{a.amount_fen.to_yuan_string()}<T zh=" 元" en=" yuan"/></span>
    }.into_any()
    });
    view! {
        <h2><T zh="学生资助记录" en="Student aid on record"/></h2>
        <EnumFilter aria_label="programme" any=("全部资助项目", "Every programme") value=programme on_pick=Callback::new(move |_| page.set(1))/>
        <PagedList resource=list page per_page=PER_PAGE columns card class="student-aid"
            empty=("本年度尚无资助记录", "No aid recorded this year")/>
    }
}
