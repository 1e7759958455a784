//! The report page: year and as-of day, the sections the reader may see, a print button and
//! the same report as an xlsx download.

use jingzhun_shared::reports::{AnnualReport, AnnualReportQuery};
use leptos::prelude::*;

use super::sections::Sections;
use crate::components::field::Field;
use crate::components::loaded::Loaded;
use crate::i18n::T;
use crate::session::use_session;

/// The last year with a full report: the demo's and the office's latest closed year.
fn default_year() -> i32 {
    chrono::Datelike::year(&chrono::Local::now().date_naive()) - 1
}

#[component]
pub fn AnnualReportPage() -> impl IntoView {
    let session = use_session();
    let year = RwSignal::new(default_year().to_string());
    let as_of = RwSignal::new(String::new());
    let query = move || AnnualReportQuery {
        year: year.get().trim().parse().unwrap_or_else(|_| default_year()),
        as_of: chrono::NaiveDate::parse_from_str(as_of.get().trim(), "%Y-%m-%d").ok(),
        org_unit_id: None,
    };
    let report = LocalResource::new(move || {
        let query = query();
        async move { session.api().annual_report(&query).await }
    });
    let download = move |_| {
        let query = query();
        leptos::task::spawn_local(async move {
            if let Ok(bytes) = session.api().annual_report_xlsx(&query).await {
                let name = format!("{}年度报告.xlsx", query.year);
                let _ = crate::download::save(&bytes, &name, crate::download::XLSX);
            }
        });
    };
    let print = move |_| {
        if let Some(w) = web_sys::window() {
            let _ = w.print();
        }
    };
    view! {
        <section class="page report">
            <div class="page-head no-print">
                <h1><T zh="年度报告" en="Annual report"/></h1>
                <div class="head-actions">
                    <button type="button" class="report-xlsx" on:click=download><T zh="下载 Excel" en="Excel"/></button>
                    <button type="button" on:click=print><T zh="打印" en="Print"/></button>
                </div>
            </div>
            <div class="filters no-print">
                <Field label=("年度", "Year") name="report-year" value=year inputmode="numeric"/>
                <Field label=("截至日期（可空）", "As of (optional)") name="report-as-of" value=as_of kind="date"/>
            </div>
            <Loaded resource=report children=move |r: AnnualReport| view! { <Sections r/> }/>
        </section>
    }
}
