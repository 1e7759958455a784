//! Rectification (问题整改): the board of open, overdue and closed problems with the overdue
//! on top, and a problem's page with its measures, the steps of its flow and its history.

mod board;
mod problem;

pub use board::RectificationPage;
pub use problem::ProblemPage;

use jingzhun_shared::oversight::{ProblemDto, ProblemStatus};
use leptos::prelude::*;

use crate::i18n::I18n;

/// The problem's status as a badge, and its days overdue when it has any.
pub fn status_badges(i18n: I18n, p: &ProblemDto) -> impl IntoView + use<> {
    let class = match p.status {
        ProblemStatus::Closed => "badge ok",
        ProblemStatus::Submitted => "badge",
        _ => "badge warn",
    };
    let overdue = p.days_overdue.map(|days| {
        view! { <span class="badge danger overdue-days">{move || i18n.t("逾期 ", "overdue ")}{days}{move || i18n.t(" 天", " days")}</span> }
    });
    view! { <span class=class>{i18n.label(p.status)}</span>" "{overdue} }
}
