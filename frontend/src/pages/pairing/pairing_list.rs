//! The pairings the caller reaches, a page at a time: the enterprise, its villages and the
//! heads of its households, and since when.

use std::sync::Arc;

use jingzhun_shared::pairing::{PairingDto, PairingQuery};
use leptos::prelude::*;

use crate::components::list::{Column, PagedList, text};
use crate::i18n::T;
use crate::session::use_session;

const PER_PAGE: u64 = 10;

fn villages(p: &PairingDto) -> String {
    p.villages.iter().map(|v| v.name.clone()).collect::<Vec<_>>().join("、")
}

fn heads(p: &PairingDto) -> String {
    p.households.iter().map(|h| h.head_name.clone()).collect::<Vec<_>>().join("、")
}

#[component]
pub fn PairingList() -> impl IntoView {
    let session = use_session();
    let page = RwSignal::new(1u64);
    let list = LocalResource::new(move || {
        let query = PairingQuery { page: Some(page.get()), per_page: Some(PER_PAGE), ..Default::default() };
        async move { session.api().pairings(&query).await }
    });
    let columns = vec![
        Column::new(("企业", "Enterprise"), |p: &PairingDto| {
            view! { <strong>{p.enterprise_name.clone()}</strong> }.into_any()
        })
        .sort(|p| text(&p.enterprise_name)),
        Column::new(("结对村", "Villages"), |p: &PairingDto| villages(p).into_any()).sort(|p| text(&villages(p))),
        Column::new(("结对户", "Households"), |p: &PairingDto| heads(p).into_any()),
        Column::new(("起始", "Since"), |p: &PairingDto| p.since.to_string().into_any())
            .sort(|p| text(&p.since.to_string())),
    ];
    let card = Arc::new(|p: PairingDto| {
        view! {
            <div class="grow">
                <strong>{p.enterprise_name.clone()}</strong>
                <div class="muted small">{villages(&p)}" · "{heads(&p)}</div>
            </div>
            <span class="muted small">{p.since.to_string()}</span>
        }
        .into_any()
    });
    view! {
        <h2><T zh="结对情况" en="Pairings"/></h2>
        <PagedList resource=list page per_page=PER_PAGE columns card class="pairings" empty=("暂无结对", "No pairing yet")/>
    }
}
