//! The year the pairing pages show: the one chosen, else the current year when it has records,
//! else the latest year with records (the demo's), so a page does not open on a year of zeros.

use jingzhun_shared::pairing::{PairingFigures, PairingFiguresQuery};
use jingzhun_shared::{Api, ClientError};
use leptos::prelude::*;

use crate::i18n::T;

pub fn this_year() -> i32 {
    chrono::Datelike::year(&chrono::Local::now().date_naive())
}

/// The figures of the year `wanted`, or of the default year when none is chosen.
pub async fn figures_of(api: &Api, wanted: Option<i32>) -> Result<PairingFigures, ClientError> {
    let year = wanted.unwrap_or_else(this_year);
    let figures = api.pairing_figures(&PairingFiguresQuery { year, as_of: None, org_unit: None }).await?;
    match figures.years.last() {
        Some(&last) if wanted.is_none() && !figures.years.contains(&year) => {
            api.pairing_figures(&PairingFiguresQuery { year: last, as_of: None, org_unit: None }).await
        }
        _ => Ok(figures),
    }
}

/// A select of the years with records and the current one, newest first, `shown` selected.
#[component]
pub fn YearSelect(year: RwSignal<Option<i32>>, shown: i32, years: Vec<i32>) -> impl IntoView {
    let mut choices = years;
    choices.extend([this_year(), shown]);
    choices.sort_unstable_by(|a, b| b.cmp(a));
    choices.dedup();
    view! {
        <div class="field year-select">
            <label for="pairing-year"><T zh="统计年度" en="Year"/></label>
            <select id="pairing-year" on:change=move |ev| year.set(event_target_value(&ev).parse().ok())>
                {choices.into_iter().map(|y| view! {
                    <option value=y.to_string() selected=y == shown>{y}</option>
                }).collect_view()}
            </select>
        </div>
    }
}
