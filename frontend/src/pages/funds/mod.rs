//! The money: the year's overview with its batches, one batch with its projects, one project
//! with its expenditures.

mod batch;
mod beneficiaries;
mod issued;
mod overview;
mod project;
mod projects;

pub use batch::BatchPage;
pub use overview::FundsPage;
pub use project::ProjectPage;
pub use projects::ProjectsPage;

use leptos::prelude::*;

/// Basis points as a percentage with two decimals.
pub fn percent(bp: i64) -> String {
    format!("{}.{:02} %", bp / 100, bp % 100)
}

/// A thin progress bar of `bp` basis points.
pub fn meter(bp: i64) -> impl IntoView {
    let width = format!("width: {}%", (bp.clamp(0, 10_000) as f64) / 100.0);
    view! { <div class="meter" role="presentation"><span style=width></span></div> }
}
