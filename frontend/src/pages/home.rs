//! The start page: who you are and what your part of the district holds.

use jingzhun_shared::OrgLevel;
use leptos::prelude::*;

use crate::components::error_text;
use crate::i18n::{T, use_i18n};
use crate::session::use_session;

#[component]
pub fn HomePage() -> impl IntoView {
    let session = use_session();
    let i18n = use_i18n();
    let tree = LocalResource::new(move || async move { session.api().org_tree().await });
    let user = session.user();
    view! {
        <section class="page">
            <h1><T zh="工作台" en="Dashboard"/></h1>
            {user.map(|user| view! {
                <div class="card">
                    <p class="big">{user.display_name.clone()}</p>
                    <p class="muted">{move || i18n.role(user.role)}" · "{user.org_unit.name.clone()}</p>
                </div>
            })}
            <Transition fallback=move || view! { <p class="muted"><T zh="加载中…" en="Loading…"/></p> }>
                {move || tree.get().map(|result| match result {
                    Err(e) => {
                        session.check(&e);
                        view! { <p class="form-error">{error_text(&i18n, &e)}</p> }.into_any()
                    }
                    Ok(tree) => {
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
                        }.into_any()
                    }
                })}
            </Transition>
        </section>
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
