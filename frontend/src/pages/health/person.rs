//! A person's health years: the claims in settlement order with their layers and how each was
//! computed, what the "351" cap saved the person each year, and (for the health officer) the
//! claim entry form.

use std::collections::BTreeMap;

use chrono::Datelike;
use jingzhun_shared::health::{HealthClaimDto, HealthClaimQuery, HealthRules};
use jingzhun_shared::{Capability, ClientError, Fen, MemberId, PageQuery};
use leptos::prelude::*;

use super::claim_form::ClaimForm;
use super::today;
use crate::Page;
use crate::components::loaded::Loaded;
use crate::i18n::{T, use_i18n};
use crate::page::route_id;
use crate::session::use_session;

/// The person's claims, and the settings of the years the form may enter.
type Data = (Vec<HealthClaimDto>, Vec<(i32, HealthRules, i64)>);

#[component]
pub fn HealthPersonPage() -> impl IntoView {
    let session = use_session();
    let id = route_id(MemberId);
    let reload = RwSignal::new(0u32);
    let writes = session.user().is_some_and(|u| u.role.can(Capability::EditHealth));
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
            Ok::<Data, ClientError>((claims, rules))
        }
    });
    view! {
        <section class="page health-person">
            <p><a href=Page::Health.href()><T zh="← 健康扶贫" en="← Health"/></a></p>
            <Loaded resource=data children=move |(claims, rules): Data| {
                let member_id = id();
                let name = claims.first().map(|c| c.member_name.clone()).unwrap_or_default();
                view! {
                    <h1><T zh="健康扶贫年度 " en="Health years "/>{name}</h1>
                    <Years claims=claims.clone()/>
                    {member_id.filter(|_| writes).map(|member_id| view! { <ClaimForm member_id claims rules reload/> })}
                }
            }/>
        </section>
    }
}

#[component]
fn Years(claims: Vec<HealthClaimDto>) -> impl IntoView {
    let i18n = use_i18n();
    if claims.is_empty() {
        return view! { <p class="empty"><T zh="尚无就诊结算记录" en="No claims on file"/></p> }.into_any();
    }
    let mut years: BTreeMap<i32, Vec<HealthClaimDto>> = BTreeMap::new();
    for c in claims {
        years.entry(c.year).or_default().push(c);
    }
    years
        .into_iter()
        .rev()
        .map(|(year, claims)| {
            let sum = |f: fn(&HealthClaimDto) -> Fen| Fen::new(claims.iter().map(|c| f(c).fen()).sum());
            let (cost, saved, own) =
                (sum(|c| c.total_cost_fen), sum(|c| c.fallback_fen), sum(|c| c.out_of_pocket_fen));
            view! {
                <div class="card health-year">
                    <h2>{year}<T zh=" 年" en=""/></h2>
                    <p>{format!("{} 次就诊，医疗总费用 {} 元，个人自付 {} 元；“351”封顶为您节省 {} 元。",
                        claims.len(), cost.to_yuan_string(), own.to_yuan_string(), saved.to_yuan_string())}</p>
                    <ol class="rows claims">{claims.into_iter().map(|c| {
                        let kind = c.kind;
                        view! { <li class="row"><div class="grow">
                            <strong>{c.discharged_on.to_string()}" "{move || i18n.label(kind)}" · "{c.hospital.clone()}" · "
                                {c.total_cost_fen.to_yuan_string()}<T zh=" 元" en=" yuan"/></strong>
                            <ul class="muted small">{c.explanation.iter().map(|l| view! { <li>{l.clone()}</li> }).collect_view()}</ul>
                        </div></li> }
                    }).collect_view()}</ol>
                </div>
            }
        })
        .collect_view()
        .into_any()
}
