//! Family-doctor signings (家庭医生签约), paged, with a switch to the expired ones.

use std::sync::Arc;

use jingzhun_shared::health::{DoctorSigningDto, DoctorSigningQuery};
use leptos::prelude::*;

use crate::Page;
use crate::components::list::{Column, PagedList, text};
use crate::i18n::T;
use crate::session::use_session;

const PER_PAGE: u64 = 50;

#[component]
pub fn SigningsPage() -> impl IntoView {
    let session = use_session();
    let page = RwSignal::new(1u64);
    let expired = RwSignal::new(false);
    let data = LocalResource::new(move || {
        let query = DoctorSigningQuery {
            expired: expired.get().then_some(true),
            page: Some(page.get()),
            per_page: Some(PER_PAGE),
            ..Default::default()
        };
        async move { session.api().doctor_signings(&query).await }
    });
    let card = Arc::new(|s: DoctorSigningDto| {
        view! {
            <div class="grow">
                <strong><a href=Page::HealthPerson(s.member_id).href()>{s.member_name.clone()}</a></strong>
                <div class="muted small">{format!("{} · {} · {} 至 {}", s.team, s.doctor, s.signed_on, s.valid_to)}</div>
            </div>
            {s.expired.then(|| view! { <span class="badge warn"><T zh="已过期" en="Expired"/></span> })}
        }
        .into_any()
    });
    let columns = vec![
        Column::new(("签约人", "Person"), |s: &DoctorSigningDto| {
            view! { <a href=Page::HealthPerson(s.member_id).href()>{s.member_name.clone()}</a> }.into_any()
        })
        .sort(|s| text(&s.member_name)),
        Column::new(("团队", "Team"), |s: &DoctorSigningDto| s.team.clone().into_any()),
        Column::new(("医生", "Doctor"), |s: &DoctorSigningDto| s.doctor.clone().into_any()),
        Column::new(("签约日期", "Signed"), |s: &DoctorSigningDto| s.signed_on.to_string().into_any()),
        Column::new(("有效期至", "Valid to"), |s: &DoctorSigningDto| {
            let expired = s.expired;
            view! { {s.valid_to.to_string()}{expired.then(|| view! { " " <span class="badge warn"><T zh="已过期" en="Expired"/></span> })} }.into_any()
        }),
    ];
    view! {
        <section class="page signings">
            <p><a href=Page::Health.href()><T zh="← 健康扶贫" en="← Health"/></a></p>
            <h1><T zh="家庭医生签约" en="Family-doctor signings"/></h1>
            <label class="check">
                <input type="checkbox" prop:checked=move || expired.get()
                    on:change=move |ev| { expired.set(event_target_checked(&ev)); page.set(1); }/>
                <T zh=" 只看已过期的签约" en=" Expired signings only"/>
            </label>
            <PagedList resource=data page per_page=PER_PAGE columns card class="signings" empty=("没有签约记录", "No signings")/>
        </section>
    }
}
