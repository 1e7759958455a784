//! The org tree of the user's part of the district; admin adds townships and villages and
//! renames units.

use jingzhun_shared::newtypes::DisplayName;
use jingzhun_shared::org::{CreateOrgUnit, OrgUnitDto, OrgUnitNode, RenameOrgUnit};
use jingzhun_shared::{Capability, OrgLevel};
use leptos::prelude::*;

use crate::components::field::Field;
use crate::components::loaded::Loaded;
use crate::components::save::use_save;
use crate::i18n::{T, use_i18n};
use crate::page::Page;
use crate::session::use_session;

#[component]
pub fn OrgUnitsPage() -> impl IntoView {
    let session = use_session();
    let reload = RwSignal::new(0u32);
    let tree = LocalResource::new(move || {
        reload.track();
        async move { session.api().org_tree().await }
    });
    let is_admin = session.user().is_some_and(|u| u.role.can(Capability::ManageOrgUnits));
    view! {
        <section class="page">
            <h1><T zh="行政区划" en="Org units"/></h1>
            <Loaded resource=tree children=move |tree| {
                        let parents: Vec<OrgUnitDto> = tree.flatten().into_iter()
                            .filter(|u| u.level != OrgLevel::Village).cloned().collect();
                        view! {
                            <ul class="tree">
                                <TreeNode node=tree.clone() is_admin reload expanded=true/>
                            </ul>
                            {is_admin.then(|| view! { <AddUnit parents reload/> })}
                        }
            }/>
        </section>
    }
}

#[component]
fn TreeNode(node: OrgUnitNode, is_admin: bool, reload: RwSignal<u32>, expanded: bool) -> AnyView {
    let i18n = use_i18n();
    let open = RwSignal::new(expanded);
    let unit = node.unit.clone();
    let has_children = !node.children.is_empty();
    let children = StoredValue::new(node.children);
    let badge = match (unit.is_poor_village, unit.exit_year) {
        (true, Some(year)) => {
            Some(view! { <span class="badge ok"><T zh="已出列" en="Exited"/>" "{year}</span> }.into_any())
        }
        (true, None) => Some(view! { <span class="badge warn"><T zh="贫困村" en="Poor village"/></span> }.into_any()),
        _ => None,
    };
    view! {
        <li class="tree-node" data-level=unit.level.as_str()>
            <div class="tree-row">
                {has_children.then(|| view! {
                    <button type="button" class="twisty" aria-label="expand"
                        on:click=move |_| open.update(|o| *o = !*o)>
                        {move || if open.get() { "▾" } else { "▸" }}
                    </button>
                })}
                {if unit.level == OrgLevel::Village {
                    view! { <a class="tree-name" href=Page::Village(unit.id).href()>{unit.name.clone()}</a> }.into_any()
                } else {
                    view! { <span class="tree-name">{unit.name.clone()}</span> }.into_any()
                }}
                <span class="muted small">{move || i18n.label(unit.level)}" · "{unit.code.clone()}</span>
                {badge}
                {is_admin.then(|| view! { <Rename unit=unit.clone() reload/> })}
            </div>
            <Show when=move || open.get() && has_children>
                <ul>
                    {children.get_value().into_iter()
                        .map(|child| view! { <TreeNode node=child is_admin reload expanded=false/> })
                        .collect_view()}
                </ul>
            </Show>
        </li>
    }
    .into_any()
}

#[component]
fn Rename(unit: OrgUnitDto, reload: RwSignal<u32>) -> impl IntoView {
    let session = use_session();
    let editing = RwSignal::new(false);
    let name = RwSignal::new(unit.name.clone());
    let error = RwSignal::new(None::<String>);
    let (id, version) = (unit.id, unit.version);
    let save = use_save(
        move |name: String| async move { session.api().rename_org_unit(id, &RenameOrgUnit { name, version }).await },
        move |_| {
            editing.set(false);
            reload.update(|r| *r += 1);
            None
        },
    );
    view! {
        <Show when=move || editing.get() fallback=move || view! {
            <button type="button" class="link-button small" on:click=move |_| editing.set(true)><T zh="改名" en="Rename"/></button>
        }>
            <form class="inline-form" on:submit=move |ev| {
                ev.prevent_default();
                match DisplayName::parse(&name.get_untracked()) {
                    Ok(valid) => { error.set(None); save.dispatch(valid.into_inner()); }
                    Err(e) => error.set(Some(e.0)),
                }
            }>
                <input aria-label="name" prop:value=move || name.get() on:input=move |ev| name.set(event_target_value(&ev))/>
                <button type="submit" class="small"><T zh="保存" en="Save"/></button>
                <button type="button" class="small link-button" on:click=move |_| editing.set(false)><T zh="取消" en="Cancel"/></button>
                <span class="field-error" role="alert">{move || error.get().unwrap_or_else(|| save.summary())}</span>
            </form>
        </Show>
    }
}

#[component]
fn AddUnit(parents: Vec<OrgUnitDto>, reload: RwSignal<u32>) -> impl IntoView {
    let session = use_session();
    let i18n = use_i18n();
    let parent = RwSignal::new(parents.first().map(|p| p.id.0.to_string()).unwrap_or_default());
    let name = RwSignal::new(String::new());
    let code = RwSignal::new(String::new());
    let poor = RwSignal::new(false);
    let parent_is_township = {
        let parents = parents.clone();
        move || parents.iter().any(|p| p.id.0.to_string() == parent.get() && p.level == OrgLevel::Township)
    };
    let create = use_save(
        move |body: CreateOrgUnit| async move { session.api().create_org_unit(&body).await },
        move |unit| {
            name.set(String::new());
            code.set(String::new());
            reload.update(|r| *r += 1);
            Some(format!("{} {}", i18n.t("已添加", "Added"), unit.name))
        },
    );
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Ok(parent_id) = parent.get_untracked().parse::<i64>() else { return };
        let mut local = jingzhun_shared::FieldErrors::new();
        if let Err(e) = DisplayName::parse(&name.get_untracked()) {
            local.insert("name".into(), vec![e.0]);
        }
        if code.get_untracked().trim().is_empty() {
            local.insert("code".into(), vec![i18n.t("请填写编码", "Enter a code").to_owned()]);
        }
        if !local.is_empty() {
            create.errors.set(local);
            return;
        }
        create.dispatch(CreateOrgUnit {
            parent_id: jingzhun_shared::OrgUnitId(parent_id),
            name: name.get_untracked(),
            code: code.get_untracked(),
            is_poor_village: poor.get_untracked(),
            exit_year: None,
            rural_population: None,
        });
    };
    view! {
        <form class="card form" on:submit=submit novalidate>
            <h2><T zh="添加乡镇或村" en="Add a township or village"/></h2>
            <div class="field">
                <label for="field-parent"><T zh="上级单位" en="Parent"/></label>
                <select id="field-parent" on:change=move |ev| parent.set(event_target_value(&ev))>
                    {parents.iter().map(|p| view! {
                        <option value=p.id.0.to_string()>{p.name.clone()}</option>
                    }).collect_view()}
                </select>
            </div>
            <Field label=("名称", "Name") name="unit-name" value=name error=create.field("name")/>
            <Field label=("编码", "Code") name="unit-code" value=code error=create.field("code") inputmode="numeric"/>
            <Show when=parent_is_township.clone()>
                <label class="check">
                    <input type="checkbox" prop:checked=move || poor.get() on:change=move |ev| poor.set(event_target_checked(&ev))/>
                    <T zh="贫困村" en="Poor village"/>
                </label>
            </Show>
            <p class="muted" role="status">{move || create.message.get().unwrap_or_default()}</p>
            <button type="submit" class="primary" disabled=move || create.pending()><T zh="添加" en="Add"/></button>
        </form>
    }
}
