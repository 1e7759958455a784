//! The audit trail (admin, auditor): every write, who and when, newest first.

use jingzhun_shared::org::AuditQuery;
use leptos::prelude::*;

use crate::components::failed;
use crate::components::pager::Pager;
use crate::i18n::{T, use_i18n};
use crate::session::use_session;

const PER_PAGE: u64 = 30;

#[component]
pub fn AuditPage() -> impl IntoView {
    let session = use_session();
    let i18n = use_i18n();
    let page = RwSignal::new(1u64);
    let entity = RwSignal::new(String::new());
    let events = LocalResource::new(move || {
        let query = AuditQuery {
            page: Some(page.get()),
            per_page: Some(PER_PAGE),
            entity: Some(entity.get()).filter(|e| !e.is_empty()),
            entity_id: None,
        };
        async move { session.api().audit_events(&query).await }
    });
    let total = Signal::derive(move || events.get().and_then(|r| r.ok()).map_or(0, |p| p.total));
    view! {
        <section class="page">
            <h1><T zh="操作日志" en="Audit trail"/></h1>
            <select aria-label="entity" on:change=move |ev| { entity.set(event_target_value(&ev)); page.set(1); }>
                <option value=""><T zh="全部记录类型" en="All record types"/></option>
                <option value="user"><T zh="用户" en="Users"/></option>
                <option value="org_unit"><T zh="行政区划" en="Org units"/></option>
                <option value="session"><T zh="登录" en="Logins"/></option>
            </select>
            <Transition fallback=move || view! { <p class="muted"><T zh="加载中…" en="Loading…"/></p> }>
                {move || events.get().map(|result| match result {
                    Err(e) => failed(&session, &i18n, &e),
                    Ok(list) if list.items.is_empty() => view! {
                        <p class="empty"><T zh="暂无记录" en="Nothing recorded yet"/></p>
                    }.into_any(),
                    Ok(list) => view! {
                        <ul class="rows">
                            {list.items.into_iter().map(|event| view! {
                                <li class="row">
                                    <div>
                                        <strong>{event.action.clone()}</strong>" "{event.entity.clone()}" "
                                        <span class="muted">{event.entity_id.clone().unwrap_or_default()}</span>
                                        <div class="muted small">
                                            {event.at.format("%Y-%m-%d %H:%M:%S").to_string()}" · "
                                            {event.username.clone().unwrap_or_else(|| "system".to_owned())}
                                        </div>
                                    </div>
                                </li>
                            }).collect_view()}
                        </ul>
                    }.into_any(),
                })}
            </Transition>
            <Pager page total per_page=PER_PAGE/>
        </section>
    }
}
