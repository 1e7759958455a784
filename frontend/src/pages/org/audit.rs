//! The audit trail (admin, auditor): every write, who and when, newest first.

use std::sync::Arc;

use jingzhun_shared::org::{AuditEventDto, AuditQuery};
use leptos::prelude::*;

use crate::components::list::{Column, PagedList, SortKey, text};
use crate::i18n::T;
use crate::session::use_session;

const PER_PAGE: u64 = 30;

#[component]
pub fn AuditPage() -> impl IntoView {
    let session = use_session();
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
    view! {
        <section class="page">
            <h1><T zh="操作日志" en="Audit trail"/></h1>
            <select aria-label="entity" on:change=move |ev| { entity.set(event_target_value(&ev)); page.set(1); }>
                <option value=""><T zh="全部记录类型" en="All record types"/></option>
                <option value="user"><T zh="用户" en="Users"/></option>
                <option value="org_unit"><T zh="行政区划" en="Org units"/></option>
                <option value="session"><T zh="登录" en="Logins"/></option>
            </select>
            <PagedList resource=events page per_page=PER_PAGE columns=columns() card=Arc::new(card) class="audit"
                empty=("暂无记录", "Nothing recorded yet")/>
        </section>
    }
}

fn at(e: &AuditEventDto) -> String {
    e.at.format("%Y-%m-%d %H:%M:%S").to_string()
}

fn who(e: &AuditEventDto) -> String {
    e.username.clone().unwrap_or_else(|| "system".to_owned())
}

fn columns() -> Vec<Column<AuditEventDto>> {
    vec![
        Column::new(("时间", "When"), |e: &AuditEventDto| at(e).into_any())
            .sort(|e| SortKey::Number(e.at.timestamp_millis())),
        Column::new(("用户", "Who"), |e: &AuditEventDto| who(e).into_any()).sort(|e| text(&who(e))),
        Column::new(("操作", "Action"), |e: &AuditEventDto| e.action.clone().into_any()).sort(|e| text(&e.action)),
        Column::new(("记录", "Record"), |e: &AuditEventDto| {
            format!("{} {}", e.entity, e.entity_id.clone().unwrap_or_default()).into_any()
        })
        .sort(|e| text(&e.entity)),
    ]
}

fn card(event: AuditEventDto) -> AnyView {
    view! {
        <div>
            <strong>{event.action.clone()}</strong>" "{event.entity.clone()}" "
            <span class="muted">{event.entity_id.clone().unwrap_or_default()}</span>
            <div class="muted small">{at(&event)}" · "{who(&event)}</div>
        </div>
    }
    .into_any()
}
