//! Correcting a batch's issued amount (下达金额) and, when several sources share it, each
//! source's part; the server refuses an amount below what the projects already hold.

use jingzhun_shared::funds::{FundBatchDto, SourceShare, UpdateFundBatch};
use jingzhun_shared::{Fen, FieldErrors, FundSource};
use leptos::prelude::*;

use crate::components::field::Field;
use crate::components::save::use_save;
use crate::i18n::{T, use_i18n};
use crate::session::use_session;

/// Corrects the issued amount and, when several sources share it, each source's part.
#[component]
pub fn IssuedForm(b: FundBatchDto, reload: RwSignal<u32>) -> impl IntoView {
    let session = use_session();
    let i18n = use_i18n();
    let (id, version) = (b.id, b.version);
    let issued = RwSignal::new(b.issued_fen.to_yuan_string());
    let parts: Vec<(FundSource, RwSignal<String>)> = FundSource::ALL
        .iter()
        .map(|source| {
            let had = b.sources.iter().find(|s| s.source == *source).filter(|_| b.sources.len() > 1);
            (*source, RwSignal::new(had.map(|s| s.amount_fen.to_yuan_string()).unwrap_or_default()))
        })
        .collect();
    let save = use_save(
        move |body: UpdateFundBatch| async move { session.api().update_fund_batch(id, &body).await },
        move |_| {
            reload.update(|r| *r += 1);
            None
        },
    );
    let inputs = parts.clone();
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let mut local = FieldErrors::new();
        let Ok(issued_fen) = Fen::parse_yuan(&issued.get_untracked()) else {
            local.insert(
                "issued_fen".into(),
                vec![i18n.t("请填写下达金额（元）", "Enter the amount (yuan)").to_owned()],
            );
            save.errors.set(local);
            return;
        };
        let mut sources = Vec::new();
        for (source, text) in &parts {
            let text = text.get_untracked();
            if text.trim().is_empty() {
                continue;
            }
            match Fen::parse_yuan(&text) {
                Ok(amount_fen) => sources.push(SourceShare { source: *source, amount_fen }),
                Err(e) => {
                    local.insert("sources".into(), vec![format!("{}：{e}", source.zh())]);
                    save.errors.set(local);
                    return;
                }
            }
        }
        save.dispatch(UpdateFundBatch { version, issued_fen, sources });
    };
    view! {
        <details class="card">
            <summary><T zh="修改下达金额与资金来源" en="Change the issued amount and sources"/></summary>
            <form class="form" on:submit=submit>
                <Field label=("下达金额（元）", "Issued (yuan)") name="batch-issued" value=issued error=save.field("issued_fen") inputmode="decimal"/>
                <p class="muted small"><T zh="多个来源时分别填写各来源金额（合计须等于下达金额）；都留空则全部计入本批次的来源。"
                    en="With several sources, enter each part (adding up to the amount); all empty means all from the batch's source."/></p>
                {inputs.into_iter().map(|(source, value)| view! {
                    <Field label=(source.zh(), source.en()) name=format!("share-{}", source.as_str()) value inputmode="decimal"/>
                }).collect_view()}
                <p class="field-error" role="alert">{move || save.field("sources").get().unwrap_or_default()}</p>
                <p class="form-error" role="alert">{move || save.message.get().unwrap_or_default()}</p>
                <button type="submit" class="primary" disabled=move || save.pending()><T zh="保存" en="Save"/></button>
            </form>
        </details>
    }
}
