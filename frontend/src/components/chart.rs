//! Charts drawn as SVG by Leptos, each an image with its title for screen readers and its
//! figures as text: a bar chart of money (the spent part over the budget), a bar chart of
//! counts, and a progress bar for a rate. No chart library, nothing fetched.

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

/// One bar of a [`CountChart`]: a label, its value and the value as the bar's text.
#[derive(Debug, Clone, PartialEq)]
pub struct Count {
    pub label: String,
    pub value: i64,
    pub text: String,
}

/// A horizontal bar chart of plain values (households, people): one bar a row, its text at
/// the bar's end.
#[component]
pub fn CountChart(
    /// Read by screen readers.
    title: String,
    bars: Vec<Count>,
) -> impl IntoView {
    const ROW: i64 = 24;
    const LABEL: i64 = 86;
    const WIDTH: i64 = 320;
    const TEXT: i64 = 64;
    let max = bars.iter().map(|b| b.value).max().unwrap_or(0).max(1);
    let height = ROW * bars.len() as i64 + 4;
    let scale = move |v: i64| (WIDTH - LABEL - TEXT) * v.max(0) / max;
    let label = title.clone();
    view! {
        <svg class="chart" viewBox=format!("0 0 {WIDTH} {height}") role="img" aria-label=label>
            <title>{title}</title>
            {bars.into_iter().enumerate().map(|(i, b)| {
                let y = i as i64 * ROW;
                let width = scale(b.value);
                view! {
                    <g class="bar">
                        <text x="0" y=y + 15 class="bar-label">{b.label.clone()}</text>
                        <rect x=LABEL y=y + 4 width=width.max(1) height="14" class="bar-part"/>
                        <text x=LABEL + width + 4 y=y + 15 class="bar-value">{b.text.clone()}</text>
                    </g>
                }
            }).collect_view()}
        </svg>
    }
}

/// A rate as a progress bar: its name and percentage as text, the bar drawn as SVG with the
/// same words for screen readers.
#[component]
pub fn ProgressBar(
    /// What the rate is, e.g. 完工率.
    label: String,
    /// The rate in basis points (8519 = 85.19 %); drawn up to 100 %.
    bp: i64,
) -> impl IntoView {
    let text = format!("{}.{:02}%", bp / 100, (bp % 100).abs());
    let filled = bp.clamp(0, 10_000) / 100;
    let name = format!("{label} {text}");
    let aria = name.clone();
    view! {
        <div class="progress-bar">
            <div class="progress-text"><span>{label}</span><strong>{text}</strong></div>
            <svg class="progress-svg" viewBox="0 0 100 6" preserveAspectRatio="none" role="img" aria-label=aria>
                <title>{name}</title>
                <rect x="0" y="0" width="100" height="6" class="bar-whole"/>
                <rect x="0" y="0" width=filled height="6" class="bar-part"/>
            </svg>
        </div>
    }
}
