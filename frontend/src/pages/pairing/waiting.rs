//! The assistance logs waiting for the district's confirmation, a page at a time; the district
//! confirms one after saying so (it is locked from then on).

use jingzhun_shared::pairing::{AssistanceLogDto, AssistanceLogQuery, ConfirmAssistanceLog};
use leptos::prelude::*;

use crate::components::loaded::Loaded;
use crate::components::pager::Pager;
use crate::i18n::{T, use_i18n};
use crate::session::use_session;

const PER_PAGE: u64 = 20;

#[component]
pub fn Waiting(confirms: bool, reload: RwSignal<u32>) -> impl IntoView {
    let session = use_session();
    let page = RwSignal::new(1u64);
    let waiting = LocalResource::new(move || {
        reload.track();
        let query = AssistanceLogQuery {
            confirmed: Some(false),
            page: Some(page.get()),
            per_page: Some(PER_PAGE),
            ..Default::default()
        };
        async move { session.api().assistance_logs(&query).await }
    });
    let total = Signal::derive(move || waiting.get().and_then(Result::ok).map_or(0, |p| p.total));
    view! {
        <h2><T zh="待确认的帮扶记录" en="Logs to confirm"/></h2>
        <Loaded resource=waiting children=move |p| if p.items.is_empty() {
            view! { <p class="empty"><T zh="没有待确认的记录" en="Nothing waiting"/></p> }.into_any()
        } else {
            view! { <ul class="rows assistance-logs">{p.items.into_iter().map(|log| view! {
                <WaitingRow log confirms reload/>
            }).collect_view()}</ul> }.into_any()
        }/>
        <Show when=move || { total.get() > PER_PAGE }><Pager page total per_page=PER_PAGE/></Show>
    }
}

#[component]
fn WaitingRow(log: AssistanceLogDto, confirms: bool, reload: RwSignal<u32>) -> impl IntoView {
    let session = use_session();
    let i18n = use_i18n();
    let failed = RwSignal::new(None::<String>);
    let (id, version, kind) = (log.id, log.version, log.entry.kind);
    let question = format!("确认“{}”的这条帮扶记录？确认后不能再修改。", log.enterprise_name);
    let confirm = move |_| {
        let sure = web_sys::window().and_then(|w| w.confirm_with_message(&question).ok()).unwrap_or(false);
        if sure {
            leptos::task::spawn_local(async move {
                match session.api().confirm_assistance_log(id, &ConfirmAssistanceLog { version }).await {
                    Ok(_) => reload.update(|r| *r += 1),
                    Err(e) => failed.set(Some(crate::components::error_text(&i18n, &e))),
                }
            });
        }
    };
    let measure = match (log.entry.amount_fen, log.entry.count) {
        (Some(a), _) => format!("{} 元", a.to_yuan_string()),
        (None, Some(c)) => c.to_string(),
        _ => String::new(),
    };
    view! {
        <li class="row"><div class="grow">
            <strong>{move || i18n.label(kind)}" "{measure}</strong>
            <div class="muted small">{log.enterprise_name.clone()}" · "{log.entry.date.to_string()}
                " · "{log.photos.len()}<T zh=" 张照片" en=" photos"/></div>
            <p class="field-error" role="alert">{move || failed.get().unwrap_or_default()}</p>
        </div>
        {confirms.then(|| view! { <button type="button" on:click=confirm.clone()><T zh="确认" en="Confirm"/></button> })}
        </li>
    }
}
