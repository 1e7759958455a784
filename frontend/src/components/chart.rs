//! A horizontal bar chart drawn as SVG by Leptos: one bar per row, the spent part over the
//! budget, labels in the page's font. No chart library, nothing fetched.

use jingzhun_shared::Fen;
use leptos::prelude::*;

use crate::components::wan;

/// One bar: a label, its whole (e.g. budget) and the filled part (e.g. spent), in fen.
#[derive(Debug, Clone, PartialEq)]
pub struct Bar {
    pub label: String,
    pub whole: i64,
    pub part: i64,
}

#[component]
pub fn BarChart(
    /// Read by screen readers.
    title: String,
    bars: Vec<Bar>,
) -> impl IntoView {
    const ROW: i64 = 34;
    const LABEL: i64 = 86;
    const WIDTH: i64 = 320;
    let max = bars.iter().map(|b| b.whole).max().unwrap_or(0).max(1);
    let height = ROW * bars.len() as i64 + 4;
    let scale = |v: i64| (WIDTH - LABEL - 8) * v / max;
    let label = title.clone();
    view! {
        <svg class="chart" viewBox=format!("0 0 {WIDTH} {height}") role="img" aria-label=label>
            <title>{title}</title>
            {bars.into_iter().enumerate().map(|(i, b)| {
                let y = i as i64 * ROW;
                view! {
                    <g class="bar">
                        <text x="0" y=y + 14 class="bar-label">{b.label.clone()}</text>
                        <rect x=LABEL y=y + 2 width=scale(b.whole).max(1) height="14" class="bar-whole"/>
                        <rect x=LABEL y=y + 2 width=scale(b.part.min(b.whole)).max(0) height="14" class="bar-part"/>
                        <text x=LABEL y=y + 30 class="bar-value">{format!("{} / {} 万元", wan(Fen::new(b.part)), wan(Fen::new(b.whole)))}</text>
                    </g>
                }
            }).collect_view()}
        </svg>
    }
}
