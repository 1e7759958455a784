//! What a household received in a year across every project (享受政策), on its card: one list
//! with each line's project, the totals per project and the total, and a choice of the years
//! it received anything. The server assembles the lines; this page only lays them out.

use jingzhun_shared::benefits::{BenefitsQuery, HouseholdBenefits};
use jingzhun_shared::{Fen, HouseholdId};
use leptos::prelude::*;

use crate::components::loaded::Loaded;
use crate::i18n::{T, use_i18n};
use crate::session::use_session;

/// The household's benefits of the chosen year (the latest with any at first), reloaded when
/// `reload` changes.
#[component]
pub fn BenefitList(household_id: HouseholdId, reload: RwSignal<u32>) -> impl IntoView {
    let session = use_session();
    let year = RwSignal::new(None::<i32>);
    let data = LocalResource::new(move || {
        reload.track();
        let year = year.get();
        async move { session.api().household_benefits(household_id, &BenefitsQuery { year }).await }
    });
    view! {
        <Loaded resource=data children=move |b: HouseholdBenefits| view! {
            <YearChoice benefits=b.clone() year/>
            <Lines benefits=b/>
        }/>
    }
}

#[component]
fn YearChoice(benefits: HouseholdBenefits, year: RwSignal<Option<i32>>) -> impl IntoView {
    let mut years = benefits.years.clone();
    if !years.contains(&benefits.year) {
        years.insert(0, benefits.year);
    }
    let shown = benefits.year;
    view! {
        <div class="field benefits-year">
            <label for="benefits-year"><T zh="年度" en="Year"/></label>
            <select id="benefits-year" name="benefits-year" on:change=move |ev| {
                year.set(event_target_value(&ev).parse().ok());
            }>
                {years.into_iter().map(|y| view! {
                    <option value=y.to_string() selected=y == shown>{format!("{y}")}</option>
                }).collect_view()}
            </select>
        </div>
    }
}

#[component]
fn Lines(benefits: HouseholdBenefits) -> impl IntoView {
    let i18n = use_i18n();
    let year = benefits.year;
    if benefits.lines.is_empty() {
        return view! {
            <p class="empty no-benefits">
                {format!("{year} ")}
                <T zh="年暂无享受政策记录（产业补助、学生资助、就业补贴、贴息、医疗报销、危房改造、社保兜底、生态补偿）"
                    en=": no benefit recorded (industry, student aid, employment, interest subsidy, health, housing, social security, ecology)"/>
            </p>
        }
        .into_any();
    }
    let yuan = |f: Fen| view! { {f.to_yuan_string()}<T zh=" 元" en=" yuan"/> };
    view! {
        <ul class="rows benefits">
            {benefits.lines.into_iter().map(|l| view! {
                <li class="row benefit-line" class:lent=l.lent><div class="grow">
                    <strong>{l.title.clone()}</strong>" "{l.detail.clone()}
                    <div class="muted small">{i18n.t(l.area.zh(), l.area.en())}
                        {l.on.map(|on| format!(" · {on}"))}
                        " · "<span class="benefit-source">{i18n.t(l.source.zh(), l.source.en())}
                        {l.source_id.map(|id| format!(" #{id}"))}</span></div>
                    {l.lent.then(|| view! {
                        <div class="muted small"><T zh="贷款，需归还，不计入合计" en="A loan, to be repaid: not in the totals"/></div>
                    })}
                </div><span class="amount">{yuan(l.amount_fen)}</span></li>
            }).collect_view()}
            {benefits.totals.into_iter().map(|t| view! {
                <li class="row benefit-subtotal muted">
                    <span class="grow">{i18n.t(t.area.zh(), t.area.en())}<T zh=" 小计" en=" subtotal"/></span>
                    <span class="amount">{yuan(t.amount_fen)}</span>
                </li>
            }).collect_view()}
            <li class="row benefits-total">
                <strong class="grow">{format!("{year} ")}<T zh="年合计" en=" total"/></strong>
                <strong class="amount">{yuan(benefits.total_fen)}</strong>
            </li>
        </ul>
    }
    .into_any()
}
