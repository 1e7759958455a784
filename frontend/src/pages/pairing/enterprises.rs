//! The district's enterprise list: search by name or credit code, paging, and each
//! enterprise's totals of the year shown (from the year's figures, computed by the server).

use std::collections::HashMap;
use std::sync::Arc;

use jingzhun_shared::pairing::{AssistanceTotals, EnterpriseDto, EnterpriseQuery};
use jingzhun_shared::{EnterpriseId, Fen};
use leptos::prelude::*;

use crate::components::list::{Column, PagedList, SortKey, text};
use crate::components::wan;
use crate::i18n::{T, use_i18n};
use crate::session::use_session;

const PER_PAGE: u64 = 20;

type Totals = Arc<HashMap<EnterpriseId, AssistanceTotals>>;

#[component]
pub fn EnterpriseList(year: i32, totals: Totals) -> impl IntoView {
    let session = use_session();
    let i18n = use_i18n();
    let q = RwSignal::new(String::new());
    let page = RwSignal::new(1u64);
    let list = LocalResource::new(move || {
        let query = EnterpriseQuery { q: Some(q.get()), page: Some(page.get()), per_page: Some(PER_PAGE) };
        async move { session.api().enterprises(&query).await }
    });
    let of = totals.clone();
    let card = Arc::new(move |e: EnterpriseDto| card(e.clone(), of.get(&e.id).copied().unwrap_or_default()));
    view! {
        <h2><T zh="帮扶企业" en="Enterprises"/>" · "{year}</h2>
        <input class="search" type="search" id="enterprise-list-search" aria-label="search"
            placeholder=move || i18n.t("企业名称或信用代码", "Name or credit code")
            prop:value=move || q.get() on:input=move |ev| { q.set(event_target_value(&ev)); page.set(1); }/>
        <PagedList resource=list page per_page=PER_PAGE columns=columns(totals) card class="enterprises"
            empty=("没有符合条件的企业", "No enterprise matches")/>
    }
}

fn columns(totals: Totals) -> Vec<Column<EnterpriseDto>> {
    let of = move |e: &EnterpriseDto| totals.get(&e.id).copied().unwrap_or_default();
    let (funds, hired, projects, products) = (of.clone(), of.clone(), of.clone(), of.clone());
    vec![
        Column::new(("企业", "Enterprise"), |e: &EnterpriseDto| {
            view! { <strong>{e.name.clone()}</strong> }.into_any()
        })
        .sort(|e| text(&e.name)),
        Column::new(("行业", "Industry"), |e: &EnterpriseDto| e.industry.clone().into_any())
            .sort(|e| text(&e.industry)),
        Column::new(("联系人", "Contact"), |e: &EnterpriseDto| {
            format!("{} {}", e.contact, e.contact_phone).into_any()
        }),
        Column::new(("资金（万元）", "Funds"), move |e: &EnterpriseDto| wan(funds(e).funds_fen).into_any())
            .sort(move |e| SortKey::Number(of(e).funds_fen.fen())),
        Column::new(("就业（人）", "Hired"), move |e: &EnterpriseDto| hired(e).labour_hired.into_any()),
        Column::new(("项目（个）", "Projects"), move |e: &EnterpriseDto| projects(e).projects_claimed.into_any()),
        Column::new(("农产品（万元）", "Products"), move |e: &EnterpriseDto| {
            wan(products(e).products_fen).into_any()
        }),
    ]
}

fn card(e: EnterpriseDto, t: AssistanceTotals) -> AnyView {
    let money = |fen: Fen| wan(fen);
    view! {
        <div class="grow">
            <strong>{e.name.clone()}</strong>
            <div class="muted small">{e.industry.clone()}" · "{e.credit_code.clone()}</div>
            <div class="small"><T zh="资金 " en="Funds "/>{money(t.funds_fen)}<T zh=" 万元 · 就业 " en=" · hired "/>
                {t.labour_hired}<T zh=" 人 · 项目 " en=" · projects "/>{t.projects_claimed}</div>
        </div>
    }
    .into_any()
}
