//! Assistance payments (救助发放): recording one for a household on a phone (the kind, the
//! year and period, the amount in 元, the day paid), importing the civil-affairs list, and the
//! year's payments on record.

use std::sync::Arc;

use jingzhun_shared::registry::ImportQuery;
use jingzhun_shared::social_security::{
    AssistancePaymentDto, AssistancePaymentInput, AssistancePaymentKind, AssistanceQuery,
};
use jingzhun_shared::{Fen, HouseholdId};
use leptos::prelude::*;

use crate::components::enum_select::EnumSelect;
use crate::components::field::{Field, checked};
use crate::components::file_import::{FileImport, Upload};
use crate::components::household_picker::HouseholdPicker;
use crate::components::list::{Column, PagedList, SortKey, order, text};
use crate::components::save::use_save;
use crate::i18n::{T, use_i18n};
use crate::pages::education::FIRST_YEAR;
use crate::session::use_session;

const PER_PAGE: u64 = 20;

fn yuan_error(text: &str) -> Option<String> {
    Fen::parse_yuan(text).and_then(|f| f.positive_amount("金额")).err()
}

#[component]
pub fn PaymentForm(reload: RwSignal<u32>) -> impl IntoView {
    let session = use_session();
    let i18n = use_i18n();
    let household = RwSignal::new(None::<HouseholdId>);
    let kind = RwSignal::new(AssistancePaymentKind::Dibao);
    let year = RwSignal::new(FIRST_YEAR.to_owned());
    let period = RwSignal::new(String::new());
    let amount = RwSignal::new(String::new());
    let paid_on = RwSignal::new(chrono::Local::now().date_naive().to_string());
    let save = use_save(
        move |body: AssistancePaymentInput| async move { session.api().create_assistance_payment(&body).await },
        move |saved| {
            amount.set(String::new());
            reload.update(|r| *r += 1);
            Some(format!("已记录 {} 户{} {} 元", saved.head_name, saved.kind.zh(), saved.amount_fen.to_yuan_string()))
        },
    );
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let parsed = (
            household.get_untracked(),
            year.get_untracked().trim().parse::<i32>().ok(),
            Fen::parse_yuan(&amount.get_untracked()).ok(),
            chrono::NaiveDate::parse_from_str(paid_on.get_untracked().trim(), "%Y-%m-%d").ok(),
        );
        let (Some(household_id), Some(year), Some(amount_fen), Some(paid_on)) = parsed else {
            save.message.set(Some(
                i18n.t("请选择农户，并填写年度、金额和发放日期", "Choose a household; enter year, amount and date")
                    .to_owned(),
            ));
            return;
        };
        save.dispatch(AssistancePaymentInput {
            household_id,
            member_id: None,
            kind: kind.get_untracked(),
            year,
            period: period.get_untracked(),
            amount_fen,
            paid_on,
        });
    };
    view! {
        <form class="card form payment-form" on:submit=submit>
            <h2><T zh="录入救助发放" en="Record a payment"/></h2>
            <div class="field"><HouseholdPicker prefix="payment" household error=save.field("household_id")/></div>
            <EnumSelect label=("救助类别", "Kind") id="payment-kind" value=kind/>
            <Field label=("年度", "Year") name="payment-year" value=year error=save.field("year") inputmode="numeric"/>
            <Field label=("发放期间（如 2020年1-3月）", "Period (e.g. 2020年1-3月)") name="payment-period" value=period error=save.field("period")/>
            <Field label=("金额（元）", "Amount (yuan)") name="payment-amount" value=amount
                error=checked(amount, save.field("amount_fen"), yuan_error) inputmode="decimal"/>
            <Field label=("发放日期", "Paid on") name="payment-paid-on" value=paid_on error=save.field("paid_on") kind="date"/>
            <p class="form-error" role="alert">{move || save.summary()}</p>
            <button type="submit" class="primary" disabled=move || save.pending()><T zh="保存发放" en="Save"/></button>
        </form>
    }
}

/// The civil-affairs bureau's payment list on the shared import card.
#[component]
pub fn Import(reload: RwSignal<u32>) -> impl IntoView {
    let session = use_session();
    let upload = move |u: Upload| {
        let query = ImportQuery { format: u.format, commit: u.commit, progress: Some(u.progress), initial_load: false };
        async move {
            let r = session.api().import_assistance_payments(&query, u.bytes).await;
            reload.update(|n| *n += 1);
            r
        }
    };
    let template = move || async move { session.api().assistance_payment_template().await };
    view! {
        <details class="card imports payment-import">
            <summary><T zh="批量导入（民政发放表）" en="Import the civil-affairs list"/></summary>
            <FileImport intro="每行一笔发放：户主身份证号记到户，成员身份证号记到该成员；任何一行有错则整份文件都不导入。"
                upload template template_name="救助发放导入模板.xlsx"/>
        </details>
    }
}

#[component]
pub fn Payments(year: Signal<Option<i32>>, reload: RwSignal<u32>) -> impl IntoView {
    let session = use_session();
    let i18n = use_i18n();
    let page = RwSignal::new(1u64);
    let list = LocalResource::new(move || {
        reload.track();
        let query = AssistanceQuery {
            year: year.get().unwrap_or_default(),
            page: Some(page.get()),
            per_page: Some(PER_PAGE),
            ..Default::default()
        };
        async move { session.api().assistance_payments(&query).await }
    });
    let columns = vec![
        Column::new(("户主", "Head"), |p: &AssistancePaymentDto| p.head_name.clone().into_any())
            .sort(|p| text(&p.head_name)),
        Column::new(("户编号", "Household"), |p: &AssistancePaymentDto| p.household_number.clone().into_any())
            .sort(|p| text(&p.household_number)),
        Column::new(("类别", "Kind"), move |p: &AssistancePaymentDto| i18n.label(p.kind).into_any())
            .sort(|p| order(p.kind)),
        Column::new(("期间", "Period"), |p: &AssistancePaymentDto| p.period.clone().into_any())
            .sort(|p| text(&p.period)),
        Column::new(("金额（元）", "Yuan"), |p: &AssistancePaymentDto| p.amount_fen.to_yuan_string().into_any())
            .sort(|p| SortKey::Number(p.amount_fen.fen())),
        Column::new(("发放日期", "Paid on"), |p: &AssistancePaymentDto| p.paid_on.to_string().into_any())
            .sort(|p| text(&p.paid_on.to_string())),
    ];
    let card = Arc::new(move |p: AssistancePaymentDto| {
        view! {
            <div class="grow">
                <strong>{p.head_name.clone()}</strong>
                <div class="muted small">{i18n.label(p.kind)}" · "{p.period.clone()}" · "{p.paid_on.to_string()}</div>
            </div>
            <span class="amount">{p.amount_fen.to_yuan_string()}<T zh=" 元" en=" yuan"/></span>
        }
        .into_any()
    });
    view! {
        <h2><T zh="救助发放记录" en="Payments on record"/></h2>
        <PagedList resource=list page per_page=PER_PAGE columns card class="assistance-payments"
            empty=("本年度尚无发放记录", "No payment recorded this year")/>
    }
}
