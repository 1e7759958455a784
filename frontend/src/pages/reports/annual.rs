//! The report page: year and as-of day, the sections the reader may see, a print button.

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
    let report = LocalResource::new(move || {
        let year = year.get().trim().parse().unwrap_or_else(|_| default_year());
        let as_of = chrono::NaiveDate::parse_from_str(as_of.get().trim(), "%Y-%m-%d").ok();
        async move {
            let query = AnnualReportQuery { year, as_of, org_unit_id: None };
            session.api().annual_report(&query).await
        }
    });
    let print = move |_| {
        if let Some(w) = web_sys::window() {
            let _ = w.print();
        }
    };
    view! {
        <section class="page report">
            <div class="page-head no-print">
                <h1><T zh="年度报告" en="Annual report"/></h1>
                <button type="button" on:click=print><T zh="打印" en="Print"/></button>
            </div>
            <div class="filters no-print">
                <Field label=("年度", "Year") name="report-year" value=year inputmode="numeric"/>
                <Field label=("截至日期（可空）", "As of (optional)") name="report-as-of" value=as_of kind="date"/>
            </div>
            <Loaded resource=report children=move |r: AnnualReport| view! { <Sections r/> }/>
        </section>
    }
}
