//! Choosing an enterprise or a cadre by typing part of the name: a search box and the first
//! twenty matches; the first is chosen until another is picked. Used by the users page (an
//! `enterprise` or `cadre` account belongs to one) and the donations form.

use jingzhun_shared::ClientError;
use jingzhun_shared::pairing::{CadreQuery, EnterpriseQuery};
use leptos::prelude::*;

use crate::components::loaded::Loaded;
use crate::i18n::{T, use_i18n};
use crate::session::use_session;

/// What is picked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pick {
    Enterprise,
    Cadre,
}

const MATCHES: u64 = 20;

/// A search box and a select of matches bound to `value` (the record's id), with `error`
/// (the server's, for the id's field) under it.
#[component]
pub fn Picker(
    pick: Pick,
    value: RwSignal<Option<i64>>,
    #[prop(optional, into)] error: MaybeProp<String>,
) -> impl IntoView {
    let session = use_session();
    let i18n = use_i18n();
    let q = RwSignal::new(String::new());
    let found: LocalResource<Result<Vec<(i64, String)>, ClientError>> = LocalResource::new(move || {
        let q = Some(q.get());
        async move {
            let api = session.api();
            let per_page = Some(MATCHES);
            Ok::<Vec<(i64, String)>, ClientError>(match pick {
                Pick::Enterprise => {
                    let page = api.enterprises(&EnterpriseQuery { q, page: None, per_page }).await?;
                    page.items.into_iter().map(|e| (e.id.0, format!("{}（{}）", e.name, e.industry))).collect()
                }
                Pick::Cadre => {
                    let page = api.cadres(&CadreQuery { q, page: None, per_page }).await?;
                    page.items.into_iter().map(|c| (c.id.0, format!("{}（{}）", c.name, c.unit))).collect()
                }
            })
        }
    });
    Effect::new(move |_| {
        if let Some(Ok(items)) = found.get()
            && !items.iter().any(|(id, _)| Some(*id) == value.get_untracked())
        {
            value.set(items.first().map(|(id, _)| *id));
        }
    });
    let (id, label, hint) = match pick {
        Pick::Enterprise => {
            ("field-enterprise", ("帮扶企业", "Enterprise"), ("输入企业名称或信用代码", "Name or credit code"))
        }
        Pick::Cadre => ("field-cadre", ("帮扶干部", "Cadre"), ("输入干部姓名或单位", "Name or unit")),
    };
    view! {
        <div class="field picker" class:invalid=move || error.get().is_some()>
            <label for=id><T zh=label.0 en=label.1/></label>
            <input type="search" class="search" id={format!("{id}-search")} aria-label="search"
                placeholder=move || i18n.t(hint.0, hint.1)
                prop:value=move || q.get() on:input=move |ev| q.set(event_target_value(&ev))/>
            <Loaded resource=found quiet=true children=move |items| if items.is_empty() {
                view! { <p class="empty small"><T zh="没有匹配的记录" en="Nothing matches"/></p> }.into_any()
            } else {
                view! {
                    <select id=id on:change=move |ev| value.set(event_target_value(&ev).parse().ok())>
                        {items.into_iter().map(|(option, name)| view! {
                            <option value=option.to_string() selected=move || value.get() == Some(option)>{name}</option>
                        }).collect_view()}
                    </select>
                }.into_any()
            }/>
            <p class="field-error" role="alert">{move || error.get().unwrap_or_default()}</p>
        </div>
    }
}
