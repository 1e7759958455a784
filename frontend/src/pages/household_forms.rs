//! The forms of the household card: add a member, record a year's income (amounts typed in
//! 元, checked as typed), change the category.

use jingzhun_shared::newtypes::DisplayName;
use jingzhun_shared::registry::{CreateMember, HouseholdDto, IncomeInput, UpdateHousehold};
use jingzhun_shared::{Fen, FieldErrors, HealthStatus, HouseholdCategory, HouseholdId, IdCardNo, Labour, Relation};
use leptos::prelude::*;

use crate::components::field::Field;
use crate::components::{error_text, first_error, server_error, show_save_error};
use crate::i18n::{T, use_i18n};
use crate::pages::households::category_label;
use crate::session::use_session;

#[component]
pub fn AddMemberForm(household_id: HouseholdId, reload: RwSignal<u32>) -> impl IntoView {
    let session = use_session();
    let i18n = use_i18n();
    let name = RwSignal::new(String::new());
    let id_card = RwSignal::new(String::new());
    let relation = RwSignal::new(Relation::Child);
    let health = RwSignal::new(HealthStatus::Healthy);
    let labour = RwSignal::new(Labour::Full);
    let errors = RwSignal::new(FieldErrors::new());
    let message = RwSignal::new(None::<String>);
    let id_error = Signal::derive(move || {
        let text = id_card.get();
        let local = if text.trim().is_empty() { None } else { IdCardNo::parse(&text).err().map(|e| e.0) };
        local.or_else(|| server_error(errors, "id_card_no"))
    });
    let name_error = Signal::derive(move || server_error(errors, "name"));
    let save = Action::new_local(move |body: &CreateMember| {
        let body = body.clone();
        async move { session.api().add_member(household_id, &body).await }
    });
    Effect::new(move |_| match save.value().get() {
        Some(Ok(_)) => {
            name.set(String::new());
            id_card.set(String::new());
            errors.set(FieldErrors::new());
            reload.update(|r| *r += 1);
        }
        Some(Err(e)) => show_save_error(&i18n, &e, errors, message),
        None => {}
    });
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        message.set(None);
        let mut local = FieldErrors::new();
        if let Err(e) = DisplayName::parse(&name.get_untracked()) {
            local.insert("name".into(), vec![e.0]);
        }
        if let Err(e) = IdCardNo::parse(&id_card.get_untracked()) {
            local.insert("id_card_no".into(), vec![e.0]);
        }
        errors.set(local.clone());
        if local.is_empty() {
            save.dispatch(CreateMember {
                name: name.get_untracked(),
                id_card_no: id_card.get_untracked(),
                relation: relation.get_untracked(),
                health: health.get_untracked(),
                labour: labour.get_untracked(),
            });
        }
    };
    view! {
        <form class="card form" on:submit=submit novalidate>
            <h2><T zh="添加家庭成员" en="Add a member"/></h2>
            <Field label=("姓名", "Name") name="member-name" value=name error=name_error/>
            <Field label=("身份证号", "ID-card number") name="member-id-card" value=id_card error=id_error/>
            <Choice label=("与户主关系", "Relation") id="member-relation" options=Relation::ALL.iter().copied().filter(|r| *r != Relation::Head).map(|r| (r.as_str(), relation_label(r))).collect() selected=relation.get_untracked().as_str() on_pick=move |v| { if let Ok(r) = v.parse() { relation.set(r) } }/>
            <Choice label=("健康状况", "Health") id="member-health" options=HealthStatus::ALL.iter().map(|h| (h.as_str(), health_label(*h))).collect() selected="healthy" on_pick=move |v| { if let Ok(h) = v.parse() { health.set(h) } }/>
            <Choice label=("劳动能力", "Labour") id="member-labour" options=Labour::ALL.iter().map(|l| (l.as_str(), labour_label(*l))).collect() selected="full" on_pick=move |v| { if let Ok(l) = v.parse() { labour.set(l) } }/>
            <p class="form-error" role="alert">{move || message.get().unwrap_or_default()}</p>
            <button type="submit" class="primary" disabled=move || save.pending().get()><T zh="添加" en="Add"/></button>
        </form>
    }
}

fn relation_label(r: Relation) -> (&'static str, &'static str) {
    match r {
        Relation::Head => ("户主", "Head"),
        Relation::Spouse => ("配偶", "Spouse"),
        Relation::Child => ("子女", "Child"),
        Relation::Parent => ("父母", "Parent"),
        Relation::Grandchild => ("孙子女", "Grandchild"),
        Relation::Sibling => ("兄弟姐妹", "Sibling"),
        Relation::Other => ("其他", "Other"),
    }
}

fn health_label(h: HealthStatus) -> (&'static str, &'static str) {
    match h {
        HealthStatus::Healthy => ("健康", "Healthy"),
        HealthStatus::Chronic => ("长期慢性病", "Chronic illness"),
        HealthStatus::SeriousIllness => ("大病", "Serious illness"),
        HealthStatus::Disabled => ("残疾", "Disabled"),
    }
}

fn labour_label(l: Labour) -> (&'static str, &'static str) {
    match l {
        Labour::Full => ("普通劳动力", "Full"),
        Labour::Weak => ("弱劳动力", "Weak"),
        Labour::Lost => ("丧失劳动力", "Lost"),
        Labour::NoCapacity => ("无劳动力", "None"),
    }
}

/// A labelled select of (value, (中文, English)) options.
#[component]
fn Choice(
    label: (&'static str, &'static str),
    id: &'static str,
    options: Vec<(&'static str, (&'static str, &'static str))>,
    selected: &'static str,
    on_pick: impl Fn(String) + 'static,
) -> impl IntoView {
    view! {
        <div class="field">
            <label for=id><T zh=label.0 en=label.1/></label>
            <select id=id on:change=move |ev| on_pick(event_target_value(&ev))>
                {options.into_iter().map(|(value, (zh, en))| view! {
                    <option value=value selected=value == selected><T zh en/></option>
                }).collect_view()}
            </select>
        </div>
    }
}

#[component]
pub fn IncomeForm(household_id: HouseholdId, reload: RwSignal<u32>) -> impl IntoView {
    let session = use_session();
    let i18n = use_i18n();
    let year = RwSignal::new(String::new());
    let amounts: [RwSignal<String>; 5] = std::array::from_fn(|_| RwSignal::new(String::new()));
    let message = RwSignal::new(None::<String>);
    let amount_error = move |signal: RwSignal<String>| {
        Signal::derive(move || {
            let text = signal.get();
            if text.trim().is_empty() { None } else { Fen::parse_yuan(&text).err() }
        })
    };
    let save = Action::new_local(move |body: &IncomeInput| {
        let body = body.clone();
        async move { session.api().record_income(household_id, &body).await }
    });
    Effect::new(move |_| match save.value().get() {
        Some(Ok(_)) => {
            message.set(None);
            reload.update(|r| *r += 1);
        }
        Some(Err(e)) => message.set(Some(first_error(&i18n, &e))),
        None => {}
    });
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Ok(y) = year.get_untracked().trim().parse::<i32>() else {
            message.set(Some(i18n.t("请填写年份", "Enter the year").to_owned()));
            return;
        };
        let parsed: Result<Vec<Fen>, String> = amounts
            .iter()
            .map(|a| {
                let text = a.get_untracked();
                if text.trim().is_empty() { Ok(Fen(0)) } else { Fen::parse_yuan(&text) }
            })
            .collect();
        match parsed {
            Ok(v) => {
                save.dispatch(IncomeInput {
                    year: y,
                    wage_fen: v[0],
                    operating_fen: v[1],
                    property_fen: v[2],
                    transfer_fen: v[3],
                    expenses_fen: v[4],
                });
            }
            Err(e) => message.set(Some(e)),
        }
    };
    let labels = [
        ("工资性收入（元）", "Wages (yuan)"),
        ("生产经营性收入（元）", "Operating (yuan)"),
        ("财产性收入（元）", "Property (yuan)"),
        ("转移性收入（元）", "Transfers (yuan)"),
        ("生产经营支出（元）", "Expenses (yuan)"),
    ];
    let names = ["income-wage", "income-operating", "income-property", "income-transfer", "income-expenses"];
    view! {
        <form class="card form" on:submit=submit novalidate>
            <h2><T zh="录入年度收入" en="Record a year's income"/></h2>
            <Field label=("年份", "Year") name="income-year" value=year inputmode="numeric"/>
            {(0..5).map(|i| view! {
                <Field label=labels[i] name=names[i] value=amounts[i] error=amount_error(amounts[i]) inputmode="decimal"/>
            }).collect_view()}
            <p class="form-error" role="alert">{move || message.get().unwrap_or_default()}</p>
            <button type="submit" class="primary" disabled=move || save.pending().get()><T zh="保存" en="Save"/></button>
        </form>
    }
}

#[component]
pub fn CategoryForm(household: HouseholdDto, reload: RwSignal<u32>) -> impl IntoView {
    let session = use_session();
    let i18n = use_i18n();
    let category = RwSignal::new(household.category);
    let message = RwSignal::new(None::<String>);
    let (id, causes, phone, latitude, longitude, version) = (
        household.id,
        household.causes.clone(),
        household.phone.clone(),
        household.latitude,
        household.longitude,
        household.version,
    );
    let save = Action::new_local(move |c: &HouseholdCategory| {
        let body = UpdateHousehold {
            category: *c,
            causes: causes.clone(),
            phone: phone.clone(),
            latitude,
            longitude,
            version,
        };
        async move { session.api().update_household(id, &body).await }
    });
    Effect::new(move |_| match save.value().get() {
        Some(Ok(_)) => reload.update(|r| *r += 1),
        Some(Err(e)) => message.set(Some(error_text(&i18n, &e))),
        None => {}
    });
    view! {
        <form class="inline-form card" on:submit=move |ev| { ev.prevent_default(); save.dispatch(category.get_untracked()); }>
            <label for="field-edit-category"><T zh="户类别" en="Category"/></label>
            <select id="field-edit-category" on:change=move |ev| { if let Ok(c) = event_target_value(&ev).parse() { category.set(c) } }>
                {HouseholdCategory::ALL.iter().map(|c| view! {
                    <option value=c.as_str() selected=*c == household.category>{move || category_label(&i18n, *c)}</option>
                }).collect_view()}
            </select>
            <button type="submit" class="small" disabled=move || save.pending().get()><T zh="保存" en="Save"/></button>
            <span class="field-error">{move || message.get().unwrap_or_default()}</span>
        </form>
    }
}
