//! PV stations (光伏扶贫电站): the list, and one station with its income by year (each year's
//! parts credited to its villages) and the payments to households from that income by kind
//! (公益岗位工资, 奖补, 分红), with forms to record both. The server refuses a payment beyond
//! what the village's income leaves; the form shows what is left before sending.

use jingzhun_shared::PageQuery;
use jingzhun_shared::industry::{
    CreatePvDistribution, CreatePvIncome, PvDistributionDto, PvIncomeDto, PvIncomeQuery, PvStationDto, PvStationQuery,
};
use jingzhun_shared::registry::{HouseholdQuery, HouseholdSummary};
use jingzhun_shared::{Capability, ClientError, Fen, HouseholdId, PvDistributionKind, PvStationId};
use leptos::prelude::*;
use leptos_router::components::A;

use crate::Page;
use crate::components::enum_select::EnumSelect;
use crate::components::field::Field;
use crate::components::loaded::Loaded;
use crate::components::save::use_save;
use crate::i18n::{T, use_i18n};
use crate::page::route_id;
use crate::session::use_session;

fn today() -> String {
    chrono::Local::now().date_naive().to_string()
}

fn date(text: &str) -> Option<chrono::NaiveDate> {
    chrono::NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d").ok()
}

type Stations = Vec<PvStationDto>;

#[component]
pub fn PvStationsPage() -> impl IntoView {
    let session = use_session();
    let data = LocalResource::new(move || async move {
        let query = PvStationQuery { per_page: Some(PageQuery::MAX_PER_PAGE), ..Default::default() };
        Ok::<Stations, ClientError>(session.api().pv_stations(&query).await?.items)
    });
    view! {
        <section class="page">
            <p><A href=Page::Funds.href()><T zh="← 资金项目" en="← Funds"/></A></p>
            <h1><T zh="光伏扶贫电站" en="PV stations"/></h1>
            <Loaded resource=data children=move |stations: Stations| view! {
                <ul class="rows pv-stations">
                    {stations.into_iter().map(|s| view! {
                        <li><A href=Page::PvStation(s.id).href() attr:class="row-link"><div class="grow">
                            <strong>{s.name.clone()}</strong>
                            <div class="muted small">{s.capacity_kw}" kW · "
                                {s.villages.iter().map(|v| v.name.clone()).collect::<Vec<_>>().join("、")}
                                {if s.grid_connected_on.is_some() { " · 已并网" } else { " · 在建" }}</div>
                        </div><span class="amount">{s.income_fen.to_yuan_string()}<T zh=" 元" en=" yuan"/></span></A></li>
                    }).collect_view()}
                </ul>
            }/>
        </section>
    }
}

/// A station with its incomes, its payments and the households of its villages.
type Data = (PvStationDto, Vec<PvIncomeDto>, Vec<PvDistributionDto>, Vec<HouseholdSummary>);

#[component]
pub fn PvStationPage() -> impl IntoView {
    let session = use_session();
    let id = route_id(PvStationId);
    let reload = RwSignal::new(0u32);
    let writes = session.user().is_some_and(|u| u.role.can(Capability::EditFunds));
    let data = LocalResource::new(move || {
        reload.track();
        let id = id();
        async move {
            let api = session.api();
            let id = id.ok_or_else(|| ClientError::Decode("bad id".into()))?;
            let all = PageQuery { per_page: Some(PageQuery::MAX_PER_PAGE), page: None };
            let station = api.pv_station(id).await?;
            let incomes = api.pv_incomes(id, &all).await?.items;
            let paid = api.pv_distributions(id, &all).await?.items;
            let mut households = Vec::new();
            for v in station.villages.iter().filter(|_| writes) {
                let query = HouseholdQuery {
                    village_id: Some(v.id),
                    per_page: Some(PageQuery::MAX_PER_PAGE),
                    ..Default::default()
                };
                households.extend(api.households(&query).await?.items);
            }
            Ok::<Data, ClientError>((station, incomes, paid, households))
        }
    });
    view! {
        <section class="page">
            <p><A href=Page::PvStations.href()><T zh="← 光伏电站" en="← PV stations"/></A></p>
            <Loaded resource=data children=move |(s, incomes, paid, households): Data| {
                let connected = s.grid_connected_on.is_some();
                view! {
                    <div class="card">
                        <p class="big">{s.name.clone()}</p>
                        <p class="muted">{s.capacity_kw}" kW · "
                            {s.grid_connected_on.map_or("在建".to_owned(), |d| format!("{d} 并网"))}</p>
                        <p><T zh="受益村：" en="Villages: "/>
                            {s.villages.iter().map(|v| v.name.clone()).collect::<Vec<_>>().join("、")}</p>
                        <p><T zh="累计收益 " en="Income "/>{s.income_fen.to_yuan_string()}
                            <T zh=" 元 · 已分配 " en=" yuan · paid out "/>{s.distributed_fen.to_yuan_string()}
                            <T zh=" 元 · 受益 " en=" yuan · "/>{s.distribution_households}<T zh=" 户" en=" households"/></p>
                    </div>
                    <Incomes incomes/>
                    {(writes && connected).then(|| view! { <IncomeForm station_id=s.id reload/> })}
                    <Distributions paid=paid.clone()/>
                    {(writes && !households.is_empty()).then(|| view! { <DistributionForm station_id=s.id households reload/> })}
                }
            }/>
        </section>
    }
}

#[component]
fn Incomes(incomes: Vec<PvIncomeDto>) -> impl IntoView {
    view! {
        <h2><T zh="发电收益（归村集体）" en="Income (the villages')"/></h2>
        {if incomes.is_empty() {
            view! { <p class="empty"><T zh="尚未登记收益" en="No income recorded"/></p> }.into_any()
        } else {
            view! { <ul class="rows pv-incomes">{incomes.into_iter().map(|i| view! {
                <li class="row"><div class="grow">
                    <strong>{i.year}<T zh=" 年" en=""/></strong>
                    <div class="muted small">
                        {i.credited.iter().map(|c| format!("{} {} 元", c.village.name, c.amount_fen.to_yuan_string())).collect::<Vec<_>>().join("；")}
                    </div>
                </div><span class="amount">{i.amount_fen.to_yuan_string()}<T zh=" 元" en=" yuan"/></span></li>
            }).collect_view()}</ul> }.into_any()
        }}
    }
}

#[component]
fn Distributions(paid: Vec<PvDistributionDto>) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <h2><T zh="收益分配" en="Payments from the income"/></h2>
        {if paid.is_empty() {
            view! { <p class="empty"><T zh="尚无分配" en="No payment yet"/></p> }.into_any()
        } else {
            view! { <ul class="rows pv-distributions">{paid.into_iter().map(|d| {
                let kind = d.kind;
                view! {
                    <li class="row"><div class="grow">
                        <strong>{move || i18n.label(kind)}</strong>
                        <div class="muted small">{d.paid_on.to_string()}" · "{d.year}<T zh=" 年收益 · " en=" income · "/>{d.household_number.clone()}" "{d.head_name.clone()}</div>
                    </div><span class="amount">{d.amount_fen.to_yuan_string()}<T zh=" 元" en=" yuan"/></span></li>
                }
            }).collect_view()}</ul> }.into_any()
        }}
    }
}

#[component]
fn IncomeForm(station_id: PvStationId, reload: RwSignal<u32>) -> impl IntoView {
    let session = use_session();
    let i18n = use_i18n();
    let year = RwSignal::new(String::new());
    let amount = RwSignal::new(String::new());
    let recorded_on = RwSignal::new(today());
    let save = use_save(
        move |body: CreatePvIncome| async move { session.api().add_pv_income(station_id, &body).await },
        move |_| {
            amount.set(String::new());
            reload.update(|r| *r += 1);
            None
        },
    );
    let amount_error = Signal::derive(move || {
        let text = amount.get();
        let local = if text.trim().is_empty() { None } else { Fen::parse_yuan(&text).err() };
        local.or_else(|| save.field("amount_fen").get())
    });
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        match (
            year.get_untracked().trim().parse(),
            Fen::parse_yuan(&amount.get_untracked()),
            date(&recorded_on.get_untracked()),
        ) {
            (Ok(year), Ok(amount_fen), Some(recorded_on)) => {
                save.dispatch(CreatePvIncome { year, amount_fen, recorded_on })
            }
            _ => save
                .message
                .set(Some(i18n.t("请填写年度、金额和登记日期", "Enter the year, the amount and the date").to_owned())),
        }
    };
    view! {
        <form class="card form pv-income-form" on:submit=submit>
            <h2><T zh="登记年度收益" en="Record a year's income"/></h2>
            <p class="muted small"><T zh="收益按受益村平均计入村集体收入，除不尽的分按村编号从小到大各加 1 分。" en="Credited to the villages in equal parts; odd fen go to the first villages."/></p>
            <Field label=("年度", "Year") name="income-year" value=year error=save.field("year") inputmode="numeric"/>
            <Field label=("收益（元）", "Income (yuan)") name="income-amount" value=amount error=amount_error inputmode="decimal"/>
            <Field label=("登记日期", "Recorded on") name="recorded_on" value=recorded_on error=save.field("recorded_on") kind="date"/>
            <p class="form-error" role="alert">{move || save.summary()}</p>
            <button type="submit" class="primary" disabled=move || save.pending()><T zh="保存收益" en="Save income"/></button>
        </form>
    }
}

#[component]
fn DistributionForm(
    station_id: PvStationId,
    households: Vec<HouseholdSummary>,
    reload: RwSignal<u32>,
) -> impl IntoView {
    let session = use_session();
    let i18n = use_i18n();
    let kind = RwSignal::new(PvDistributionKind::Dividend);
    let household = RwSignal::new(households.first().map(|h| h.id));
    let village = StoredValue::new(households.iter().map(|h| (h.id, h.village.id)).collect::<Vec<_>>());
    let year = RwSignal::new(String::new());
    let amount = RwSignal::new(String::new());
    let paid_on = RwSignal::new(today());
    // What the chosen household's village has left of the year's income.
    let left = LocalResource::new(move || {
        let chosen = household.get();
        let year: Option<i32> = year.get().trim().parse().ok();
        async move {
            let village = village.with_value(|v| v.iter().find(|(h, _)| Some(*h) == chosen).map(|(_, v)| *v));
            match (village, year) {
                (Some(v), Some(year)) => session.api().village_pv_income(v, &PvIncomeQuery { year }).await.ok(),
                _ => None,
            }
        }
    });
    let save = use_save(
        move |body: CreatePvDistribution| async move { session.api().add_pv_distribution(station_id, &body).await },
        move |_| {
            amount.set(String::new());
            reload.update(|r| *r += 1);
            None
        },
    );
    let amount_error = Signal::derive(move || {
        let text = amount.get();
        let room = left.get().flatten().map(|f| f.left_fen);
        let local = match Fen::parse_yuan(&text) {
            _ if text.trim().is_empty() => None,
            Err(e) => Some(e),
            Ok(f) => room
                .filter(|room| f > *room)
                .map(|room| format!("超出村集体光伏收益：尚可分配 {} 元", room.to_yuan_string())),
        };
        local.or_else(|| save.field("amount_fen").get())
    });
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let parsed = (
            household.get_untracked(),
            year.get_untracked().trim().parse(),
            Fen::parse_yuan(&amount.get_untracked()),
            date(&paid_on.get_untracked()),
        );
        match parsed {
            (Some(household_id), Ok(year), Ok(amount_fen), Some(paid_on)) => save.dispatch(CreatePvDistribution {
                household_id,
                kind: kind.get_untracked(),
                year,
                amount_fen,
                paid_on,
            }),
            _ => save.message.set(Some(
                i18n.t("请选择农户并填写年度、金额和发放日期", "Choose a household, enter the year, amount and date")
                    .to_owned(),
            )),
        }
    };
    view! {
        <form class="card form pv-distribution-form" on:submit=submit>
            <h2><T zh="登记收益分配" en="Record a payment"/></h2>
            <EnumSelect label=("分配类型", "Kind") id="distribution-kind" value=kind/>
            <div class="field">
                <label for="distribution-household"><T zh="农户" en="Household"/></label>
                <select id="distribution-household" on:change=move |ev| {
                    household.set(event_target_value(&ev).parse().ok().map(HouseholdId));
                }>
                    {households.iter().map(|h| view! {
                        <option value=h.id.0.to_string()>{format!("{} {}（{}）", h.number, h.head_name, h.village.name)}</option>
                    }).collect_view()}
                </select>
            </div>
            <Field label=("收益年度", "Income of year") name="distribution-year" value=year error=save.field("year") inputmode="numeric"/>
            <p class="muted small pv-left">{move || left.get().flatten().map(|f| format!(
                "{} 年村集体光伏收益 {} 元，已分配 {} 元，尚可分配 {} 元",
                f.year, f.credited_fen.to_yuan_string(), f.distributed_fen.to_yuan_string(), f.left_fen.to_yuan_string()
            ))}</p>
            <Field label=("金额（元）", "Amount (yuan)") name="distribution-amount" value=amount error=amount_error inputmode="decimal"/>
            <Field label=("发放日期", "Paid on") name="distribution-paid-on" value=paid_on error=save.field("paid_on") kind="date"/>
            <p class="form-error" role="alert">{move || save.summary()}</p>
            <button type="submit" class="primary" disabled=move || save.pending()><T zh="保存分配" en="Save payment"/></button>
        </form>
    }
}
