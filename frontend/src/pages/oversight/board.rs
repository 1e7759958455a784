//! The rectification board: totals, the overdue problems first (with days overdue), counts by
//! source and by township, then every problem with a status filter; cards on a phone, tables
//! on a desktop.

use std::sync::Arc;

use jingzhun_shared::oversight::{
    BoardQuery, ProblemCounts, ProblemDto, ProblemQuery, ProblemStatus, RectificationBoard,
};
use leptos::prelude::*;
use leptos_router::components::A;

use super::status_badges;
use crate::Page;
use crate::components::enum_select::EnumFilter;
use crate::components::list::{Column, List, PagedList, SortKey, order, text};
use crate::components::loaded::Loaded;
use crate::i18n::{T, use_i18n};
use crate::session::use_session;

const PER_PAGE: u64 = 20;

#[component]
pub fn RectificationPage() -> impl IntoView {
    let session = use_session();
    let status = RwSignal::new(None::<ProblemStatus>);
    let page = RwSignal::new(1u64);
    let board =
        LocalResource::new(move || async move { session.api().rectification_board(&BoardQuery::default()).await });
    let overdue = LocalResource::new(move || async move {
        let query = ProblemQuery { overdue: Some(true), per_page: Some(200), ..Default::default() };
        session.api().problems(&query).await
    });
    let list = LocalResource::new(move || {
        let query = ProblemQuery {
            status: status.get(),
            page: Some(page.get()),
            per_page: Some(PER_PAGE),
            ..Default::default()
        };
        async move { session.api().problems(&query).await }
    });
    view! {
        <section class="page rectification">
            <h1><T zh="问题整改" en="Rectification"/></h1>
            <Loaded resource=board children=move |b: RectificationBoard| view! { <Board board=b/> }/>
            <h2><T zh="逾期问题" en="Overdue problems"/></h2>
            <Loaded resource=overdue children=move |p| view! {
                <List items=p.items columns=columns() card=Arc::new(card) class="overdue-problems"
                    empty=("没有逾期未销号的问题", "No problem is overdue")/>
            }/>
            <h2><T zh="全部问题" en="All problems"/></h2>
            <div class="filters">
                <EnumFilter aria_label="status" any=("全部状态", "Any status") value=status on_pick=Callback::new(move |()| page.set(1))/>
            </div>
            <PagedList resource=list page per_page=PER_PAGE columns=columns() card=Arc::new(card) class="problems"
                empty=("没有符合条件的问题", "No problems match")/>
        </section>
    }
}

#[component]
fn Board(board: RectificationBoard) -> impl IntoView {
    let i18n = use_i18n();
    let t = board.total.clone();
    let rows = |cells: Vec<(String, ProblemCounts)>| {
        cells
            .into_iter()
            .map(|(name, c)| view! {
                <tr><td>{name}</td><td class="num">{c.open}</td><td class="num overdue-count">{c.overdue}</td><td class="num">{c.closed}</td></tr>
            })
            .collect_view()
    };
    let sources: Vec<_> = board.by_source.iter().map(|s| (i18n.label(s.source).to_owned(), s.counts.clone())).collect();
    let units: Vec<_> = board.by_unit.iter().map(|u| (u.name.clone(), u.counts.clone())).collect();
    let head = move |first: (&'static str, &'static str)| {
        view! {
            <thead><tr><th>{move || i18n.t(first.0, first.1)}</th><th><T zh="未销号" en="Open"/></th>
                <th><T zh="逾期" en="Overdue"/></th><th><T zh="已销号" en="Closed"/></th></tr></thead>
        }
    };
    view! {
        <div class="stats">
            <div class="stat card"><span class="stat-value open-total">{t.open}</span><span class="stat-label"><T zh="未销号" en="Open"/></span></div>
            <div class="stat card"><span class="stat-value overdue-total">{t.overdue}</span><span class="stat-label"><T zh="逾期" en="Overdue"/></span></div>
            <div class="stat card"><span class="stat-value closed-total">{t.closed}</span><span class="stat-label"><T zh="已销号" en="Closed"/></span></div>
            <div class="stat card"><span class="stat-value">{board.today.map(|d| d.to_string())}</span><span class="stat-label"><T zh="统计日期" en="As of"/></span></div>
        </div>
        <div class="table-scroll"><table class="table figures-table by-source">{head(("来源", "Source"))}<tbody>{rows(sources)}</tbody></table></div>
        <div class="table-scroll"><table class="table figures-table by-unit">{head(("乡镇/单位", "Township"))}<tbody>{rows(units)}</tbody></table></div>
    }
}

fn columns() -> Vec<Column<ProblemDto>> {
    let i18n = use_i18n();
    vec![
        Column::new(("问题", "Problem"), |p: &ProblemDto| {
            let d = p.description.clone();
            view! { <A href=Page::Problem(p.id).href()>{d}</A> }.into_any()
        }),
        Column::new(("来源", "Source"), move |p: &ProblemDto| i18n.label(p.source).into_any())
            .sort(|p| order(p.source)),
        Column::new(("单位", "Unit"), |p: &ProblemDto| p.org_unit_name.clone().into_any())
            .sort(|p| text(&p.org_unit_name)),
        Column::new(("责任单位", "Responsible"), |p: &ProblemDto| p.responsible_units.clone().into_any()),
        Column::new(("整改时限", "Deadline"), |p: &ProblemDto| p.deadline.to_string().into_any())
            .sort(|p| text(&p.deadline.to_string())),
        Column::new(("措施", "Measures"), |p: &ProblemDto| format!("{}/{}", p.measures_done, p.measures).into_any()),
        Column::new(("状态", "Status"), move |p: &ProblemDto| status_badges(i18n, p).into_any())
            .sort(|p| SortKey::Number(p.days_overdue.unwrap_or(0))),
    ]
}

fn card(p: ProblemDto) -> AnyView {
    let i18n = use_i18n();
    view! {
        <A href=Page::Problem(p.id).href() attr:class="row-link problem-card">
            <div class="grow">
                <strong>{p.description.clone()}</strong>
                <div class="muted small">{i18n.label(p.source)}" · "{p.org_unit_name.clone()}" · "
                    <T zh="时限 " en="due "/>{p.deadline.to_string()}" · "<T zh="措施 " en="measures "/>{p.measures_done}"/"{p.measures}</div>
            </div>
            {status_badges(i18n, &p)}
        </A>
    }
    .into_any()
}
