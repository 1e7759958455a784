//! A person's health years: the claims in settlement order with their layers and how each was
//! computed, what the "351" cap saved the person each year, the premium subsidised for them,
//! and (for the health officer) the claim entry form and the correction of a claim on file.

use std::collections::BTreeMap;

use chrono::Datelike;
use jingzhun_shared::health::{HealthClaimDto, HealthClaimQuery, HealthRules, PremiumSubsidyDto, PremiumSubsidyQuery};
use jingzhun_shared::{Capability, ClientError, Fen, MemberId, PageQuery};
use leptos::prelude::*;

use super::claim_form::ClaimForm;
use super::today;
use crate::Page;
use crate::components::loaded::Loaded;
use crate::i18n::{T, use_i18n};
use crate::page::route_id;
use crate::session::use_session;

/// The person's claims, the settings of the years the form may enter, the premium subsidies.
type Data = (Vec<HealthClaimDto>, Vec<(i32, HealthRules, i64)>, Vec<PremiumSubsidyDto>);

#[component]
pub fn HealthPersonPage() -> impl IntoView {
    let session = use_session();
    let id = route_id(MemberId);
    let reload = RwSignal::new(0u32);
    let editing = RwSignal::new(None::<HealthClaimDto>);
    let corrected = RwSignal::new(None::<HealthClaimDto>);
    let writes = session.user().is_some_and(|u| u.role.can(Capability::EditHealth));
    // A saved correction closes the form; the reload shows every recomputed claim.
    Effect::new(move |_| {
        if corrected.with(Option::is_some) {
            editing.set(None);
        }
    });
    let data = LocalResource::new(move || {
        reload.track();
        let id = id();
        async move {
            let api = session.api();
            let id = id.ok_or_else(|| ClientError::Decode("bad id".into()))?;
            let query =
                HealthClaimQuery { member_id: Some(id), per_page: Some(PageQuery::MAX_PER_PAGE), ..Default::default() };
            let claims = api.health_claims(&query).await?.items;
            let mut rules = Vec::new();
            let this_year = today().year();
            let mut years: Vec<i32> = claims.iter().map(|c| c.year).chain(this_year - 6..=this_year).collect();
            years.sort_unstable();
            years.dedup();
            for year in years {
                if let Some(s) = api.health_settings(year).await?.settings {
                    rules.push((year, s.rules(), s.supplement_rate_bp));
                }
            }
            let premiums = PremiumSubsidyQuery { member_id: Some(id), ..Default::default() };
            let premiums = api.premium_subsidies(&premiums).await?.items;
            Ok::<Data, ClientError>((claims, rules, premiums))
        }
    });
    view! {
        <section class="page health-person">
            <p><a href=Page::Health.href()><T zh="← 健康扶贫" en="← Health"/></a></p>
            {move || corrected.get().map(|c| view! { <Corrected c/> })}
            <Loaded resource=data children=move |(claims, rules, premiums): Data| {
                let member_id = id();
                let name = claims.first().map(|c| c.member_name.clone());
                let name = name.or_else(|| premiums.first().map(|p| p.member_name.clone())).unwrap_or_default();
                // A reload after a refused correction puts the claim's latest state in the form.
                let fresh = editing.get_untracked().and_then(|e| claims.iter().find(|c| c.id == e.id && c.version != e.version).cloned());
                if fresh.is_some() {
                    editing.set(fresh);
                }
                let listed = claims.clone();
                let form = move |editing: Option<HealthClaimDto>| {
                    let (claims, rules) = (claims.clone(), rules.clone());
                    member_id.filter(|_| writes).map(|member_id| match editing {
                        Some(editing) => view! { <ClaimForm member_id claims rules reload editing corrected/> }.into_any(),
                        None => view! { <ClaimForm member_id claims rules reload/> }.into_any(),
                    })
                };
                let form = StoredValue::new(form);
                view! {
                    <h1><T zh="健康扶贫年度 " en="Health years "/>{name}</h1>
                    // A correction opens above the list, where the phone scrolls to.
                    {move || editing.get().map(|claim| view! {
                        <button type="button" class="link-button" on:click=move |_| editing.set(None)><T zh="取消更正" en="Cancel the correction"/></button>
                        {form.with_value(|f| f(Some(claim)))}
                    })}
                    <Years claims=listed premiums editing=writes.then_some(editing)/>
                    {move || editing.get().is_none().then(|| form.with_value(|f| f(None)))}
                }
            }/>
        </section>
    }
}

/// What the server settled a corrected claim at, and how.
#[component]
fn Corrected(c: HealthClaimDto) -> impl IntoView {
    view! {
        <div class="card corrected" role="status">
            <p><strong>{format!("已更正 {} 的结算", c.discharged_on)}</strong></p>
            <p>{format!("“351”兜底 {} 元 · “180”补充 {} 元 · 个人自付 {} 元",
                c.fallback_fen.to_yuan_string(), c.supplementary_fen.to_yuan_string(), c.out_of_pocket_fen.to_yuan_string())}</p>
            <ul class="muted small">{c.explanation.iter().map(|l| view! { <li>{l.clone()}</li> }).collect_view()}</ul>
        </div>
    }
}

/// The claims and premium subsidies by year; with `editing`, each claim has a button that
/// opens it in the form.
#[component]
fn Years(
    claims: Vec<HealthClaimDto>,
    premiums: Vec<PremiumSubsidyDto>,
    editing: Option<RwSignal<Option<HealthClaimDto>>>,
) -> impl IntoView {
    let i18n = use_i18n();
    if claims.is_empty() && premiums.is_empty() {
        return view! { <p class="empty"><T zh="尚无就诊结算记录" en="No claims on file"/></p> }.into_any();
    }
    let mut years: BTreeMap<i32, (Vec<HealthClaimDto>, Vec<PremiumSubsidyDto>)> = BTreeMap::new();
    for c in claims {
        years.entry(c.year).or_default().0.push(c);
    }
    for p in premiums {
        years.entry(p.year).or_default().1.push(p);
    }
    years
        .into_iter()
        .rev()
        .map(|(year, (claims, premiums))| {
            let sum = |f: fn(&HealthClaimDto) -> Fen| Fen::new(claims.iter().map(|c| f(c).fen()).sum());
            let (cost, saved, own) =
                (sum(|c| c.total_cost_fen), sum(|c| c.fallback_fen), sum(|c| c.out_of_pocket_fen));
            view! {
                <div class="card health-year">
                    <h2>{year}<T zh=" 年" en=""/></h2>
                    <p>{format!("{} 次就诊，医疗总费用 {} 元，个人自付 {} 元；“351”封顶为您节省 {} 元。",
                        claims.len(), cost.to_yuan_string(), own.to_yuan_string(), saved.to_yuan_string())}</p>
                    {premiums.into_iter().map(|p| view! { <p class="premium">{format!("参保资助：{} {} 元（{} 资助）",
                        p.kind.zh(), p.amount_fen.to_yuan_string(), p.paid_on)}</p> }).collect_view()}
                    <ol class="rows claims">{claims.into_iter().map(|c| {
                        let kind = c.kind;
                        let edit = editing.map(|editing| {
                            let claim = c.clone();
                            let open = move |_| {
                                editing.set(Some(claim.clone()));
                                if let Some(window) = web_sys::window() {
                                    window.scroll_to_with_x_and_y(0.0, 0.0);
                                }
                            };
                            view! { <button type="button" class="correct" on:click=open>
                                <T zh="更正" en="Correct"/></button> }
                        });
                        view! { <li class="row"><div class="grow">
                            <strong>{c.discharged_on.to_string()}" "{move || i18n.label(kind)}" · "{c.hospital.clone()}" · "
                                {c.total_cost_fen.to_yuan_string()}<T zh=" 元" en=" yuan"/></strong>
                            <ul class="muted small">{c.explanation.iter().map(|l| view! { <li>{l.clone()}</li> }).collect_view()}</ul>
                            {edit}
                        </div></li> }
                    }).collect_view()}</ol>
                </div>
            }
        })
        .collect_view()
        .into_any()
}
