//! The pairing page: an enterprise sees its pairings and totals and logs assistance (amount or
//! count as the kind needs, with a photo from the phone's camera); the district also sees the
//! enterprises with their totals and confirms the logs waiting. The year shown is chosen, by
//! default the latest with records.

use std::collections::HashMap;
use std::sync::Arc;

use jingzhun_shared::pairing::{
    AssistanceEntry, AssistanceKind, CreateAssistanceLog, Measure, PairingDto, PairingFigures, PairingQuery,
};
use jingzhun_shared::{Capability, ClientError, Fen, PageQuery, PairingId, Role};
use leptos::prelude::*;
use leptos_router::components::A;
use wasm_bindgen::JsCast;

use super::enterprises::EnterpriseList;
use super::pairing_list::PairingList;
use super::waiting::Waiting;
use super::years::{YearSelect, figures_of};
use crate::Page;
use crate::components::enum_select::EnumSelect;
use crate::components::field::Field;
use crate::components::loaded::Loaded;
use crate::components::save::use_save;
use crate::components::wan;
use crate::download::read_file;
use crate::i18n::{T, use_i18n};
use crate::session::use_session;

fn today() -> chrono::NaiveDate {
    chrono::Local::now().date_naive()
}

type Data = (PairingFigures, Vec<PairingDto>);

#[component]
pub fn PairingPage() -> impl IntoView {
    let session = use_session();
    let reload = RwSignal::new(0u32);
    let role = session.user().map(|u| u.role);
    let confirms = role.is_some_and(|r| r.can(Capability::ManagePairing));
    let logs = role.is_some_and(|r| r.can(Capability::LogAssistance));
    let enterprise = role == Some(Role::Enterprise);
    let year = RwSignal::new(None::<i32>);
    let teams = role.is_some_and(|r| Page::WorkTeams.allowed(r));
    let data = LocalResource::new(move || {
        reload.track();
        let wanted = year.get();
        async move {
            let api = session.api();
            let figures = figures_of(&api, wanted).await?;
            let all = Some(PageQuery::MAX_PER_PAGE);
            let pairings = api.pairings(&PairingQuery { per_page: all, ..Default::default() }).await?.items;
            Ok::<Data, ClientError>((figures, pairings))
        }
    });
    view! {
        <section class="page pairing">
            <div class="page-head">
                <h1><T zh="社会帮扶（多企帮多村）" en="Enterprise pairing"/></h1>
                <div class="head-actions">
                {teams.then(|| view! {
                    <A href=Page::WorkTeams.href() attr:class="button-link work-teams-link"><T zh="驻村工作队" en="Work teams"/></A>
                })}
                {(!enterprise).then(|| view! {
                    <A href=Page::Donations.href() attr:class="button-link donations-link"><T zh="扶贫日与社会捐赠" en="Campaign gifts"/></A>
                })}
                </div>
            </div>
            <Loaded resource=data children=move |(figures, pairings): Data| view! {
                <YearSelect year shown=figures.year years=figures.years.clone()/>
                <Totals figures=figures.clone()/>
                {(logs && !pairings.is_empty()).then(|| view! { <LogForm pairings=pairings.clone() reload year/> })}
                <PairingList/>
                <Waiting confirms reload/>
                {confirms.then(|| {
                    let totals: HashMap<_, _> = figures.per_enterprise.iter().map(|e| (e.enterprise_id, e.totals)).collect();
                    view! { <EnterpriseList year=figures.year totals=Arc::new(totals)/> }
                })}
            }/>
        </section>
    }
}

#[component]
fn Totals(figures: PairingFigures) -> impl IntoView {
    let t = figures.totals;
    view! {
        <h2>{figures.year}<T zh=" 年帮扶合计" en=" totals"/></h2>
        <p class="muted small">{figures.enterprises}<T zh=" 家企业 · " en=" enterprises · "/>{figures.villages}
            <T zh=" 个村 · " en=" villages · "/>{figures.households}<T zh=" 户" en=" households"/></p>
        <div class="stats pairing-totals">
            <div class="stat card"><span class="stat-value">{wan(t.funds_fen)}</span><span class="stat-label"><T zh="帮扶资金（万元）" en="Funds (10k yuan)"/></span></div>
            <div class="stat card"><span class="stat-value labour-hired">{t.labour_hired}</span><span class="stat-label"><T zh="吸纳就业（人）" en="Hired"/></span></div>
            <div class="stat card"><span class="stat-value">{t.students_aided}</span><span class="stat-label"><T zh="资助学生（名）" en="Students"/></span></div>
            <div class="stat card"><span class="stat-value">{t.projects_claimed}</span><span class="stat-label"><T zh="认领项目（个）" en="Projects"/></span></div>
            <div class="stat card"><span class="stat-value">{wan(t.products_fen)}</span><span class="stat-label"><T zh="购销农产品（万元）" en="Products (10k yuan)"/></span></div>
        </div>
    }
}

#[component]
fn LogForm(pairings: Vec<PairingDto>, reload: RwSignal<u32>, year: RwSignal<Option<i32>>) -> impl IntoView {
    let session = use_session();
    let i18n = use_i18n();
    let pairing = RwSignal::new(pairings.first().map(|p| p.id));
    let kind = RwSignal::new(AssistanceKind::LabourHired);
    let amount = RwSignal::new(String::new());
    let count = RwSignal::new(String::new());
    let date = RwSignal::new(today().to_string());
    let note = RwSignal::new(String::new());
    let photo = StoredValue::new_local(None::<web_sys::File>);
    let save = use_save(
        move |body: CreateAssistanceLog| async move {
            let api = session.api();
            let log = api.create_assistance_log(&body).await?;
            match photo.get_value() {
                Some(file) => {
                    let bytes = read_file(&file).await.map_err(ClientError::Decode)?;
                    api.add_assistance_photo(log.id, bytes).await
                }
                None => Ok(log),
            }
        },
        move |log: jingzhun_shared::pairing::AssistanceLogDto| {
            amount.set(String::new());
            count.set(String::new());
            note.set(String::new());
            // The totals of the year the log counts in.
            year.set(Some(chrono::Datelike::year(&log.entry.date)));
            reload.update(|r| *r += 1);
            Some("已登记".to_owned())
        },
    );
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Some(pairing_id) = pairing.get_untracked() else { return };
        let amount_fen = Some(amount.get_untracked()).filter(|a| !a.trim().is_empty()).map(|a| Fen::parse_yuan(&a));
        let amount_fen = match amount_fen.transpose() {
            Ok(a) => a,
            Err(e) => return save.message.set(Some(e)),
        };
        let Ok(date) = chrono::NaiveDate::parse_from_str(date.get_untracked().trim(), "%Y-%m-%d") else {
            return save.message.set(Some(i18n.t("请填写日期", "Enter the date").to_owned()));
        };
        let entry = AssistanceEntry {
            kind: kind.get_untracked(),
            amount_fen,
            count: count.get_untracked().trim().parse().ok(),
            date,
            note: Some(note.get_untracked()),
        };
        save.dispatch(CreateAssistanceLog { pairing_id, entry, corrects: None });
    };
    let pick = move |ev: leptos::ev::Event| {
        let input: Option<web_sys::HtmlInputElement> = ev.target().and_then(|t| t.dyn_into().ok());
        photo.set_value(input.and_then(|i| i.files()).and_then(|f| f.get(0)));
    };
    let needs_amount = move || kind.get().measure() != Measure::Count;
    let needs_count = move || kind.get().measure() != Measure::Amount;
    view! {
        <form class="card form assistance-form" on:submit=submit>
            <h2><T zh="登记帮扶" en="Log assistance"/></h2>
            <div class="field">
                <label for="pairing"><T zh="结对" en="Pairing"/></label>
                <select id="pairing" on:change=move |ev| pairing.set(event_target_value(&ev).parse().ok().map(PairingId))>
                    {pairings.iter().map(|p| view! {
                        <option value=p.id.0.to_string()>{format!("{}（{}）", p.enterprise_name,
                            p.villages.iter().map(|v| v.name.clone()).collect::<Vec<_>>().join("、"))}</option>
                    }).collect_view()}
                </select>
            </div>
            <EnumSelect label=("帮扶类型", "Kind") id="kind" value=kind/>
            <Show when=needs_amount><Field label=("金额（元）", "Amount (yuan)") name="amount" value=amount error=save.field("amount_fen") inputmode="decimal"/></Show>
            <Show when=needs_count><Field label=("人数/个数", "Count") name="count" value=count error=save.field("count") inputmode="numeric"/></Show>
            <Field label=("日期", "Date") name="date" value=date error=save.field("date") kind="date"/>
            <Field label=("说明", "Note") name="note" value=note error=save.field("note")/>
            <div class="field">
                <label for="assistance-photo"><T zh="照片（可拍照）" en="Photo (camera)"/></label>
                <input id="assistance-photo" type="file" accept="image/*" capture="environment" on:change=pick/>
            </div>
            <p class="form-error" role="alert">{move || save.summary()}</p>
            <button type="submit" class="primary" disabled=move || save.pending()><T zh="提交" en="Submit"/></button>
        </form>
    }
}
