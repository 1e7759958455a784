//! The household card's health section: per member the year's claim count and totals and the
//! premium subsidised. A clerk or township official sees only that; the health officer also
//! reaches each person's health year.

use jingzhun_shared::health::{MemberHealthTotals, YearQuery};
use jingzhun_shared::{Capability, ClientError, HouseholdId};
use leptos::prelude::*;

use crate::Page;
use crate::components::field::Field;
use crate::components::loaded::Loaded;
use crate::i18n::T;
use crate::session::use_session;

type Totals = Vec<MemberHealthTotals>;

#[component]
pub fn HouseholdHealth(household_id: HouseholdId) -> impl IntoView {
    let session = use_session();
    let role = session.user().map(|u| u.role);
    let shown = role.is_some_and(|r| r.can(Capability::ReadHealthTotals));
    let details = role.is_some_and(|r| r.can(Capability::ReadHealth));
    let year = RwSignal::new(String::new());
    let data = LocalResource::new(move || {
        let typed = year.get();
        async move {
            let api = session.api();
            let year = match typed.trim() {
                _ if !shown => return Ok::<Totals, ClientError>(Vec::new()),
                "" => super::latest_year(&api).await,
                text => match text.parse() {
                    Ok(year) => year,
                    Err(_) => return Ok(Vec::new()),
                },
            };
            Ok(api.household_health_totals(household_id, &YearQuery { year }).await?.items)
        }
    });
    shown.then(|| view! {
        <div class="card household-health">
            <h2><T zh="健康扶贫" en="Health"/></h2>
            <Field label=("年度（留空为最近设置政策的年度）", "Year (empty: the latest with settings)") name="health-year" value=year inputmode="numeric"/>
            <Loaded resource=data children=move |totals: Totals| view! {
                {totals.iter().all(|t| t.claims == 0).then(|| view! { <p class="empty"><T zh="本年度无就诊结算" en="No claims this year"/></p> })}
                <ul class="rows">{totals.into_iter().map(|t| view! {
                    <li class="row"><div class="grow">
                        <strong>{if details {
                            view! { <a href=Page::HealthPerson(t.member_id).href()>{t.member_name.clone()}</a> }.into_any()
                        } else { t.member_name.clone().into_any() }}</strong>
                        <div class="muted small">{format!("就诊结算 {} 次 · 医疗总费用 {} 元 · 补偿 {} 元 · 个人自付 {} 元 · 参保资助 {} 元",
                            t.claims, t.total_cost_fen.to_yuan_string(), t.compensation_fen.to_yuan_string(), t.out_of_pocket_fen.to_yuan_string(),
                            t.premium_fen.to_yuan_string())}</div>
                    </div></li>
                }).collect_view()}</ul>
            }/>
        </div>
    })
}
