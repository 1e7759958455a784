//! Appraisals of houses (房屋安全鉴定): recording one for a household on a phone (the date,
//! grade A–D and a note, then photos from the camera), and the year's appraisals on record.

use std::sync::Arc;

use jingzhun_shared::HouseholdId;
use jingzhun_shared::housing::{HousingCheckDto, HousingCheckInput, HousingGrade, HousingQuery};
use leptos::prelude::*;

use super::photos::CheckPhotos;
use crate::components::enum_select::EnumSelect;
use crate::components::field::Field;
use crate::components::household_picker::HouseholdPicker;
use crate::components::list::{Column, PagedList, order, text};
use crate::components::save::use_save;
use crate::i18n::{T, use_i18n};
use crate::session::use_session;

const PER_PAGE: u64 = 20;

fn grade_badge(grade: HousingGrade) -> &'static str {
    if grade.is_safe() { "badge ok" } else { "badge warn" }
}

#[component]
pub fn CheckForm(reload: RwSignal<u32>) -> impl IntoView {
    let session = use_session();
    let i18n = use_i18n();
    let household = RwSignal::new(None::<HouseholdId>);
    let grade = RwSignal::new(HousingGrade::B);
    let on = RwSignal::new(chrono::Local::now().date_naive().to_string());
    let note = RwSignal::new(String::new());
    let save = use_save(
        move |body: HousingCheckInput| async move { session.api().create_housing_check(&body).await },
        move |saved| {
            note.set(String::new());
            reload.update(|r| *r += 1);
            Some(format!("已记录 {} 户房屋鉴定：{}；可在下方记录中拍照上传", saved.head_name, saved.grade.zh()))
        },
    );
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let date = chrono::NaiveDate::parse_from_str(on.get_untracked().trim(), "%Y-%m-%d").ok();
        let (Some(household_id), Some(checked_on)) = (household.get_untracked(), date) else {
            save.message.set(Some(i18n.t("请选择农户并填写鉴定日期", "Choose a household and the date").to_owned()));
            return;
        };
        let note = Some(note.get_untracked()).filter(|n| !n.trim().is_empty());
        save.dispatch(HousingCheckInput { household_id, checked_on, grade: grade.get_untracked(), note });
    };
    view! {
        <form class="card form housing-check-form" on:submit=submit>
            <h2><T zh="录入房屋安全鉴定" en="Record an appraisal"/></h2>
            <div class="field"><HouseholdPicker prefix="housing" household error=save.field("household_id")/></div>
            <Field label=("鉴定日期", "Date") name="housing-checked-on" value=on error=save.field("checked_on") kind="date"/>
            <EnumSelect label=("鉴定等级", "Grade") id="housing-grade" value=grade/>
            <Field label=("备注", "Note") name="housing-note" value=note error=save.field("note")/>
            <p class="form-error" role="alert">{move || save.summary()}</p>
            <button type="submit" class="primary" disabled=move || save.pending()><T zh="保存鉴定" en="Save"/></button>
        </form>
    }
}

#[component]
pub fn Checks(year: Signal<Option<i32>>, writes: bool, reload: RwSignal<u32>) -> impl IntoView {
    let session = use_session();
    let i18n = use_i18n();
    let page = RwSignal::new(1u64);
    let list = LocalResource::new(move || {
        reload.track();
        let query =
            HousingQuery { year: year.get(), page: Some(page.get()), per_page: Some(PER_PAGE), ..Default::default() };
        async move { session.api().housing_checks(&query).await }
    });
    let columns = vec![
        Column::new(("户主", "Head"), |c: &HousingCheckDto| c.head_name.clone().into_any())
            .sort(|c| text(&c.head_name)),
        Column::new(("户编号", "Household"), |c: &HousingCheckDto| c.household_number.clone().into_any())
            .sort(|c| text(&c.household_number)),
        Column::new(("鉴定日期", "Date"), |c: &HousingCheckDto| c.checked_on.to_string().into_any())
            .sort(|c| text(&c.checked_on.to_string())),
        Column::new(("等级", "Grade"), move |c: &HousingCheckDto| {
            let grade = c.grade;
            view! { <span class=grade_badge(grade)>{move || i18n.label(grade)}</span> }.into_any()
        })
        .sort(|c| order(c.grade)),
        Column::new(("照片", "Photos"), move |c: &HousingCheckDto| {
            view! { <CheckPhotos check=c.clone() writes reload/> }.into_any()
        }),
    ];
    let card = Arc::new(move |c: HousingCheckDto| {
        let grade = c.grade;
        view! {
            <div class="grow">
                <strong>{c.head_name.clone()}</strong>" "<span class=grade_badge(grade)>{move || i18n.label(grade)}</span>
                <div class="muted small">{c.household_number.clone()}" · "{c.checked_on.to_string()}
                    {c.note.clone().map(|n| format!(" · {n}"))}</div>
                <CheckPhotos check=c.clone() writes reload/>
            </div>
        }
        .into_any()
    });
    view! {
        <h2><T zh="房屋安全鉴定记录" en="Appraisals on record"/></h2>
        <PagedList resource=list page per_page=PER_PAGE columns card class="housing-checks"
            empty=("本年度尚无鉴定记录", "No appraisal recorded this year")/>
    }
}
