//! Accounts (admin): search, page, create with instant field checks, disable and reset a
//! password after a confirmation.

use std::sync::Arc;

use jingzhun_shared::newtypes::{Password, Username};
use jingzhun_shared::org::{CreateUser, OrgUnitDto, UserDto, UserQuery};
use jingzhun_shared::{CadreId, EnterpriseId, OrgUnitId, Role};
use leptos::prelude::*;

use crate::components::enum_select::EnumSelect;
use crate::components::field::{Field, checked};
use crate::components::list::{Column, PagedList, SortKey, text};
use crate::components::loaded::Loaded;
use crate::components::save::use_save;
use crate::i18n::{T, use_i18n};
use crate::pages::org::password::ResetPasswordForm;
use crate::pages::pairing::{Pick, Picker};
use crate::session::use_session;

const PER_PAGE: u64 = 20;

#[component]
pub fn UsersPage() -> impl IntoView {
    let session = use_session();
    let i18n = use_i18n();
    let q = RwSignal::new(String::new());
    let page = RwSignal::new(1u64);
    let reload = RwSignal::new(0u32);
    let resetting = RwSignal::new(None::<UserDto>);
    let users = LocalResource::new(move || {
        reload.track();
        let query = UserQuery { page: Some(page.get()), per_page: Some(PER_PAGE), q: Some(q.get()), role: None };
        async move { session.api().users(&query).await }
    });
    let units = LocalResource::new(move || async move { session.api().org_tree().await });
    let columns = vec![
        Column::new(("用户名", "Username"), |u: &UserDto| {
            view! { <strong>{u.username.clone()}</strong> }.into_any()
        })
        .sort(|u| text(&u.username)),
        Column::new(("姓名", "Name"), |u: &UserDto| u.display_name.clone().into_any()).sort(|u| text(&u.display_name)),
        Column::new(("角色", "Role"), |u: &UserDto| role_label(u.role).into_any()).sort(|u| text(u.role.zh())),
        Column::new(("所属单位", "Org unit"), |u: &UserDto| u.org_unit.name.clone().into_any())
            .sort(|u| text(&u.org_unit.name)),
        Column::new(("状态", "State"), move |u: &UserDto| view! { <Toggle user=u.clone() reload/> }.into_any())
            .sort(|u| SortKey::Number(i64::from(u.disabled))),
        Column::new(("密码", "Password"), move |u: &UserDto| {
            view! { <ResetButton user=u.clone() resetting/> }.into_any()
        }),
    ];
    let card = Arc::new(move |user: UserDto| view! { <UserCard user reload resetting/> }.into_any());
    view! {
        <section class="page">
            <h1><T zh="用户管理" en="Users"/></h1>
            <input class="search" type="search" aria-label="search"
                placeholder=move || i18n.t("搜索用户名或姓名", "Search username or name")
                prop:value=move || q.get() on:input=move |ev| { q.set(event_target_value(&ev)); page.set(1); }/>
            <PagedList resource=users page per_page=PER_PAGE columns card class="users"
                empty=("没有符合条件的用户", "No users match")/>
            {move || resetting.get().map(|user| view! { <ResetPasswordForm user resetting/> })}
            <Loaded resource=units quiet=true children=move |tree| {
                let units: Vec<OrgUnitDto> = tree.flatten().into_iter().cloned().collect();
                view! { <CreateUserForm units reload/> }
            }/>
        </section>
    }
}

fn role_label(role: Role) -> impl Fn() -> &'static str + Send + Sync + 'static {
    let i18n = use_i18n();
    move || i18n.label(role)
}

#[component]
fn UserCard(user: UserDto, reload: RwSignal<u32>, resetting: RwSignal<Option<UserDto>>) -> impl IntoView {
    let reset = user.clone();
    view! {
        <div class:disabled=user.disabled>
            <strong>{user.display_name.clone()}</strong>" "
            <span class="muted">{user.username.clone()}</span>
            <div class="muted small">{role_label(user.role)}" · "{user.org_unit.name.clone()}</div>
        </div>
        <Toggle user reload/>
        <ResetButton user=reset resetting/>
    }
}

/// Opens the reset form for `user` (the admin's own password is changed on its own page).
#[component]
fn ResetButton(user: UserDto, resetting: RwSignal<Option<UserDto>>) -> impl IntoView {
    let own = use_session().user().is_some_and(|me| me.id == user.id);
    (!own).then(|| {
        view! {
            <button type="button" class="small reset-button" on:click=move |_| resetting.set(Some(user.clone()))>
                <T zh="重置密码" en="Reset password"/>
            </button>
        }
    })
}

/// Disables or enables an account after the user confirms.
#[component]
fn Toggle(user: UserDto, reload: RwSignal<u32>) -> impl IntoView {
    let session = use_session();
    let i18n = use_i18n();
    let (id, disabled) = (user.id, user.disabled);
    let toggle = use_save(
        move |_: ()| async move {
            let api = session.api();
            if disabled { api.enable_user(id).await } else { api.disable_user(id).await }
        },
        move |_| {
            reload.update(|r| *r += 1);
            None
        },
    );
    let name = user.username.clone();
    let confirm_and_toggle = move |_| {
        let question = if disabled {
            format!("{} {}？", i18n.t("确定启用账号", "Enable account"), name)
        } else {
            format!(
                "{} {}？{}",
                i18n.t("确定停用账号", "Disable account"),
                name,
                i18n.t("停用后该账号将立即无法登录。", " It can no longer log in.")
            )
        };
        if web_sys::window().and_then(|w| w.confirm_with_message(&question).ok()).unwrap_or(false) {
            toggle.dispatch(());
        }
    };
    view! {
        <span class="toggle">
            <button type="button" class="small" on:click=confirm_and_toggle disabled=move || toggle.pending()>
                {move || if disabled { i18n.t("启用", "Enable") } else { i18n.t("停用", "Disable") }}
            </button>
            <span class="field-error" role="alert">{move || toggle.summary()}</span>
        </span>
    }
}

#[component]
fn CreateUserForm(units: Vec<OrgUnitDto>, reload: RwSignal<u32>) -> impl IntoView {
    let session = use_session();
    let i18n = use_i18n();
    let username = RwSignal::new(String::new());
    let password = RwSignal::new(String::new());
    let display_name = RwSignal::new(String::new());
    let role = RwSignal::new(Role::VillageClerk);
    let unit = RwSignal::new(String::new());
    // The record an `enterprise` or `cadre` account belongs to; sent only for that role.
    let enterprise = RwSignal::new(None::<i64>);
    let cadre = RwSignal::new(None::<i64>);
    let choices = unit_choices(units, role, unit);
    let create = use_save(
        move |body: CreateUser| async move { session.api().create_user(&body).await },
        move |user| {
            for field in [username, password, display_name] {
                field.set(String::new());
            }
            reload.update(|r| *r += 1);
            Some(format!("{} {}", i18n.t("已创建用户", "Created"), user.username))
        },
    );
    // Instant checks with the same parsers the server uses; the server's answer replaces them.
    let username_error = checked(username, create.field("username"), |t| Username::parse(t).err().map(|e| e.0));
    let password_error = checked(password, create.field("password"), |t| Password::parse(t).err().map(|e| e.0));
    let unit_error = create.field("org_unit_id");
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Ok(unit_id) = unit.get_untracked().parse::<i64>() else {
            create.message.set(Some(i18n.t("请选择所属单位", "Choose a unit").to_owned()));
            return;
        };
        if Username::parse(&username.get_untracked()).is_err() || Password::parse(&password.get_untracked()).is_err() {
            create.message.set(Some(i18n.t("请先改正标红的字段", "Fix the fields marked in red first").to_owned()));
            return;
        }
        let display = display_name.get_untracked();
        let role = role.get_untracked();
        create.dispatch(CreateUser {
            username: username.get_untracked(),
            password: password.get_untracked(),
            display_name: (!display.trim().is_empty()).then_some(display),
            role,
            org_unit_id: OrgUnitId(unit_id),
            enterprise_id: enterprise.get_untracked().filter(|_| role == Role::Enterprise).map(EnterpriseId),
            cadre_id: cadre.get_untracked().filter(|_| role == Role::Cadre).map(CadreId),
        });
    };
    view! {
        <form class="card form" on:submit=submit novalidate>
            <h2><T zh="新建用户" en="New user"/></h2>
            <Field label=("用户名", "Username") name="new-username" value=username error=username_error/>
            <Field label=("初始密码", "Initial password") name="new-password" value=password error=password_error kind="password" autocomplete="new-password"/>
            <Field label=("姓名或单位（可选）", "Display name (optional)") name="new-display" value=display_name/>
            <EnumSelect label=("角色", "Role") id="field-role" value=role/>
            <Show when=move || role.get() == Role::Enterprise>
                <Picker pick=Pick::Enterprise value=enterprise error=create.field("enterprise_id")/>
            </Show>
            <Show when=move || role.get() == Role::Cadre>
                <Picker pick=Pick::Cadre value=cadre error=create.field("cadre_id")/>
            </Show>
            <div class="field" class:invalid=move || unit_error.get().is_some()>
                <label for="field-unit"><T zh="所属单位" en="Org unit"/></label>
                <select id="field-unit" aria-describedby="field-unit-error" on:change=move |ev| unit.set(event_target_value(&ev))>
                    {move || choices().into_iter().map(|u| view! {
                        <option value=u.id.0.to_string()>{u.name.clone()}</option>
                    }).collect_view()}
                </select>
                <p class="field-error" id="field-unit-error" role="alert">{move || unit_error.get().unwrap_or_default()}</p>
            </div>
            <p class="muted" role="status">{move || create.message.get().unwrap_or_default()}</p>
            <button type="submit" class="primary" disabled=move || create.pending()><T zh="创建" en="Create"/></button>
        </form>
    }
}

/// The units a role may belong to (a clerk's village, an official's township, else the
/// district); choosing a role selects the first of them.
fn unit_choices(
    units: Vec<OrgUnitDto>,
    role: RwSignal<Role>,
    unit: RwSignal<String>,
) -> impl Fn() -> Vec<OrgUnitDto> + Copy + Send + Sync + 'static {
    let units = StoredValue::new(units);
    let choices = move || {
        let level = role.get().org_level();
        units.with_value(|u| u.iter().filter(|u| u.level == level).cloned().collect::<Vec<_>>())
    };
    Effect::new(move |_| unit.set(choices().first().map(|u| u.id.0.to_string()).unwrap_or_default()));
    choices
}
