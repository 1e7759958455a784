//! Ecological compensation (生态保护脱贫): the year's figures per programme (households, 亩,
//! 万元), the compensations on record, and for those who enter data, recording one for a
//! household on a phone ([`form`]) and importing the forestry bureau's list.

mod form;

use std::sync::Arc;

use jingzhun_shared::ecology::{EcologyDto, EcologyFigures, EcologyImportQuery, EcologyProgramme, EcologyQuery};
use jingzhun_shared::funds::RatesQuery;
use jingzhun_shared::{Capability, ClientError};
use leptos::prelude::*;

use crate::Page;
use crate::components::enum_select::EnumFilter;
use crate::components::field::Field;
use crate::components::file_import::{FileImport, Upload};
use crate::components::list::{Column, PagedList, SortKey, order, text};
use crate::components::loaded::Loaded;
use crate::components::wan;
use crate::i18n::{T, use_i18n};
use crate::pages::education::FIRST_YEAR;
use crate::pages::ten_projects::ProjectTabs;
use crate::session::use_session;

const PER_PAGE: u64 = 20;

#[component]
pub fn EcologyPage() -> impl IntoView {
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
            session.api().ecology_figures(&RatesQuery { year, as_of: None, org_unit_id: None }).await
        }
    });
    view! {
        <section class="page ecology">
            <h1><T zh="生态保护脱贫" en="Ecological compensation"/></h1>
            <ProjectTabs current=Page::Ecology/>
            <Field label=("年度", "Year") name="ecology-year" value=year inputmode="numeric"/>
            <Loaded resource=figures children=move |f: EcologyFigures| view! { <Figures f/> }/>
            {writes.then(|| view! { <form::CompensationForm reload/> <Import reload/> })}
            <Compensations year=Signal::derive(year_value) reload/>
        </section>
    }
}

#[component]
fn Figures(f: EcologyFigures) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <div class="card">
            <table class="table figures-table">
                <thead><tr><th><T zh="项目" en="Programme"/></th><th><T zh="户数" en="Households"/></th>
                    <th><T zh="面积（亩）" en="Area (mu)"/></th><th><T zh="金额（万元）" en="10k yuan"/></th></tr></thead>
                <tbody>{f.programmes.iter().map(|p| { let programme = p.programme; view! {
                    <tr><td>{move || i18n.label(programme)}</td><td>{p.households}</td>
                        <td>{p.area_mu.to_string()}</td><td class="amount">{wan(p.amount_fen)}</td></tr>
                }}).collect_view()}</tbody>
            </table>
            {f.programmes.is_empty().then(|| view! { <p class="muted"><T zh="本年度尚无生态补偿发放" en="Nothing paid this year"/></p> })}
        </div>
    }
}

/// The forestry bureau's list on the shared import card.
#[component]
fn Import(reload: RwSignal<u32>) -> impl IntoView {
    let session = use_session();
    let upload = move |u: Upload| {
        let query = EcologyImportQuery { format: u.format, commit: u.commit };
        async move {
            let r = session.api().import_ecology_compensations(&query, u.bytes).await;
            reload.update(|n| *n += 1);
            r
        }
    };
    let template = move || async move { session.api().ecology_template().await };
    view! {
        <details class="card imports ecology-import">
            <summary><T zh="批量导入（林业局发放表）" en="Import the bureau's list"/></summary>
            <FileImport intro="每行一笔补偿，按身份证号匹配在册农户；任何一行有错则整份文件都不导入。"
                upload template template_name="生态补偿导入模板.xlsx"/>
        </details>
    }
}

#[component]
fn Compensations(year: Signal<Option<i32>>, reload: RwSignal<u32>) -> impl IntoView {
    let session = use_session();
    let i18n = use_i18n();
    let page = RwSignal::new(1u64);
    let programme = RwSignal::new(None::<EcologyProgramme>);
    let list = LocalResource::new(move || {
        reload.track();
        let query = EcologyQuery {
            year: year.get(),
            programme: programme.get(),
            page: Some(page.get()),
            per_page: Some(PER_PAGE),
            ..Default::default()
        };
        async move { session.api().ecology_compensations(&query).await }
    });
    let area = |c: &EcologyDto| c.area_mu.map_or_else(String::new, |a| format!("{a} 亩"));
    let columns = vec![
        Column::new(("户主", "Head"), |c: &EcologyDto| c.head_name.clone().into_any()).sort(|c| text(&c.head_name)),
        Column::new(("户编号", "Household"), |c: &EcologyDto| c.household_number.clone().into_any())
            .sort(|c| text(&c.household_number)),
        Column::new(("项目", "Programme"), move |c: &EcologyDto| i18n.label(c.programme).into_any())
            .sort(|c| order(c.programme)),
        Column::new(("面积", "Area"), move |c: &EcologyDto| area(c).into_any())
            .sort(|c| SortKey::Number(c.area_mu.map_or(0, |a| a.hundredths()))),
        Column::new(("金额（元）", "Yuan"), |c: &EcologyDto| c.amount_fen.to_yuan_string().into_any())
            .sort(|c| SortKey::Number(c.amount_fen.fen())),
        Column::new(("发放日期", "Paid on"), |c: &EcologyDto| c.paid_on.to_string().into_any())
            .sort(|c| text(&c.paid_on.to_string())),
    ];
    let card = Arc::new(move |c: EcologyDto| {
        view! {
            <div class="grow">
                <strong>{c.head_name.clone()}</strong>
                <div class="muted small">{i18n.label(c.programme)}" · "{area(&c)}" · "{c.household_number.clone()}" · "{c.paid_on.to_string()}</div>
            </div>
            <span class="amount">{c.amount_fen.to_yuan_string()}<T zh=" 元" en=" yuan"/></span>
        }
        .into_any()
    });
    view! {
        <h2><T zh="生态补偿记录" en="Compensations on record"/></h2>
        <EnumFilter aria_label="programme" any=("全部项目", "Every programme") value=programme on_pick=Callback::new(move |_| page.set(1))/>
        <PagedList resource=list page per_page=PER_PAGE columns card class="ecology-compensations"
            empty=("本年度尚无生态补偿记录", "No compensation recorded this year")/>
    }
}
