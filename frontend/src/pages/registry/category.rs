//! The household's category (低保 / 五保 / 一般) on its card: the history of civil-affairs
//! decisions that changed it, and for those who write the form recording a new decision with
//! its date, reason and document number.

use chrono::NaiveDate;
use jingzhun_shared::registry::{CategoryChangeDto, ChangeCategory, HouseholdDto};
use leptos::prelude::*;

use crate::components::enum_select::EnumSelect;
use crate::components::field::Field;
use crate::components::save::use_save;
use crate::i18n::{T, use_i18n};
use crate::session::use_session;

#[component]
pub fn CategoryHistory(history: Vec<CategoryChangeDto>) -> impl IntoView {
    let i18n = use_i18n();
    (!history.is_empty()).then(|| {
        let rows = history.into_iter().map(|c| {
            let (from, to) = (c.from_category, c.to_category);
            view! { <li class="row"><div>
                <strong>{c.changed_on.to_string()}</strong>" "{move || i18n.label(from)}" → "{move || i18n.label(to)}
                <div class="muted small">{c.reason.clone()}" · "<T zh="文号 " en="Document "/>{c.document_no.clone()}</div>
            </div></li> }
        });
        let rows = rows.collect::<Vec<_>>();
        view! {
            <h2><T zh="户类别变更记录" en="Category history"/></h2>
            <ul class="rows category-history">{rows}</ul>
        }
    })
}

#[component]
pub fn CategoryForm(household: HouseholdDto, reload: RwSignal<u32>) -> impl IntoView {
    let session = use_session();
    let i18n = use_i18n();
    let id = household.id;
    let category = RwSignal::new(household.category);
    let on = RwSignal::new(String::new());
    let reason = RwSignal::new(String::new());
    let document_no = RwSignal::new(String::new());
    let save = use_save(
        move |body: ChangeCategory| async move { session.api().change_category(id, &body).await },
        move |_| {
            reload.update(|r| *r += 1);
            None
        },
    );
    let version = household.version;
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Ok(changed_on) = NaiveDate::parse_from_str(on.get_untracked().trim(), "%Y-%m-%d") else {
            save.message.set(Some(i18n.t("请填写认定日期", "Enter the date of the decision").to_owned()));
            return;
        };
        let body = ChangeCategory {
            category: category.get_untracked(),
            changed_on,
            reason: reason.get_untracked(),
            document_no: document_no.get_untracked(),
            version,
        };
        save.dispatch_parsed(body, ChangeCategory::parse);
    };
    view! {
        <details class="card category-change">
            <summary><T zh="变更户类别（民政认定）" en="Change the category (civil-affairs decision)"/></summary>
            <form class="form" on:submit=submit novalidate>
                <EnumSelect label=("新户类别", "New category") id="field-edit-category" value=category/>
                <Field label=("认定日期", "Decided on") name="category-on" value=on error=save.field("changed_on")
                    kind="date"/>
                <Field label=("变更原因", "Reason") name="category-reason" value=reason error=save.field("reason")/>
                <Field label=("认定文号", "Document number") name="category-document" value=document_no
                    error=save.field("document_no")/>
                <p class="form-error" role="alert">{move || save.summary()}</p>
                <button type="submit" class="primary" disabled=move || save.pending()><T zh="保存" en="Save"/></button>
            </form>
        </details>
    }
}
