//! Housing safety (安全住房): the year's renovation figures (planned, completed and the rate,
//! the government's top-up paid, households whose records say their house is unsafe), the
//! appraisals and renovations on record, and for those who enter data, recording an appraisal
//! with photos ([`checks`]) or a renovation ([`renovations`]) and importing the bureau's lists.

mod checks;
mod photos;
mod renovations;

use jingzhun_shared::funds::RatesQuery;
use jingzhun_shared::housing::HousingFigures;
use jingzhun_shared::registry::ImportQuery;
use jingzhun_shared::{Capability, ClientError};
use leptos::prelude::*;

use crate::Page;
use crate::components::field::Field;
use crate::components::file_import::{FileImport, Upload};
use crate::components::loaded::Loaded;
use crate::components::wan;
use crate::i18n::T;
use crate::pages::education::FIRST_YEAR;
use crate::pages::funds::percent;
use crate::pages::ten_projects::ProjectTabs;
use crate::session::use_session;

#[component]
pub fn HousingPage() -> impl IntoView {
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
            session.api().housing_figures(&RatesQuery { year, as_of: None, org_unit_id: None }).await
        }
    });
    view! {
        <section class="page housing">
            <h1><T zh="安全住房" en="Housing safety"/></h1>
            <ProjectTabs current=Page::Housing/>
            <Field label=("年度", "Year") name="housing-year" value=year inputmode="numeric"/>
            <Loaded resource=figures children=move |f: HousingFigures| view! { <Figures f/> }/>
            {writes.then(|| view! { <checks::CheckForm reload/> <renovations::RenovationForm reload/> <Imports reload/> })}
            <checks::Checks year=Signal::derive(year_value) writes reload/>
            <renovations::Renovations year=Signal::derive(year_value) reload/>
        </section>
    }
}

#[component]
fn Figures(f: HousingFigures) -> impl IntoView {
    view! {
        <div class="card">
            <p class="big"><T zh="危房改造 " en="Renovations "/>{f.completed}" / "{f.planned}
                <T zh=" 户完成，完成率 " en=" completed, "/>{percent(f.completion_rate_bp)}</p>
            <dl class="facts">
                <dt><T zh="已验收" en="Accepted"/></dt><dd>{f.accepted}<T zh=" 户" en=""/></dd>
                <dt><T zh="改造费用" en="Cost"/></dt><dd>{wan(f.cost_fen)}<T zh=" 万元" en=" 10k yuan"/></dd>
                <dt><T zh="补助资金" en="Subsidy"/></dt><dd>{wan(f.subsidy_fen)}<T zh=" 万元" en=" 10k yuan"/></dd>
                <dt><T zh="政府兜底已付" en="Top-up paid"/></dt><dd>{wan(f.top_up_paid_fen)}<T zh=" 万元" en=" 10k yuan"/></dd>
                <dt><T zh="住房不安全户" en="Unsafe houses"/></dt>
                <dd class:warning=f.unsafe_households != 0>{f.unsafe_households}<T zh=" 户（未脱贫户中最近鉴定为 C/D 级且无已验收改造）" en=" (registered, latest grade C/D, no accepted renovation)"/></dd>
            </dl>
        </div>
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Sheet {
    Checks,
    Renovations,
}

fn query(u: &Upload) -> ImportQuery {
    ImportQuery { format: u.format.clone(), commit: u.commit, progress: Some(u.progress.clone()), initial_load: false }
}

/// The housing bureau's appraisal and renovation lists on the shared import card.
#[component]
fn Imports(reload: RwSignal<u32>) -> impl IntoView {
    let session = use_session();
    let sheet = RwSignal::new(Sheet::Renovations);
    let card = move || match sheet.get() {
        Sheet::Checks => {
            let upload = move |u: Upload| {
                let q = query(&u);
                async move {
                    let r = session.api().import_housing_checks(&q, u.bytes).await;
                    reload.update(|n| *n += 1);
                    r
                }
            };
            let template = move || async move { session.api().housing_check_template().await };
            view! { <FileImport intro="每行一户一次房屋鉴定，按户主身份证号匹配在册农户；任何一行有错则整份文件都不导入。"
                upload template template_name="房屋鉴定导入模板.xlsx"/> }
            .into_any()
        }
        Sheet::Renovations => {
            let upload = move |u: Upload| {
                let q = query(&u);
                async move {
                    let r = session.api().import_housing_renovations(&q, u.bytes).await;
                    reload.update(|n| *n += 1);
                    r
                }
            };
            let template = move || async move { session.api().renovation_template().await };
            view! { <FileImport intro="每行一户的危房改造：政府兜底按费用减补助计算，不必填写；任何一行有错则整份文件都不导入。"
                upload template template_name="危房改造导入模板.xlsx"/> }
            .into_any()
        }
    };
    view! {
        <details class="card imports housing-imports">
            <summary><T zh="批量导入（住建局台账）" en="Import the bureau's lists"/></summary>
            <div class="field">
                <label for="housing-import-sheet"><T zh="导入内容" en="What the file holds"/></label>
                <select id="housing-import-sheet" on:change=move |ev| {
                    sheet.set(if event_target_value(&ev) == "checks" { Sheet::Checks } else { Sheet::Renovations });
                }>
                    <option value="renovations" selected=true>"危房改造台账"</option>
                    <option value="checks">"房屋安全鉴定表"</option>
                </select>
            </div>
            {card}
        </details>
    }
}
