//! The forms of a loan's page: a repayment (never more than the balance, checked as typed), an
//! extension (at most 12 months past the due date in force, asked to confirm) and the subsidy
//! owed for a chosen period.

use chrono::{Months, NaiveDate};
use jingzhun_shared::credit::{CreateExtension, CreateRepayment, MAX_EXTENSION_MONTHS, SubsidyPeriod};
use jingzhun_shared::{ClientError, Fen};
use leptos::prelude::*;

use super::{date, today};
use crate::components::field::Field;
use crate::components::save::use_save;
use crate::i18n::{T, use_i18n};
use crate::session::use_session;

#[component]
pub fn RepaymentForm(loan_id: i64, balance: Fen, reload: RwSignal<u32>) -> impl IntoView {
    let session = use_session();
    let i18n = use_i18n();
    let amount = RwSignal::new(String::new());
    let paid_on = RwSignal::new(today());
    let save = use_save(
        move |body: CreateRepayment| async move { session.api().add_repayment(loan_id, &body).await },
        move |_| {
            amount.set(String::new());
            reload.update(|r| *r += 1);
            None
        },
    );
    let amount_error = Signal::derive(move || {
        let text = amount.get();
        let local = match Fen::parse_yuan(&text) {
            _ if text.trim().is_empty() => None,
            Err(e) => Some(e),
            Ok(f) if f > balance => Some(format!("还款本金不能超过贷款余额 {} 元", balance.to_yuan_string())),
            Ok(_) => None,
        };
        local.or_else(|| save.field("principal_fen").get())
    });
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        match (Fen::parse_yuan(&amount.get_untracked()), date(&paid_on.get_untracked())) {
            (Ok(principal_fen), Some(paid_on)) => save.dispatch(CreateRepayment { principal_fen, paid_on }),
            _ => save.message.set(Some(i18n.t("请填写还款金额和日期", "Enter the amount and the date").to_owned())),
        }
    };
    view! {
        <form class="card form repayment-form" on:submit=submit>
            <h2><T zh="登记还款" en="Record a repayment"/></h2>
            <Field label=("还款本金（元）", "Principal (yuan)") name="repayment-amount" value=amount error=amount_error inputmode="decimal"/>
            <Field label=("还款日期", "Paid on") name="repayment-paid-on" value=paid_on error=save.field("paid_on") kind="date"/>
            <p class="form-error" role="alert">{move || save.summary()}</p>
            <button type="submit" class="primary" disabled=move || save.pending()><T zh="保存还款" en="Save repayment"/></button>
        </form>
    }
}

#[component]
pub fn ExtensionForm(loan_id: i64, due_on: NaiveDate, reload: RwSignal<u32>) -> impl IntoView {
    let session = use_session();
    let i18n = use_i18n();
    let latest = due_on.checked_add_months(Months::new(MAX_EXTENSION_MONTHS)).unwrap_or(due_on);
    let new_due = RwSignal::new(latest.to_string());
    let reason = RwSignal::new(String::new());
    let on = RwSignal::new(today());
    let save = use_save(
        move |body: CreateExtension| async move { session.api().add_extension(loan_id, &body).await },
        move |_| {
            reason.set(String::new());
            reload.update(|r| *r += 1);
            None
        },
    );
    let due_error = Signal::derive(move || match date(&new_due.get()) {
        Some(d) if d <= due_on => Some(format!("新到期日须晚于现到期日 {due_on}")),
        Some(d) if d > latest => Some(format!("展期不超过 {MAX_EXTENSION_MONTHS} 个月（最晚 {latest}）")),
        _ => save.field("new_due_on").get(),
    });
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let (Some(new_due_on), Some(on)) = (date(&new_due.get_untracked()), date(&on.get_untracked())) else {
            save.message
                .set(Some(i18n.t("请填写新到期日和展期日期", "Enter the new due date and the date").to_owned()));
            return;
        };
        let question = format!("确认将到期日由 {due_on} 展期至 {new_due_on}？");
        if web_sys::window().and_then(|w| w.confirm_with_message(&question).ok()).unwrap_or(false) {
            save.dispatch(CreateExtension { new_due_on, reason: reason.get_untracked(), on });
        }
    };
    view! {
        <form class="card form extension-form" on:submit=submit>
            <h2><T zh="展期" en="Extend"/></h2>
            <Field label=("新到期日", "New due date") name="extension-due" value=new_due error=due_error kind="date"/>
            <Field label=("展期原因", "Reason") name="extension-reason" value=reason error=save.field("reason")/>
            <Field label=("展期日期", "Agreed on") name="extension-on" value=on error=save.field("on") kind="date"/>
            <p class="form-error" role="alert">{move || save.summary()}</p>
            <button type="submit" disabled=move || save.pending()><T zh="保存展期" en="Save extension"/></button>
        </form>
    }
}

/// The subsidy the government owes on the loan for [from, to), as the batches compute it.
#[component]
pub fn SubsidyOwed(loan_id: i64, issued_on: NaiveDate) -> impl IntoView {
    let session = use_session();
    let from = RwSignal::new(issued_on.to_string());
    let to = RwSignal::new(today());
    let owed = LocalResource::new(move || {
        let period = date(&from.get()).zip(date(&to.get()));
        async move {
            match period {
                Some((from, to)) if from < to => {
                    session.api().loan_subsidy(loan_id, &SubsidyPeriod { from, to }).await.map(Some)
                }
                _ => Ok::<_, ClientError>(None),
            }
        }
    });
    view! {
        <div class="card form subsidy-owed">
            <h2><T zh="应贴息金额" en="Interest subsidy owed"/></h2>
            <p class="muted small"><T zh="每日日终余额 × 年利率 ÷ 365 之和，期末四舍五入到分；逾期天数不贴息。结束日当天不计。"
                en="Sum of each day's closing balance × rate ÷ 365, rounded once; overdue days earn none; the end day is excluded."/></p>
            <Field label=("开始日期", "From") name="subsidy-from" value=from kind="date"/>
            <Field label=("结束日期（不含）", "To (excluded)") name="subsidy-to" value=to kind="date"/>
            <p class="computed" aria-live="polite">{move || match owed.get() {
                Some(Ok(Some(s))) => format!("贴息 {} 元（{} 天）", s.subsidy_fen.to_yuan_string(), s.days),
                Some(Ok(None)) => "请选择结束日期晚于开始日期的期间".to_owned(),
                Some(Err(_)) => "无法计算".to_owned(),
                None => "…".to_owned(),
            }}</p>
        </div>
    }
}
