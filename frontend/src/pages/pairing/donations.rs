//! Gifts to campaigns (10.17 扶贫日 and others): the year's totals per campaign (computed by the
//! server), the gifts by year and campaign with paging, and for the district the entry form.

use std::sync::Arc;

use jingzhun_shared::pairing::{
    CampaignFigures, CreateDonation, DonationDto, DonationKind, DonationQuery, GiverKind, PairingFigures,
};
use jingzhun_shared::{Capability, EnterpriseId, Fen};
use leptos::prelude::*;
use leptos_router::components::A;

use super::pickers::{Pick, Picker};
use super::years::{YearSelect, figures_of};
use crate::Page;
use crate::components::enum_select::EnumSelect;
use crate::components::field::{Field, checked};
use crate::components::list::{Column, PagedList, SortKey, text};
use crate::components::loaded::Loaded;
use crate::components::save::use_save;
use crate::components::wan;
use crate::i18n::{T, use_i18n};
use crate::session::use_session;

const PER_PAGE: u64 = 20;

#[component]
pub fn DonationsPage() -> impl IntoView {
    let session = use_session();
    let i18n = use_i18n();
    let year = RwSignal::new(None::<i32>);
    let reload = RwSignal::new(0u32);
    let enters = session.user().is_some_and(|u| u.role.can(Capability::ManagePairing));
    let figures = LocalResource::new(move || {
        reload.track();
        let wanted = year.get();
        async move { figures_of(&session.api(), wanted).await }
    });
    let campaign = RwSignal::new(String::new());
    let page = RwSignal::new(1u64);
    let list = LocalResource::new(move || {
        reload.track();
        let shown = figures.get().and_then(Result::ok).map(|f| f.year);
        let query = DonationQuery {
            year: year.get().or(shown),
            campaign: Some(campaign.get()),
            page: Some(page.get()),
            per_page: Some(PER_PAGE),
        };
        async move { session.api().donations(&query).await }
    });
    view! {
        <section class="page donations">
            <div class="page-head">
                <h1><T zh="扶贫日与社会捐赠" en="Campaign gifts"/></h1>
                <A href=Page::Pairing.href() attr:class="button-link"><T zh="返回社会帮扶" en="Back to pairing"/></A>
            </div>
            <Loaded resource=figures children=move |f: PairingFigures| view! {
                <YearSelect year shown=f.year years=f.years.clone()/>
                <Campaigns campaigns=f.campaigns/>
            }/>
            {enters.then(|| view! { <DonationForm reload/> })}
            <h2><T zh="捐赠明细" en="Gifts"/></h2>
            <input class="search" type="search" id="donation-campaign" aria-label="campaign"
                placeholder=move || i18n.t("活动名称，如 10.17扶贫日", "Campaign, e.g. 10.17扶贫日")
                prop:value=move || campaign.get() on:change=move |ev| { campaign.set(event_target_value(&ev)); page.set(1); }/>
            <PagedList resource=list page per_page=PER_PAGE columns=columns() card=Arc::new(card) class="donation-list"
                empty=("该年度没有捐赠记录", "No gifts this year")/>
        </section>
    }
}

#[component]
fn Campaigns(campaigns: Vec<CampaignFigures>) -> impl IntoView {
    if campaigns.is_empty() {
        return view! { <p class="empty"><T zh="该年度没有活动捐赠" en="No campaign this year"/></p> }.into_any();
    }
    view! { <div class="stats campaign-totals">{campaigns.into_iter().map(|c| view! {
        <div class="stat card campaign">
            <span class="stat-label"><strong>{c.campaign.clone()}</strong></span>
            <span class="stat-value campaign-projects">{c.projects_claimed}</span>
            <span class="stat-label"><T zh="个项目，认领 " en=" projects claimed, "/>{wan(c.projects_fen)}<T zh=" 万元" en=" (10k yuan)"/></span>
            <span class="stat-label campaign-donated"><T zh="捐款 " en="given "/>{wan(c.donated_fen)}<T zh=" 万元" en=" (10k yuan)"/></span>
        </div>
    }).collect_view()}</div> }.into_any()
}

fn columns() -> Vec<Column<DonationDto>> {
    let i18n = use_i18n();
    vec![
        Column::new(("日期", "Date"), |d: &DonationDto| d.date.to_string().into_any())
            .sort(|d| text(&d.date.to_string())),
        Column::new(("捐赠者", "Giver"), |d: &DonationDto| d.giver_name.clone().into_any())
            .sort(|d| text(&d.giver_name)),
        Column::new(("类别", "Giver kind"), move |d: &DonationDto| i18n.label(d.giver_kind).into_any()),
        Column::new(("活动", "Campaign"), |d: &DonationDto| d.campaign.clone().into_any()).sort(|d| text(&d.campaign)),
        Column::new(("方式", "Kind"), move |d: &DonationDto| i18n.label(d.kind).into_any()),
        Column::new(("金额（元）", "Amount"), |d: &DonationDto| d.amount_fen.to_yuan_string().into_any())
            .sort(|d| SortKey::Number(d.amount_fen.fen())),
    ]
}

fn card(d: DonationDto) -> AnyView {
    let i18n = use_i18n();
    let kind = d.kind;
    view! {
        <div class="grow">
            <strong>{d.giver_name.clone()}</strong>
            <div class="muted small">{d.campaign.clone()}" · "{move || i18n.label(kind)}" · "{d.date.to_string()}</div>
        </div>
        <span class="amount">{d.amount_fen.to_yuan_string()}<T zh=" 元" en=" yuan"/></span>
    }
    .into_any()
}

#[component]
fn DonationForm(reload: RwSignal<u32>) -> impl IntoView {
    let session = use_session();
    let i18n = use_i18n();
    let giver_kind = RwSignal::new(GiverKind::Enterprise);
    let enterprise = RwSignal::new(None::<i64>);
    let giver_name = RwSignal::new(String::new());
    let campaign = RwSignal::new("10.17扶贫日".to_owned());
    let kind = RwSignal::new(DonationKind::Money);
    let amount = RwSignal::new(String::new());
    let date = RwSignal::new(chrono::Local::now().date_naive().to_string());
    let save = use_save(
        move |body: CreateDonation| async move { session.api().create_donation(&body).await },
        move |_| {
            amount.set(String::new());
            giver_name.set(String::new());
            reload.update(|r| *r += 1);
            Some("已登记".to_owned())
        },
    );
    // The same parser as the server's, as typed; the server's answer replaces it.
    let amount_error = checked(amount, save.field("amount_fen"), |t| Fen::parse_yuan(t).err());
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Ok(amount_fen) = Fen::parse_yuan(&amount.get_untracked()) else {
            return save
                .message
                .set(Some(i18n.t("请先改正标红的字段", "Fix the fields marked in red first").to_owned()));
        };
        let Ok(date) = chrono::NaiveDate::parse_from_str(date.get_untracked().trim(), "%Y-%m-%d") else {
            return save.message.set(Some(i18n.t("请填写日期", "Enter the date").to_owned()));
        };
        let giver = giver_kind.get_untracked();
        save.dispatch(CreateDonation {
            giver_kind: giver,
            enterprise_id: enterprise.get_untracked().filter(|_| giver == GiverKind::Enterprise).map(EnterpriseId),
            giver_name: giver_name.get_untracked(),
            campaign: campaign.get_untracked(),
            kind: kind.get_untracked(),
            amount_fen,
            date,
        });
    };
    view! {
        <form class="card form donation-form" on:submit=submit novalidate>
            <h2><T zh="登记捐赠" en="Record a gift"/></h2>
            <EnumSelect label=("捐赠者类别", "Giver") id="giver-kind" value=giver_kind/>
            <Show when=move || giver_kind.get() == GiverKind::Enterprise fallback=move || view! {
                <Field label=("捐赠者名称", "Giver's name") name="giver-name" value=giver_name error=save.field("giver_name")/>
            }>
                <Picker pick=Pick::Enterprise value=enterprise error=save.field("enterprise_id")/>
            </Show>
            <Field label=("活动名称", "Campaign") name="campaign" value=campaign error=save.field("campaign")/>
            <EnumSelect label=("捐赠方式", "Kind") id="donation-kind" value=kind/>
            <Field label=("金额（元）", "Amount (yuan)") name="donation-amount" value=amount error=amount_error inputmode="decimal"/>
            <Field label=("日期", "Date") name="donation-date" value=date error=save.field("date") kind="date"/>
            <p class="form-error" role="alert">{move || save.summary()}</p>
            <button type="submit" class="primary" disabled=move || save.pending()><T zh="保存" en="Save"/></button>
        </form>
    }
}
