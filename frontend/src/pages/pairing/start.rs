//! The start page's part of the month's visits for a village clerk or a cadre: the households
//! of the village (or the cadre's own) not visited this month, each one tap from its visit form;
//! the clerk picks the cadre it records for first.

use jingzhun_shared::pairing::{CoverageQuery, VisitCoverage};
use jingzhun_shared::{CadreId, Capability, Role};
use leptos::prelude::*;
use leptos_router::components::A;

use super::visits::{CadrePicker, NotVisitedRow};
use crate::Page;
use crate::components::loaded::Loaded;
use crate::i18n::T;
use crate::session::use_session;

/// How many the start page lists; the visits page has them all.
const SHOWN: usize = 20;

#[component]
pub fn NotVisitedThisMonth() -> impl IntoView {
    let session = use_session();
    let role = session.user().map(|u| u.role);
    let shown = role.is_some_and(|r| matches!(r, Role::VillageClerk | Role::Cadre) && r.can(Capability::RecordVisit));
    let reload = RwSignal::new(0u32);
    let coverage = LocalResource::new(move || {
        reload.track();
        async move { session.api().visit_coverage(&CoverageQuery::default()).await }
    });
    shown.then(|| view! {
        <h2><T zh="本月未走访" en="Not visited this month"/></h2>
        <Loaded resource=coverage children=move |c: VisitCoverage| {
            let more = c.not_visited.len().saturating_sub(SHOWN);
            let cadre = RwSignal::new(None::<CadreId>);
            let all = StoredValue::new(c.not_visited.clone());
            let rows = move || {
                let cadre = cadre.get();
                all.with_value(|all| {
                    let chosen = all.iter().filter(|h| cadre.is_none_or(|c| h.cadre_id == c)).take(SHOWN);
                    chosen.cloned().map(|h| view! { <NotVisitedRow household=h reload/> }).collect_view()
                })
            };
            view! {
                <p class="muted small">{c.month.clone()}" · "<T zh="已走访 " en="visited "/>{c.total.visited}" / "{c.total.paired}</p>
                {if c.not_visited.is_empty() {
                    view! { <p class="empty"><T zh="本月结对户均已走访" en="Every household has been visited"/></p> }.into_any()
                } else {
                    view! {
                        <CadrePicker households=c.not_visited.clone() cadre/>
                        <ul class="rows not-visited">{rows}</ul>
                    }.into_any()
                }}
                {(more > 0).then(|| view! {
                    <p><A href=Page::Visits.href() attr:class="button-link">
                        <T zh="查看全部未走访户（另 " en="All not visited ("/>{more}<T zh=" 户）" en=" more)"/>
                    </A></p>
                })}
            }
        }/>
    })
}
