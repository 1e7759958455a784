//! The forms of the household card: add a member (增员, with why and when), record a year's
//! income (amounts typed in 元, checked as typed), apply for exit.

use chrono::NaiveDate;
use jingzhun_shared::applications::{CreateApplication, ExitChecklist};
use jingzhun_shared::error::Validator;
use jingzhun_shared::registry::{CreateMember, IncomeInput, JoinReason};
use jingzhun_shared::{ApplicationKind, Fen, HealthStatus, HouseholdId, IdCardNo, Labour, Relation};
use leptos::prelude::*;

use crate::components::enum_select::EnumSelect;
use crate::components::field::Field;
use crate::components::save::use_save;
use crate::i18n::{T, use_i18n};
use crate::session::use_session;

fn bump(reload: RwSignal<u32>) -> Option<String> {
    reload.update(|r| *r += 1);
    None
}

#[component]
pub fn AddMemberForm(household_id: HouseholdId, reload: RwSignal<u32>) -> impl IntoView {
    let session = use_session();
    let name = RwSignal::new(String::new());
    let id_card = RwSignal::new(String::new());
    let relation = RwSignal::new(Relation::Child);
    let health = RwSignal::new(HealthStatus::Healthy);
    let labour = RwSignal::new(Labour::Full);
    let join_reason = RwSignal::new(JoinReason::Birth);
    let joined_on = RwSignal::new(String::new());
    let save = use_save(
        move |body: CreateMember| async move { session.api().add_member(household_id, &body).await },
        move |_| {
            name.set(String::new());
            id_card.set(String::new());
            joined_on.set(String::new());
            bump(reload)
        },
    );
    let server_id_error = save.field("id_card_no");
    let id_error = Signal::derive(move || {
        let text = id_card.get();
        let local = if text.trim().is_empty() { None } else { IdCardNo::parse(&text).err().map(|e| e.0) };
        local.or_else(|| server_id_error.get())
    });
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let member = CreateMember {
            name: name.get_untracked(),
            id_card_no: id_card.get_untracked(),
            relation: relation.get_untracked(),
            health: health.get_untracked(),
            labour: labour.get_untracked(),
            join_reason: Some(join_reason.get_untracked()),
            joined_on: NaiveDate::parse_from_str(joined_on.get_untracked().trim(), "%Y-%m-%d").ok(),
        };
        save.dispatch_parsed(member, CreateMember::parse);
    };
    view! {
        <form class="card form" on:submit=submit novalidate>
            <h2><T zh="添加家庭成员" en="Add a member"/></h2>
            <Field label=("姓名", "Name") name="member-name" value=name error=save.field("name")/>
            <Field label=("身份证号", "ID-card number") name="member-id-card" value=id_card error=id_error/>
            <EnumSelect label=("与户主关系", "Relation") id="member-relation" value=relation only=|r| r != Relation::Head/>
            <EnumSelect label=("健康状况", "Health") id="member-health" value=health/>
            <EnumSelect label=("劳动能力", "Labour") id="member-labour" value=labour/>
            <EnumSelect label=("增员原因", "Why they joined") id="member-join-reason" value=join_reason/>
            <Field label=("增员日期", "Joined on") name="member-joined-on" value=joined_on
                error=save.field("joined_on") kind="date"/>
            <p class="form-error" role="alert">{move || save.message.get().unwrap_or_default()}</p>
            <button type="submit" class="primary" disabled=move || save.pending()><T zh="添加" en="Add"/></button>
        </form>
    }
}

const INCOME_FIELDS: [((&str, &str), &str); 5] = [
    (("工资性收入（元）", "Wages (yuan)"), "income-wage"),
    (("生产经营性收入（元）", "Operating (yuan)"), "income-operating"),
    (("财产性收入（元）", "Property (yuan)"), "income-property"),
    (("转移性收入（元）", "Transfers (yuan)"), "income-transfer"),
    (("生产经营支出（元）", "Expenses (yuan)"), "income-expenses"),
];

#[component]
pub fn IncomeForm(household_id: HouseholdId, reload: RwSignal<u32>) -> impl IntoView {
    let session = use_session();
    let i18n = use_i18n();
    let year = RwSignal::new(String::new());
    let amounts: [RwSignal<String>; 5] = std::array::from_fn(|_| RwSignal::new(String::new()));
    let amount_error = move |signal: RwSignal<String>| {
        Signal::derive(move || {
            let text = signal.get();
            if text.trim().is_empty() { None } else { Fen::parse_yuan(&text).err() }
        })
    };
    let save = use_save(
        move |body: IncomeInput| async move { session.api().record_income(household_id, &body).await },
        move |_| bump(reload),
    );
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Ok(y) = year.get_untracked().trim().parse::<i32>() else {
            save.message.set(Some(i18n.t("请填写年份", "Enter the year").to_owned()));
            return;
        };
        let parse = |a: RwSignal<String>| {
            let text = a.get_untracked();
            if text.trim().is_empty() { Ok(Fen::ZERO) } else { Fen::parse_yuan(&text) }
        };
        match amounts.map(parse) {
            [Ok(wage_fen), Ok(operating_fen), Ok(property_fen), Ok(transfer_fen), Ok(expenses_fen)] => {
                save.dispatch(IncomeInput {
                    year: y,
                    wage_fen,
                    operating_fen,
                    property_fen,
                    transfer_fen,
                    expenses_fen,
                });
            }
            results => save.message.set(results.into_iter().find_map(Result::err)),
        }
    };
    view! {
        <form class="card form" on:submit=submit novalidate>
            <h2><T zh="录入年度收入" en="Record a year's income"/></h2>
            <Field label=("年份", "Year") name="income-year" value=year inputmode="numeric"/>
            {INCOME_FIELDS.into_iter().zip(amounts).map(|((label, name), value)| view! {
                <Field label name value error=amount_error(value) inputmode="decimal"/>
            }).collect_view()}
            <p class="form-error" role="alert">{move || save.summary()}</p>
            <button type="submit" class="primary" disabled=move || save.pending()><T zh="保存" en="Save"/></button>
        </form>
    }
}

/// The 两不愁三保障 items: wire name, the field its errors come back under, labels.
const EXIT_ITEMS: [(&str, &str, &str, &str); 6] = [
    ("food", "checklist.food", "不愁吃", "Enough food"),
    ("clothing", "checklist.clothing", "不愁穿", "Enough clothing"),
    ("compulsory_education", "checklist.compulsory_education", "义务教育有保障", "Compulsory education"),
    ("basic_medical", "checklist.basic_medical", "基本医疗有保障", "Basic medical care"),
    ("safe_housing", "checklist.safe_housing", "住房安全有保障", "Safe housing"),
    ("safe_drinking_water", "checklist.safe_drinking_water", "饮水安全有保障", "Safe drinking water"),
];

/// Applying for exit: each item of 两不愁三保障 met, with the evidence it rests on.
#[component]
pub fn ExitForm(household_id: HouseholdId, year: i32, reload: RwSignal<u32>) -> impl IntoView {
    let session = use_session();
    let i18n = use_i18n();
    let checks = RwSignal::new(ExitChecklist::default());
    let apply = use_save(
        move |checklist: ExitChecklist| {
            let body = CreateApplication {
                household_id,
                kind: ApplicationKind::Exit,
                year,
                checklist: Some(checklist),
                reason: None,
                on: None,
            };
            async move { session.api().create_application(&body).await }
        },
        move |_| bump(reload),
    );
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        apply.dispatch_parsed(checks.get_untracked(), |c| {
            let mut v = Validator::new();
            c.parse(&mut v);
            v.finish()
        });
    };
    view! {
        <form class="card form" on:submit=submit novalidate>
            <h2><T zh="申请退出（两不愁三保障）" en="Apply for exit"/></h2>
            <p class="muted small">{format!("{year}")}<T zh=" 年人均纯收入须超过贫困线；每项须达标并写明佐证。" en=": income above the line; each item met, with its evidence."/></p>
            {EXIT_ITEMS.into_iter().map(|(name, field, zh, en)| {
                let error = apply.field(field);
                let id = format!("field-evidence-{name}");
                view! {
                    <fieldset class="evidence">
                        <label class="check">
                            <input type="checkbox"
                                prop:checked=move || checks.with(|c| c.items().iter().any(|(n, _, i)| *n == name && i.met))
                                on:change=move |ev| {
                                    let met = event_target_checked(&ev);
                                    checks.update(|c| if let Some(item) = c.item_mut(name) { item.met = met; });
                                }/>
                            <T zh en/>
                        </label>
                        <input id=id.clone() aria-label=move || format!("{} {}", i18n.t(zh, en), i18n.t("佐证", "evidence"))
                            placeholder=move || i18n.t("佐证，如：参保记录", "Evidence")
                            aria-invalid=move || error.get().is_some().to_string()
                            on:input=move |ev| {
                                let text = event_target_value(&ev);
                                checks.update(|c| if let Some(item) = c.item_mut(name) { item.evidence = text; });
                            }/>
                        <span class="field-error" role="alert">{move || error.get().unwrap_or_default()}</span>
                    </fieldset>
                }
            }).collect_view()}
            <p class="form-error" role="alert">{move || apply.message.get().unwrap_or_default()}</p>
            <button type="submit" class="primary" disabled=move || apply.pending()><T zh="提交退出申请" en="Submit"/></button>
        </form>
    }
}

/// Applying for entry (a pending household, 识别) or return (an exited one, 返贫): the income
/// year checked against its line, and a note.
#[component]
pub fn EntryForm(household_id: HouseholdId, kind: ApplicationKind, year: i32, reload: RwSignal<u32>) -> impl IntoView {
    let session = use_session();
    let i18n = use_i18n();
    let reason = RwSignal::new(String::new());
    let apply = use_save(
        move |body: CreateApplication| async move { session.api().create_application(&body).await },
        move |_| bump(reload),
    );
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        apply.dispatch(CreateApplication {
            household_id,
            kind,
            year,
            checklist: None,
            reason: Some(reason.get_untracked()).filter(|r| !r.trim().is_empty()),
            on: None,
        });
    };
    let (title_zh, title_en) = match kind {
        ApplicationKind::Return => ("申请返贫（重新纳入）", "Apply for return"),
        _ => ("申请识别为贫困户", "Apply for entry"),
    };
    view! {
        <form class="card form" on:submit=submit novalidate>
            <h2><T zh=title_zh en=title_en/></h2>
            <p class="muted small">{format!("{year}")}<T zh=" 年人均纯收入须低于贫困线。" en=": income below the line."/></p>
            <div class="field">
                <label for="field-application-reason"><T zh="情况说明（可选）" en="Note (optional)"/></label>
                <input id="field-application-reason" prop:value=move || reason.get()
                    placeholder=move || i18n.t("如 因病致贫、因灾返贫", "e.g. illness")
                    on:input=move |ev| reason.set(event_target_value(&ev))/>
                <span class="field-error" role="alert">{move || apply.field("reason").get().unwrap_or_default()}</span>
            </div>
            <p class="form-error" role="alert">{move || apply.summary()}</p>
            <button type="submit" class="primary" disabled=move || apply.pending()><T zh="提交申请" en="Submit"/></button>
        </form>
    }
}
