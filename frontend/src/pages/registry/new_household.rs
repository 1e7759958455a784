//! Filing a new household, with the ID-card number and the phone checked by the same parsers
//! the server uses, as they are typed.

use jingzhun_shared::org::OrgUnitDto;
use jingzhun_shared::registry::{CreateHousehold, NewHead};
use jingzhun_shared::{Capability, ClientError, HouseholdCategory, IdCardNo, OrgLevel, OrgUnitId, Phone, PovertyCause};
use leptos::prelude::*;
use leptos_router::hooks::use_navigate;

use crate::Page;
use crate::components::enum_select::EnumSelect;
use crate::components::field::{Field, checked};
use crate::components::save::use_save;
use crate::i18n::{T, use_i18n};
use crate::pages::registry::import::InitialLoad;
use crate::session::use_session;

#[component]
pub fn NewHouseholdPage() -> impl IntoView {
    let session = use_session();
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
    let initial_load = RwSignal::new(false);
    let may_load = session.user().is_some_and(|u| u.role.can(Capability::InitialLoad));
    let save = use_save(
        move |body: CreateHousehold| async move { session.api().create_household(&body).await },
        move |created| {
            navigate(&Page::Household(created.id).href(), Default::default());
            None
        },
    );
    let id_error = checked(id_card, save.field("head.id_card_no"), |t| IdCardNo::parse(t).err().map(|e| e.0));
    let phone_error = checked(phone, save.field("head.phone"), |t| Phone::parse(t).err().map(|e| e.0));
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let first_village = || villages.get_untracked().and_then(|r| r.ok()).and_then(|v| v.first().map(|u| u.id.0));
        let Some(village_id) = village.get_untracked().parse::<i64>().ok().or_else(first_village) else {
            return;
        };
        let phone = phone.get_untracked();
        let household = CreateHousehold {
            village_id: OrgUnitId(village_id),
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
            initial_load: initial_load.get_untracked(),
        };
        save.dispatch_parsed(household, CreateHousehold::parse);
    };
    view! {
        <section class="page">
            <h1><T zh="新增农户" en="Add a household"/></h1>
            <form class="card form" on:submit=submit novalidate>
                <VillageSelect villages village/>
                <EnumSelect label=("户类别", "Category") id="field-category" value=category/>
                <Field label=("户主姓名", "Head's name") name="head-name" value=name error=save.field("head.name")/>
                <Field label=("户主身份证号", "Head's ID-card number") name="head-id-card" value=id_card error=id_error/>
                <Field label=("联系电话（可选）", "Phone (optional)") name="head-phone" value=phone error=phone_error kind="tel" inputmode="tel"/>
                <Causes causes error=save.field("causes")/>
                {may_load.then(|| view! { <InitialLoad checked=initial_load/> })}
                <p class="muted small"><T zh="新增的户为“待识别”，经识别程序（申请、评议、比对、公示、公告）后成为贫困户。" en="A new household is pending until its entry application is announced."/></p>
                <p class="form-error" role="alert">{move || save.message.get().unwrap_or_default()}</p>
                <button type="submit" class="primary" disabled=move || save.pending()><T zh="保存" en="Save"/></button>
            </form>
        </section>
    }
}

/// The causes of poverty as check boxes, labelled from the enum.
#[component]
fn Causes(causes: RwSignal<Vec<PovertyCause>>, error: Signal<Option<String>>) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <fieldset class="field causes" class:invalid=move || error.get().is_some() aria-describedby="causes-error">
            <legend><T zh="致贫原因（可多选）" en="Causes of poverty"/></legend>
            {PovertyCause::ALL.iter().copied().map(|c| view! {
                <label class="check">
                    <input type="checkbox" value=c.as_str() on:change=move |ev| {
                        let on = event_target_checked(&ev);
                        causes.update(|list| { list.retain(|x| *x != c); if on { list.push(c) } });
                    }/>
                    {move || i18n.label(c)}
                </label>
            }).collect_view()}
            <p class="field-error" id="causes-error" role="alert">{move || error.get().unwrap_or_default()}</p>
        </fieldset>
    }
}

#[component]
fn VillageSelect(
    villages: LocalResource<Result<Vec<OrgUnitDto>, ClientError>>,
    village: RwSignal<String>,
) -> impl IntoView {
    view! {
        <div class="field">
            <label for="field-village"><T zh="所在村" en="Village"/></label>
            <select id="field-village" on:change=move |ev| village.set(event_target_value(&ev))>
                {move || villages.get().and_then(|r| r.ok()).unwrap_or_default().into_iter().map(|u| view! {
                    <option value=u.id.0.to_string()>{u.name.clone()}</option>
                }).collect_view()}
            </select>
        </div>
    }
}
