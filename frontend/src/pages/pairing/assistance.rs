//! The pairing page: an enterprise sees its pairings and totals and logs assistance (amount or
//! count as the kind needs, with a photo from the phone's camera); the district also sees the
//! totals per enterprise and confirms the logs waiting.

use jingzhun_shared::pairing::{
    AssistanceEntry, AssistanceKind, AssistanceLogDto, AssistanceLogQuery, ConfirmAssistanceLog, CreateAssistanceLog,
    Measure, PairingDto, PairingFigures, PairingFiguresQuery, PairingQuery,
};
use jingzhun_shared::{Capability, ClientError, Fen, PageQuery, PairingId};
use leptos::prelude::*;
use wasm_bindgen::JsCast;

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

type Data = (PairingFigures, Vec<PairingDto>, Vec<AssistanceLogDto>);

#[component]
pub fn PairingPage() -> impl IntoView {
    let session = use_session();
    let reload = RwSignal::new(0u32);
    let confirms = session.user().is_some_and(|u| u.role.can(Capability::ManagePairing));
    let logs = session.user().is_some_and(|u| u.role.can(Capability::LogAssistance));
    let teams = session.user().is_some_and(|u| crate::Page::WorkTeams.allowed(u.role));
    let year_text = RwSignal::new(chrono::Datelike::year(&today()).to_string());
    let data = LocalResource::new(move || {
        reload.track();
        let year = year_text.get().trim().parse().unwrap_or_else(|_| chrono::Datelike::year(&today()));
        async move {
            let api = session.api();
            let figures = api.pairing_figures(&PairingFiguresQuery { year, org_unit: None }).await?;
            let all = Some(PageQuery::MAX_PER_PAGE);
            let pairings = api.pairings(&PairingQuery { per_page: all, ..Default::default() }).await?.items;
            let waiting = AssistanceLogQuery { confirmed: Some(false), per_page: all, ..Default::default() };
            let waiting = api.assistance_logs(&waiting).await?.items;
            Ok::<Data, ClientError>((figures, pairings, waiting))
        }
    });
    view! {
        <section class="page pairing">
            <h1><T zh="社会帮扶（多企帮多村）" en="Enterprise pairing"/></h1>
            {teams.then(|| view! { <p><leptos_router::components::A href=crate::Page::WorkTeams.href() attr:class="button-link work-teams-link">
                <T zh="驻村工作队" en="Work teams"/></leptos_router::components::A></p> })}
            <Field label=("统计年度", "Year") name="pairing-year" value=year_text inputmode="numeric"/>
            <Loaded resource=data children=move |(figures, pairings, waiting): Data| view! {
                <Totals figures=figures.clone()/>
                {(logs && !pairings.is_empty()).then(|| view! { <LogForm pairings=pairings.clone() reload/> })}
                <h2><T zh="结对情况" en="Pairings"/></h2>
                {if pairings.is_empty() {
                    view! { <p class="empty"><T zh="暂无结对" en="No pairing yet"/></p> }.into_any()
                } else {
                    view! { <ul class="rows pairings">{pairings.into_iter().take(50).map(|p| view! {
                        <li class="row"><div class="grow">
                            <strong>{p.enterprise_name.clone()}</strong>
                            <div class="muted small">{p.villages.iter().map(|v| v.name.clone()).collect::<Vec<_>>().join("、")}
                                " · "{p.households.iter().map(|h| h.head_name.clone()).collect::<Vec<_>>().join("、")}</div>
                        </div><span class="muted small">{p.since.to_string()}</span></li>
                    }).collect_view()}</ul> }.into_any()
                }}
                <Waiting waiting confirms reload/>
                {confirms.then(|| view! { <PerEnterprise figures/> })}
            }/>
        </section>
    }
}

#[component]
fn Totals(figures: PairingFigures) -> impl IntoView {
    let t = figures.totals;
    view! {
        <h2>{figures.year}<T zh=" 年帮扶合计" en=" totals"/></h2>
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
fn LogForm(pairings: Vec<PairingDto>, reload: RwSignal<u32>) -> impl IntoView {
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
        move |_| {
            amount.set(String::new());
            count.set(String::new());
            note.set(String::new());
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

#[component]
fn Waiting(waiting: Vec<AssistanceLogDto>, confirms: bool, reload: RwSignal<u32>) -> impl IntoView {
    let session = use_session();
    let i18n = use_i18n();
    let confirm = move |log: AssistanceLogDto| {
        let question = format!("确认“{}”的这条帮扶记录？确认后不能再修改。", log.enterprise_name);
        let sure = web_sys::window().and_then(|w| w.confirm_with_message(&question).ok()).unwrap_or(false);
        if sure {
            leptos::task::spawn_local(async move {
                let _ =
                    session.api().confirm_assistance_log(log.id, &ConfirmAssistanceLog { version: log.version }).await;
                reload.update(|r| *r += 1);
            });
        }
    };
    view! {
        <h2><T zh="待确认的帮扶记录" en="Logs to confirm"/></h2>
        {if waiting.is_empty() {
            view! { <p class="empty"><T zh="没有待确认的记录" en="Nothing waiting"/></p> }.into_any()
        } else {
            view! { <ul class="rows assistance-logs">{waiting.into_iter().take(100).map(|log| {
                let measure = match (log.entry.amount_fen, log.entry.count) {
                    (Some(a), _) => format!("{} 元", a.to_yuan_string()),
                    (None, Some(c)) => c.to_string(),
                    _ => String::new(),
                };
                let shown = log.clone();
                view! {
                    <li class="row"><div class="grow">
                        <strong>{move || i18n.label(shown.entry.kind)}" "{measure.clone()}</strong>
                        <div class="muted small">{shown.enterprise_name.clone()}" · "{shown.entry.date.to_string()}
                            " · "{shown.photos.len()}<T zh=" 张照片" en=" photos"/></div>
                    </div>
                    {confirms.then(|| view! { <button type="button" on:click=move |_| confirm(log.clone())><T zh="确认" en="Confirm"/></button> })}
                    </li>
                }
            }).collect_view()}</ul> }.into_any()
        }}
    }
}

#[component]
fn PerEnterprise(figures: PairingFigures) -> impl IntoView {
    view! {
        <h2><T zh="各企业帮扶情况" en="By enterprise"/></h2>
        <p class="muted small">{figures.enterprises}<T zh=" 家企业 · " en=" enterprises · "/>{figures.villages}
            <T zh=" 个村 · " en=" villages · "/>{figures.households}<T zh=" 户" en=" households"/></p>
        <table class="per-enterprise">
            <thead><tr>
                <th><T zh="企业" en="Enterprise"/></th><th><T zh="资金（元）" en="Funds"/></th>
                <th><T zh="就业" en="Hired"/></th><th><T zh="项目" en="Projects"/></th>
            </tr></thead>
            <tbody>{figures.per_enterprise.into_iter().take(200).map(|e| view! {
                <tr><td>{e.name}</td><td>{e.totals.funds_fen.to_yuan_string()}</td>
                    <td>{e.totals.labour_hired}</td><td>{e.totals.projects_claimed}</td></tr>
            }).collect_view()}</tbody>
        </table>
    }
}
