//! The start page (officials land on the dashboard instead): who you are and what your part
//! of the district holds: the registry's figures, 预脱贫, monitored households and the exits
//! of each year; for a village clerk or a cadre first the households not visited this month.

use jingzhun_shared::{Capability, HouseholdCategory, OrgLevel};
use leptos::prelude::*;
use leptos_router::components::A;

use crate::components::loaded::Loaded;
use crate::i18n::{T, use_i18n};
use crate::session::use_session;

/// Officials land on the dashboard; everyone else on the start page.
#[component]
pub fn HomePage() -> impl IntoView {
    let official = use_session().user().is_some_and(|u| crate::pages::reports::lands_on_dashboard(u.role));
    if official {
        return view! { <crate::pages::reports::Dashboard/> }.into_any();
    }
    view! { <StartPage/> }.into_any()
}

#[component]
fn StartPage() -> impl IntoView {
    let session = use_session();
    let i18n = use_i18n();
    let tree = LocalResource::new(move || async move { session.api().org_tree().await });
    let registry = LocalResource::new(move || async move {
        // Not asked for where the role may not read it (the server would answer 403).
        if session.user().is_some_and(|u| u.role.can(Capability::ReadRegistry)) {
            session.api().registry_overview(&Default::default()).await.map(Some)
        } else {
            Ok(None)
        }
    });
    let user = session.user();
    // The partner enterprise reads no registry figure.
    let reads_registry = user.as_ref().is_some_and(|u| u.role.can(Capability::ReadRegistry));
    view! {
        <section class="page">
            <h1><T zh="工作台" en="Dashboard"/></h1>
            {user.map(|user| view! {
                <div class="card">
                    <p class="big">{user.display_name.clone()}</p>
                    <p class="muted">{move || i18n.label(user.role)}" · "{user.org_unit.name.clone()}</p>
                    <p><A href=crate::Page::AnnualReport.href() attr:class="button-link"><T zh="年度报告" en="Annual report"/></A></p>
                </div>
            })}
            <Loaded resource=tree children=move |tree| {
                        let units = tree.flatten();
                        let townships = units.iter().filter(|u| u.level == OrgLevel::Township).count();
                        let villages = units.iter().filter(|u| u.level == OrgLevel::Village).count();
                        let poor = units.iter().filter(|u| u.is_poor_village).count();
                        let exited = units.iter().filter(|u| u.is_poor_village && u.exit_year.is_some()).count();
                        view! {
                            <div class="stats">
                                <Stat label=i18n.t("乡镇", "Townships") value=townships/>
                                <Stat label=i18n.t("行政村", "Villages") value=villages/>
                                <Stat label=i18n.t("贫困村", "Poor villages") value=poor/>
                                <Stat label=i18n.t("已出列", "Exited") value=exited/>
                            </div>
                        }
            }/>
            <crate::pages::pairing::NotVisitedThisMonth/>
            <Show when=move || reads_registry>
            <h2><T zh="建档立卡" en="Registry"/></h2>
            <Loaded resource=registry children=move |o| {
                        let Some(o) = o else { return ().into_any() };
                        let category = |c: HouseholdCategory| o.by_category.iter().find(|x| x.category == c).map_or((0, 0), |x| (x.households, x.people));
                        let (dibao, wubao, general) = (category(HouseholdCategory::Dibao), category(HouseholdCategory::Wubao), category(HouseholdCategory::General));
                        view! {
                            <div class="stats registry-stats">
                                <Pair label=i18n.t("在册户/人", "On file") value=(o.households, o.people)/>
                                <Pair label=i18n.t("未脱贫户/人", "Remaining") value=(o.remaining_households, o.remaining_people)/>
                                <Pair label=i18n.t("已脱贫户/人", "Exited") value=(o.exited_households, o.exited_people)/>
                                <Pair label=i18n.t("低保户/人", "Dibao") value=dibao/>
                                <Pair label=i18n.t("五保户/人", "Wubao") value=wubao/>
                                <Pair label=i18n.t("一般贫困户/人", "General") value=general/>
                                <Pair label=i18n.t("预脱贫户/人", "Pre-exit") value=(o.pre_exit_households, o.pre_exit_people)/>
                                <Count label=i18n.t("监测户", "Monitored") value=o.monitored_households/>
                            </div>
                            <h3><T zh="历年脱贫" en="Exits by year"/></h3>
                            <table class="exits-by-year">
                                <thead><tr>
                                    <th><T zh="年度" en="Year"/></th>
                                    <th><T zh="户数" en="Households"/></th>
                                    <th><T zh="人数" en="People"/></th>
                                </tr></thead>
                                <tbody>{o.exits_by_year.iter().map(|e| view! {
                                    <tr><td>{e.year}</td><td>{e.households}</td><td>{e.people}</td></tr>
                                }).collect_view()}</tbody>
                            </table>
                        }.into_any()
            }/>
            </Show>
        </section>
    }
}

#[component]
fn Pair(label: &'static str, value: (u64, u64)) -> impl IntoView {
    view! {
        <div class="stat card">
            <span class="stat-value">{value.0}" / "{value.1}</span>
            <span class="stat-label">{label}</span>
        </div>
    }
}

#[component]
fn Count(label: &'static str, value: u64) -> impl IntoView {
    view! {
        <div class="stat card">
            <span class="stat-value">{value}</span>
            <span class="stat-label">{label}</span>
        </div>
    }
}

#[component]
fn Stat(label: &'static str, value: usize) -> impl IntoView {
    view! {
        <div class="stat card">
            <span class="stat-value">{value}</span>
            <span class="stat-label">{label}</span>
        </div>
    }
}

/// An address the app has no page for (a mistyped or outdated link): said plainly, with the way
/// home, instead of sending the visit elsewhere while the app starts.
#[component]
pub fn NotFoundPage() -> impl IntoView {
    view! {
        <section class="page">
            <h1><T zh="页面不存在" en="Page not found"/></h1>
            <p class="muted"><T zh="链接可能有误或已过期。" en="The link may be mistyped or out of date."/></p>
            <p><A href=crate::Page::Home.href()><T zh="返回首页" en="Back to the home page"/></A></p>
        </section>
    }
}
