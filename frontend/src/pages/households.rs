//! The household list (search, filters, paging) and the form that files a new household, with
//! the ID-card number checked by the same parser the server uses, as it is typed.

use jingzhun_shared::newtypes::DisplayName;
use jingzhun_shared::org::OrgUnitDto;
use jingzhun_shared::registry::{CreateHousehold, HouseholdQuery, HouseholdSummary, NewHead};
use jingzhun_shared::{FieldErrors, HouseholdCategory, HouseholdStatus, IdCardNo, OrgLevel, OrgUnitId, PovertyCause};
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_navigate;

use crate::components::field::Field;
use crate::components::pager::Pager;
use crate::components::{failed, server_error, show_save_error};
use crate::i18n::{I18n, T, use_i18n};
use crate::session::use_session;

const PER_PAGE: u64 = 20;

pub fn status_label(i18n: &I18n, status: HouseholdStatus) -> &'static str {
    match status {
        HouseholdStatus::Pending => i18n.t("待识别", "Pending"),
        HouseholdStatus::Registered => i18n.t("未脱贫", "Registered"),
        HouseholdStatus::Exited => i18n.t("已脱贫", "Exited"),
        HouseholdStatus::Removed => i18n.t("已清退", "Removed"),
    }
}

pub fn category_label(i18n: &I18n, category: HouseholdCategory) -> &'static str {
    match category {
        HouseholdCategory::Dibao => i18n.t("低保户", "Dibao"),
        HouseholdCategory::Wubao => i18n.t("五保户", "Wubao"),
        HouseholdCategory::General => i18n.t("一般贫困户", "General"),
    }
}

fn cause_label(i18n: &I18n, cause: PovertyCause) -> &'static str {
    match cause {
        PovertyCause::Illness => i18n.t("因病", "Illness"),
        PovertyCause::Disability => i18n.t("因残", "Disability"),
        PovertyCause::Education => i18n.t("因学", "Schooling"),
        PovertyCause::Disaster => i18n.t("因灾", "Disaster"),
        PovertyCause::LackOfLand => i18n.t("缺土地", "No land"),
        PovertyCause::LackOfWater => i18n.t("缺水", "No water"),
        PovertyCause::LackOfSkills => i18n.t("缺技术", "No skills"),
        PovertyCause::LackOfLabour => i18n.t("缺劳力", "No labour"),
        PovertyCause::LackOfFunds => i18n.t("缺资金", "No funds"),
        PovertyCause::PoorTransport => i18n.t("交通条件落后", "Poor transport"),
        PovertyCause::LackOfDrive => i18n.t("自身发展动力不足", "Lack of drive"),
    }
}

pub fn status_badge(i18n: I18n, status: HouseholdStatus) -> impl IntoView {
    let class = match status {
        HouseholdStatus::Registered | HouseholdStatus::Pending => "badge warn",
        HouseholdStatus::Exited => "badge ok",
        HouseholdStatus::Removed => "badge",
    };
    view! { <span class=class>{move || status_label(&i18n, status)}</span> }
}

#[component]
pub fn HouseholdsPage() -> impl IntoView {
    let session = use_session();
    let i18n = use_i18n();
    let q = RwSignal::new(String::new());
    let status = RwSignal::new(String::new());
    let unit = RwSignal::new(String::new());
    let page = RwSignal::new(1u64);
    let units = LocalResource::new(move || async move { session.api().org_tree().await });
    // A township or a village: the server takes either as a subtree filter.
    let current_query = move || HouseholdQuery {
        q: Some(q.get()),
        status: status.get().parse().ok(),
        township_id: unit.get().parse::<i64>().ok().map(OrgUnitId),
        ..Default::default()
    };
    let list = LocalResource::new(move || {
        let query = HouseholdQuery { page: Some(page.get()), per_page: Some(PER_PAGE), ..current_query() };
        async move { session.api().households(&query).await }
    });
    let total = Signal::derive(move || list.get().and_then(|r| r.ok()).map_or(0, |p| p.total));
    let exact = Signal::derive(move || list.get().and_then(|r| r.ok()).is_none_or(|p| p.total_exact));
    view! {
        <section class="page">
            <div class="page-head">
                <h1><T zh="农户" en="Households"/></h1>
                <A href="/households/new" attr:class="button primary-link"><T zh="新增农户" en="Add household"/></A>
            </div>
            <div class="buttons">
                <A href="/households/import" attr:class="button-link"><T zh="批量导入" en="Import"/></A>
                <button type="button" class="small" on:click=move |_| {
                    let query = current_query();
                    leptos::task::spawn_local(async move {
                        if let Ok(bytes) = session.api().export_households(&query).await {
                            let _ = crate::download::save(&bytes, "农户.xlsx", crate::download::XLSX);
                        }
                    });
                }><T zh="导出 Excel" en="Export to Excel"/></button>
            </div>
            <input class="search" type="search" id="household-search"
                placeholder=move || i18n.t("户主姓名或身份证号开头", "Head's name or ID-card prefix")
                prop:value=move || q.get() on:input=move |ev| { q.set(event_target_value(&ev)); page.set(1); }/>
            <select aria-label="status" on:change=move |ev| { status.set(event_target_value(&ev)); page.set(1); }>
                <option value=""><T zh="全部状态" en="Any status"/></option>
                {HouseholdStatus::ALL.iter().map(|s| view! {
                    <option value=s.as_str()>{move || status_label(&i18n, *s)}</option>
                }).collect_view()}
            </select>
            <Transition fallback=|| ()>
                {move || units.get().and_then(|r| r.ok()).filter(|tree| !tree.children.is_empty()).map(|tree| view! {
                    <select aria-label="org unit" id="household-unit" on:change=move |ev| { unit.set(event_target_value(&ev)); page.set(1); }>
                        <option value=""><T zh="全部乡镇和村" en="All townships and villages"/></option>
                        {tree.flatten().into_iter().skip(1).map(|u| {
                            let indent = if u.level == OrgLevel::Village { "\u{3000}" } else { "" };
                            view! { <option value=u.id.0.to_string()>{format!("{indent}{}", u.name)}</option> }
                        }).collect_view()}
                    </select>
                })}
            </Transition>
            <Transition fallback=move || view! { <p class="muted"><T zh="加载中…" en="Loading…"/></p> }>
                {move || list.get().map(|result| match result {
                    Err(e) => failed(&session, &i18n, &e),
                    Ok(page) if page.items.is_empty() => view! {
                        <p class="empty"><T zh="没有符合条件的农户" en="No households match"/></p>
                    }.into_any(),
                    Ok(page) => view! {
                        <ul class="rows households">
                            {page.items.into_iter().map(|h| view! { <HouseholdRow h/> }).collect_view()}
                        </ul>
                    }.into_any(),
                })}
            </Transition>
            <Pager page total per_page=PER_PAGE exact/>
        </section>
    }
}

#[component]
fn HouseholdRow(h: HouseholdSummary) -> impl IntoView {
    let i18n = use_i18n();
    let href = format!("/households/{}", h.id);
    view! {
        <li class="row">
            <A href=href attr:class="row-link">
                <div>
                    <strong class="head-name">{h.head_name.clone()}</strong>" "
                    {status_badge(i18n, h.status)}
                    <div class="muted small">
                        {move || category_label(&i18n, h.category)}" · "{h.members}<T zh=" 人" en=" people"/>
                        " · "{h.village.name.clone()}" · "{h.number.clone()}
                    </div>
                </div>
            </A>
        </li>
    }
}

#[component]
pub fn NewHouseholdPage() -> impl IntoView {
    let session = use_session();
    let i18n = use_i18n();
    let navigate = use_navigate();
    let villages = LocalResource::new(move || async move {
        session.api().org_tree().await.map(|tree| {
            tree.flatten().into_iter().filter(|u| u.level == OrgLevel::Village).cloned().collect::<Vec<OrgUnitDto>>()
        })
    });
    let village = RwSignal::new(String::new());
    let category = RwSignal::new(HouseholdCategory::General);
    let causes = RwSignal::new(Vec::<PovertyCause>::new());
    let name = RwSignal::new(String::new());
    let id_card = RwSignal::new(String::new());
    let phone = RwSignal::new(String::new());
    let server_errors = RwSignal::new(FieldErrors::new());
    let message = RwSignal::new(None::<String>);
    let server = move |field: &'static str| server_error(server_errors, field);
    // Checked as it is typed, with the server's own parser; the server's answer still wins.
    let id_error = Signal::derive(move || {
        let text = id_card.get();
        let local = if text.trim().is_empty() { None } else { IdCardNo::parse(&text).err().map(|e| e.0) };
        local.or_else(|| server("head.id_card_no"))
    });
    let name_error = Signal::derive(move || server("head.name"));
    let causes_error = Signal::derive(move || server("causes"));
    let save = Action::new_local(move |body: &CreateHousehold| {
        let body = body.clone();
        async move { session.api().create_household(&body).await }
    });
    Effect::new(move |_| match save.value().get() {
        Some(Ok(created)) => navigate(&format!("/households/{}", created.id), Default::default()),
        Some(Err(e)) => show_save_error(&i18n, &e, server_errors, message),
        None => {}
    });
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        message.set(None);
        server_errors.set(FieldErrors::new());
        let mut local = FieldErrors::new();
        if let Err(e) = DisplayName::parse(&name.get_untracked()) {
            local.insert("head.name".into(), vec![e.0]);
        }
        if let Err(e) = IdCardNo::parse(&id_card.get_untracked()) {
            local.insert("head.id_card_no".into(), vec![e.0]);
        }
        if causes.with_untracked(Vec::is_empty) {
            local.insert(
                "causes".into(),
                vec![i18n.t("请至少选择一项致贫原因", "Choose at least one cause").to_owned()],
            );
        }
        let village_id = village
            .get_untracked()
            .parse::<i64>()
            .ok()
            .or_else(|| villages.get_untracked().and_then(|r| r.ok()).and_then(|v| v.first().map(|u| u.id.0)));
        if !local.is_empty() || village_id.is_none() {
            server_errors.set(local);
            return;
        }
        let phone = phone.get_untracked();
        save.dispatch(CreateHousehold {
            village_id: OrgUnitId(village_id.unwrap_or_default()),
            category: category.get_untracked(),
            causes: causes.get_untracked(),
            head: NewHead {
                name: name.get_untracked(),
                id_card_no: id_card.get_untracked(),
                phone: (!phone.trim().is_empty()).then_some(phone),
                health: None,
                labour: None,
            },
            latitude: None,
            longitude: None,
            pending: false,
        });
    };
    view! {
        <section class="page">
            <h1><T zh="新增农户" en="Add a household"/></h1>
            <form class="card form" on:submit=submit novalidate>
                <div class="field">
                    <label for="field-village"><T zh="所在村" en="Village"/></label>
                    <select id="field-village" on:change=move |ev| village.set(event_target_value(&ev))>
                        {move || villages.get().and_then(|r| r.ok()).unwrap_or_default().into_iter().map(|u| view! {
                            <option value=u.id.0.to_string()>{u.name.clone()}</option>
                        }).collect_view()}
                    </select>
                </div>
                <div class="field">
                    <label for="field-category"><T zh="户类别" en="Category"/></label>
                    <select id="field-category" on:change=move |ev| {
                        if let Ok(c) = event_target_value(&ev).parse() { category.set(c) }
                    }>
                        {HouseholdCategory::ALL.iter().map(|c| view! {
                            <option value=c.as_str() selected=*c == HouseholdCategory::General>{move || category_label(&i18n, *c)}</option>
                        }).collect_view()}
                    </select>
                </div>
                <Field label=("户主姓名", "Head's name") name="head-name" value=name error=name_error/>
                <Field label=("户主身份证号", "Head's ID-card number") name="head-id-card" value=id_card error=id_error/>
                <Field label=("联系电话（可选）", "Phone (optional)") name="head-phone" value=phone kind="tel" inputmode="tel"/>
                <fieldset class="field causes" class:invalid=move || causes_error.get().is_some()>
                    <legend><T zh="致贫原因（可多选）" en="Causes of poverty"/></legend>
                    {PovertyCause::ALL.iter().map(|c| {
                        let c = *c;
                        view! {
                            <label class="check">
                                <input type="checkbox" value=c.as_str() on:change=move |ev| {
                                    let on = event_target_checked(&ev);
                                    causes.update(|list| { list.retain(|x| *x != c); if on { list.push(c) } });
                                }/>
                                {move || cause_label(&i18n, c)}
                            </label>
                        }
                    }).collect_view()}
                    <p class="field-error" role="alert">{move || causes_error.get().unwrap_or_default()}</p>
                </fieldset>
                <p class="form-error" role="alert">{move || message.get().unwrap_or_default()}</p>
                <button type="submit" class="primary" disabled=move || save.pending().get()><T zh="保存" en="Save"/></button>
            </form>
        </section>
    }
}
