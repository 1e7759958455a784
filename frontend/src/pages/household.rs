//! The household card: members (numbers masked or not, as the server decides for the role),
//! income by year against the poverty line, the history of its applications, what it has
//! received, and starting an exit application.

use jingzhun_shared::applications::{ApplicationQuery, CreateApplication, ExitChecklist};

use jingzhun_shared::registry::HouseholdDto;
use jingzhun_shared::{ApplicationKind, HouseholdId, HouseholdStatus, Role};
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

use crate::components::{failed, first_error};
use crate::i18n::{T, use_i18n};
use crate::pages::applications::stage_label;
use crate::pages::benefits::Benefits;
use crate::pages::household_forms::{AddMemberForm, CategoryForm, IncomeForm};
use crate::pages::households::{category_label, status_badge};
use crate::session::use_session;

#[component]
pub fn HouseholdPage() -> impl IntoView {
    let session = use_session();
    let i18n = use_i18n();
    let params = use_params_map();
    let id = move || params.read().get("id").and_then(|v| v.parse::<i64>().ok()).map(HouseholdId);
    let reload = RwSignal::new(0u32);
    let card = LocalResource::new(move || {
        reload.track();
        let id = id();
        async move {
            let api = session.api();
            let id = id.ok_or_else(|| jingzhun_shared::ClientError::Decode("bad id".into()))?;
            let household = api.household(id).await?;
            let income = api.income_records(id).await?;
            let apps = api.applications(&ApplicationQuery { household_id: Some(id), ..Default::default() }).await?;
            Ok::<_, jingzhun_shared::ClientError>((household, income, apps.items))
        }
    });
    view! {
        <section class="page">
            <Transition fallback=move || view! { <p class="muted"><T zh="加载中…" en="Loading…"/></p> }>
                {move || card.get().map(|result| match result {
                    Err(e) => failed(&session, &i18n, &e),
                    Ok((h, income, apps)) => {
                        let can_exit = h.status == HouseholdStatus::Registered
                            && session.user().is_some_and(|u| matches!(u.role, Role::VillageClerk | Role::Admin))
                            && apps.iter().all(|a| a.status != jingzhun_shared::ApplicationStatus::InProgress);
                        let latest_year = income.first().map(|r| r.year);
                        let writes = session.user().is_some_and(|u| matches!(u.role, Role::VillageClerk | Role::TownshipOfficial | Role::DistrictOfficial | Role::Admin));
                        view! {
                            <Header h=h.clone()/>
                            {writes.then(|| view! { <CategoryForm household=h.clone() reload/> })}
                            <h2><T zh="家庭成员" en="Members"/></h2>
                            <ul class="rows members">
                                {h.members.iter().map(|m| view! {
                                    <li class="row"><div>
                                        <strong>{m.name.clone()}</strong>" "
                                        <span class="muted small">{m.relation.as_str()}</span>
                                        <div class="muted small id-card">{m.id_card_no.clone()}" · "{m.birth_date.to_string()}</div>
                                    </div></li>
                                }).collect_view()}
                            </ul>
                            <h2><T zh="年度收入" en="Income by year"/></h2>
                            {if income.is_empty() {
                                view! { <p class="empty"><T zh="尚无收入记录" en="No income recorded"/></p> }.into_any()
                            } else {
                                view! { <ul class="rows">{income.into_iter().map(|r| {
                                    let line = r.poverty_line_fen.map(|l| l.to_yuan_string()).unwrap_or_else(|| "—".into());
                                    let class = if r.above_line == Some(false) { "badge warn" } else { "badge ok" };
                                    view! { <li class="row"><div>
                                        <strong>{r.year}</strong>" "
                                        <T zh="人均纯收入 " en="Per capita "/>{r.per_capita_net_fen.to_yuan_string()}<T zh=" 元" en=" yuan"/>
                                        <div class="muted small"><T zh="贫困线 " en="Line "/>{line}" · "{r.members}<T zh=" 人" en=" people"/></div>
                                    </div><span class=class>{if r.above_line == Some(false) { "↓" } else { "↑" }}</span></li> }
                                }).collect_view()}</ul> }.into_any()
                            }}
                            <h2><T zh="识别退出记录" en="Applications"/></h2>
                            {if apps.is_empty() {
                                view! { <p class="empty"><T zh="暂无申请" en="No applications"/></p> }.into_any()
                            } else {
                                view! { <ul class="rows">{apps.into_iter().map(|a| view! {
                                    <li class="row"><div>
                                        <strong>{a.kind.as_str()}</strong>" · "{move || stage_label(&i18n, a.stage)}" · "{a.status.as_str()}
                                        <ol class="history small muted">{a.history.into_iter().map(|s| view! {
                                            <li>{s.on.to_string()}" "{move || stage_label(&i18n, s.stage)}" · "{s.username}
                                                {s.note.map(|n| format!(" · {n}"))}</li>
                                        }).collect_view()}</ol>
                                    </div></li>
                                }).collect_view()}</ul> }.into_any()
                            }}
                            <Benefits household_id=h.id writes/>
                            {writes.then(|| view! {
                                <AddMemberForm household_id=h.id reload/>
                                <IncomeForm household_id=h.id reload/>
                            })}
                            {(can_exit && latest_year.is_some()).then(|| view! {
                                <ExitForm household_id=h.id year=latest_year.unwrap_or_default() reload/>
                            })}
                        }.into_any()
                    }
                })}
            </Transition>
        </section>
    }
}

#[component]
fn Header(h: HouseholdDto) -> impl IntoView {
    let i18n = use_i18n();
    let head = h.members.iter().find(|m| Some(m.id) == h.head_member_id).map(|m| m.name.clone()).unwrap_or_default();
    view! {
        <div class="card">
            <p class="big">{head}" "{status_badge(i18n, h.status)}</p>
            <p class="muted">{h.number.clone()}" · "{h.village.name.clone()}" · "{move || category_label(&i18n, h.category)}
                {h.exit_year.map(|y| format!(" · {y}"))}</p>
        </div>
    }
}

#[component]
fn ExitForm(household_id: HouseholdId, year: i32, reload: RwSignal<u32>) -> impl IntoView {
    let session = use_session();
    let i18n = use_i18n();
    let checks = RwSignal::new(ExitChecklist::default());
    let message = RwSignal::new(None::<String>);
    let apply = Action::new_local(move |checklist: &ExitChecklist| {
        let body = CreateApplication {
            household_id,
            kind: ApplicationKind::Exit,
            year,
            checklist: Some(*checklist),
            reason: None,
            on: None,
        };
        async move { session.api().create_application(&body).await }
    });
    Effect::new(move |_| match apply.value().get() {
        Some(Ok(_)) => reload.update(|r| *r += 1),
        Some(Err(e)) => message.set(Some(first_error(&i18n, &e))),
        None => {}
    });
    let item = move |zh: &'static str,
                     en: &'static str,
                     get: fn(&ExitChecklist) -> bool,
                     set: fn(&mut ExitChecklist, bool)| {
        view! {
            <label class="check">
                <input type="checkbox" prop:checked=move || checks.with(get) on:change=move |ev| {
                    let on = event_target_checked(&ev);
                    checks.update(|c| set(c, on));
                }/>
                <T zh en/>
            </label>
        }
    };
    view! {
        <form class="card form" on:submit=move |ev| { ev.prevent_default(); apply.dispatch(checks.get_untracked()); }>
            <h2><T zh="申请退出（两不愁三保障）" en="Apply for exit"/></h2>
            {item("不愁吃", "Enough food", |c| c.food, |c, v| c.food = v)}
            {item("不愁穿", "Enough clothing", |c| c.clothing, |c, v| c.clothing = v)}
            {item("义务教育有保障", "Compulsory education", |c| c.compulsory_education, |c, v| c.compulsory_education = v)}
            {item("基本医疗有保障", "Basic medical care", |c| c.basic_medical, |c, v| c.basic_medical = v)}
            {item("住房安全有保障", "Safe housing", |c| c.safe_housing, |c, v| c.safe_housing = v)}
            {item("饮水安全有保障", "Safe drinking water", |c| c.safe_drinking_water, |c, v| c.safe_drinking_water = v)}
            <p class="form-error" role="alert">{move || message.get().unwrap_or_default()}</p>
            <button type="submit" class="primary" disabled=move || apply.pending().get()><T zh="提交退出申请" en="Submit"/></button>
        </form>
    }
}
