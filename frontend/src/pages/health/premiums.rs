//! Insurance premium subsidies (参保资助): the year's list, the entry form (one a person and
//! year; the server says so next to the year) and deleting one entered in error, after asking.

use std::sync::Arc;

use chrono::Datelike;
use jingzhun_shared::health::{InsuranceKind, PremiumSubsidyDto, PremiumSubsidyInput, PremiumSubsidyQuery};
use jingzhun_shared::{Capability, Fen, MemberId, PremiumSubsidyId};
use leptos::prelude::*;

use super::{date, latest_year, today};
use crate::Page;
use crate::components::enum_select::EnumSelect;
use crate::components::field::Field;
use crate::components::list::{Column, PagedList, text};
use crate::components::member_picker::MemberPicker;
use crate::components::save::use_save;
use crate::i18n::{T, use_i18n};
use crate::session::use_session;

const PER_PAGE: u64 = 50;

#[component]
pub fn PremiumsPage() -> impl IntoView {
    let session = use_session();
    let writes = session.user().is_some_and(|u| u.role.can(Capability::EditHealth));
    let page = RwSignal::new(1u64);
    let year = RwSignal::new(String::new());
    let reload = RwSignal::new(0u32);
    let data = LocalResource::new(move || {
        reload.track();
        let (typed, page) = (year.get(), page.get());
        async move {
            let api = session.api();
            let year = match typed.trim() {
                "" => Some(latest_year(&api).await),
                text => text.parse().ok(),
            };
            let query = PremiumSubsidyQuery { year, page: Some(page), per_page: Some(PER_PAGE), ..Default::default() };
            api.premium_subsidies(&query).await
        }
    });
    let remove = use_save(
        move |id: PremiumSubsidyId| async move { session.api().delete_premium_subsidy(id).await },
        move |()| {
            reload.update(|r| *r += 1);
            None
        },
    );
    let delete = move |p: &PremiumSubsidyDto| {
        writes.then(|| view! { <DeleteButton id=p.id on_delete=move |id| remove.dispatch(id)/> })
    };
    let card = Arc::new(move |p: PremiumSubsidyDto| {
        view! {
            <div class="grow">
                <strong><a href=Page::HealthPerson(p.member_id).href()>{p.member_name.clone()}</a></strong>
                <div class="muted small">{format!("{} 年 · {} · {} 元 · {}", p.year, p.kind.zh(), p.amount_fen.to_yuan_string(), p.paid_on)}</div>
            </div>
            {delete(&p)}
        }
        .into_any()
    });
    let columns = vec![
        Column::new(("参保人", "Person"), |p: &PremiumSubsidyDto| {
            view! { <a href=Page::HealthPerson(p.member_id).href()>{p.member_name.clone()}</a> }.into_any()
        })
        .sort(|p| text(&p.member_name)),
        Column::new(("年度", "Year"), |p: &PremiumSubsidyDto| p.year.into_any()),
        Column::new(("险种", "Insurance"), |p: &PremiumSubsidyDto| p.kind.zh().into_any()),
        Column::new(("资助金额（元）", "Amount (yuan)"), |p: &PremiumSubsidyDto| {
            p.amount_fen.to_yuan_string().into_any()
        }),
        Column::new(("资助日期", "Paid on"), |p: &PremiumSubsidyDto| p.paid_on.to_string().into_any()),
        Column::new(("", ""), move |p: &PremiumSubsidyDto| delete(p).into_any()),
    ];
    view! {
        <section class="page premiums">
            <p><a href=Page::Health.href()><T zh="← 健康扶贫" en="← Health"/></a></p>
            <h1><T zh="参保资助" en="Premium subsidies"/></h1>
            <div class="card form inline">
                <Field label=("年度（留空为最近设置政策的年度）", "Year (empty: the latest with settings)") name="premiums-year" value=year inputmode="numeric"/>
            </div>
            <p class="form-error" role="alert">{move || remove.summary()}</p>
            <PagedList resource=data page per_page=PER_PAGE columns card class="premiums" empty=("本年度没有参保资助记录", "No premium subsidies this year")/>
            {writes.then(|| view! { <PremiumForm reload/> })}
        </section>
    }
}

/// Delete, after a second tap that says what goes.
#[component]
fn DeleteButton(
    id: PremiumSubsidyId,
    on_delete: impl Fn(PremiumSubsidyId) + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let confirming = RwSignal::new(false);
    view! {
        <span class="delete">
            {move || match confirming.get() {
                false => view! { <button type="button" class="link-button" on:click=move |_| confirming.set(true)><T zh="删除" en="Delete"/></button> }.into_any(),
                true => view! {
                    <span class="small"><T zh="删除这条资助记录？" en="Delete this subsidy?"/></span>
                    <button type="button" class="primary" on:click=move |_| { confirming.set(false); on_delete(id); }><T zh="确认删除" en="Delete"/></button>
                    <button type="button" on:click=move |_| confirming.set(false)><T zh="取消" en="Cancel"/></button>
                }.into_any(),
            }}
        </span>
    }
}

/// The entry form: the person, the year, the insurance, the amount in 元 and the day paid.
#[component]
fn PremiumForm(reload: RwSignal<u32>) -> impl IntoView {
    let session = use_session();
    let i18n = use_i18n();
    let member = RwSignal::new(None::<MemberId>);
    let year = RwSignal::new(today().year().to_string());
    let kind = RwSignal::new(InsuranceKind::ResidentMedical);
    let amount = RwSignal::new("90".to_owned());
    let paid_on = RwSignal::new(today().to_string());
    let save = use_save(
        move |body: PremiumSubsidyInput| async move { session.api().create_premium_subsidy(&body).await },
        move |saved: PremiumSubsidyDto| {
            reload.update(|r| *r += 1);
            Some(format!(
                "已登记 {} {} 年的参保资助 {} 元",
                saved.member_name,
                saved.year,
                saved.amount_fen.to_yuan_string()
            ))
        },
    );
    let amount_error = Signal::derive(move || {
        let local = Fen::parse_yuan(&amount.get()).err().filter(|_| !amount.get().trim().is_empty());
        local.or_else(|| save.field("amount_fen").get())
    });
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let parsed =
            (member.get(), year.get().trim().parse().ok(), Fen::parse_yuan(&amount.get()).ok(), date(&paid_on.get()));
        match parsed {
            (Some(member_id), Some(year), Some(amount_fen), Some(paid_on)) => {
                save.dispatch(PremiumSubsidyInput { member_id, year, kind: kind.get(), amount_fen, paid_on })
            }
            (None, ..) => save.message.set(Some(i18n.t("请选择参保人", "Choose the person").to_owned())),
            _ => save.message.set(Some(i18n.t("请检查年度、金额和日期", "Check the year, amount and date").to_owned())),
        }
    };
    view! {
        <form class="card form premium-form" on:submit=submit>
            <h2><T zh="登记参保资助" en="Record a premium subsidy"/></h2>
            <MemberPicker member error=save.field("member_id")/>
            <Field label=("年度", "Year") name="premium-year" value=year error=save.field("year") inputmode="numeric"/>
            <EnumSelect label=("险种", "Insurance") id="premium-kind" value=kind/>
            <Field label=("资助金额（元）", "Amount (yuan)") name="premium-amount" value=amount error=amount_error inputmode="decimal"/>
            <Field label=("资助日期", "Paid on") name="premium-paid-on" value=paid_on error=save.field("paid_on") kind="date"/>
            <p class="form-error" role="alert">{move || save.summary()}</p>
            <button type="submit" class="primary" disabled=move || save.pending()><T zh="保存" en="Save"/></button>
        </form>
    }
}
