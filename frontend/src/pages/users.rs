//! Accounts (admin): search, page, create with instant field checks, disable after a
//! confirmation.

use jingzhun_shared::newtypes::{Password, Username};
use jingzhun_shared::org::{CreateUser, OrgUnitDto, UserDto, UserQuery};
use jingzhun_shared::{FieldErrors, OrgLevel, OrgUnitId, Role};
use leptos::prelude::*;

use crate::components::field::Field;
use crate::components::pager::Pager;
use crate::components::{error_text, failed, server_error, show_save_error};
use crate::i18n::{T, use_i18n};
use crate::session::use_session;

const PER_PAGE: u64 = 20;

#[component]
pub fn UsersPage() -> impl IntoView {
    let session = use_session();
    let i18n = use_i18n();
    let q = RwSignal::new(String::new());
    let page = RwSignal::new(1u64);
    let reload = RwSignal::new(0u32);
    let users = LocalResource::new(move || {
        reload.track();
        let query = UserQuery { page: Some(page.get()), per_page: Some(PER_PAGE), q: Some(q.get()), role: None };
        async move { session.api().users(&query).await }
    });
    let units = LocalResource::new(move || async move { session.api().org_tree().await });
    let total = Signal::derive(move || users.get().and_then(|r| r.ok()).map_or(0, |p| p.total));
    view! {
        <section class="page">
            <h1><T zh="用户管理" en="Users"/></h1>
            <input class="search" type="search" placeholder=move || i18n.t("搜索用户名或姓名", "Search username or name")
                prop:value=move || q.get() on:input=move |ev| { q.set(event_target_value(&ev)); page.set(1); }/>
            <Transition fallback=move || view! { <p class="muted"><T zh="加载中…" en="Loading…"/></p> }>
                {move || users.get().map(|result| match result {
                    Err(e) => failed(&session, &i18n, &e),
                    Ok(list) if list.items.is_empty() => view! {
                        <p class="empty"><T zh="没有符合条件的用户" en="No users match"/></p>
                    }.into_any(),
                    Ok(list) => view! {
                        <ul class="rows">
                            {list.items.into_iter().map(|user| view! { <UserRow user reload/> }).collect_view()}
                        </ul>
                    }.into_any(),
                })}
            </Transition>
            <Pager page total per_page=PER_PAGE/>
            <Transition fallback=|| ()>
                {move || units.get().and_then(|r| r.ok()).map(|tree| {
                    let units: Vec<OrgUnitDto> = tree.flatten().into_iter().cloned().collect();
                    view! { <CreateUserForm units reload/> }
                })}
            </Transition>
        </section>
    }
}

#[component]
fn UserRow(user: UserDto, reload: RwSignal<u32>) -> impl IntoView {
    let session = use_session();
    let i18n = use_i18n();
    let error = RwSignal::new(None::<String>);
    let id = user.id;
    let disabled = user.disabled;
    let toggle = Action::new_local(move |_: &()| async move {
        let api = session.api();
        if disabled { api.enable_user(id).await } else { api.disable_user(id).await }
    });
    Effect::new(move |_| match toggle.value().get() {
        Some(Ok(_)) => reload.update(|r| *r += 1),
        Some(Err(e)) => error.set(Some(error_text(&i18n, &e))),
        None => {}
    });
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
        let confirmed = web_sys::window().and_then(|w| w.confirm_with_message(&question).ok()).unwrap_or(false);
        if confirmed {
            toggle.dispatch(());
        }
    };
    view! {
        <li class="row" class:disabled=disabled>
            <div>
                <strong>{user.display_name.clone()}</strong>" "
                <span class="muted">{user.username.clone()}</span>
                <div class="muted small">{move || i18n.role(user.role)}" · "{user.org_unit.name.clone()}</div>
                <div class="field-error">{move || error.get().unwrap_or_default()}</div>
            </div>
            <button type="button" class="small" on:click=confirm_and_toggle disabled=move || toggle.pending().get()>
                {move || if disabled { i18n.t("启用", "Enable") } else { i18n.t("停用", "Disable") }}
            </button>
        </li>
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
    let server_errors = RwSignal::new(FieldErrors::new());
    let message = RwSignal::new(None::<String>);
    let units = StoredValue::new(units);
    // The units a role may belong to: a clerk's village, an official's township, else the district.
    let choices = move || {
        let level = match role.get() {
            Role::VillageClerk => OrgLevel::Village,
            Role::TownshipOfficial => OrgLevel::Township,
            _ => OrgLevel::District,
        };
        units.with_value(|u| u.iter().filter(|u| u.level == level).cloned().collect::<Vec<_>>())
    };
    Effect::new(move |_| {
        let first = choices().first().map(|u| u.id.0.to_string()).unwrap_or_default();
        unit.set(first);
    });
    // Instant checks with the same parsers the server uses; the server's answer replaces them.
    let instant = move |field: &'static str, value: RwSignal<String>, parse: fn(&str) -> Option<String>| {
        Signal::derive(move || {
            let text = value.get();
            let local = if text.is_empty() { None } else { parse(&text) };
            local.or_else(|| server_error(server_errors, field))
        })
    };
    let username_error = instant("username", username, |t| Username::parse(t).err().map(|e| e.0));
    let password_error = instant("password", password, |t| Password::parse(t).err().map(|e| e.0));
    let unit_error = Signal::derive(move || server_error(server_errors, "org_unit_id"));
    let create = Action::new_local(move |body: &CreateUser| {
        let body = body.clone();
        async move { session.api().create_user(&body).await }
    });
    Effect::new(move |_| match create.value().get() {
        Some(Ok(user)) => {
            server_errors.set(FieldErrors::new());
            username.set(String::new());
            password.set(String::new());
            display_name.set(String::new());
            message.set(Some(format!("{} {}", i18n.t("已创建用户", "Created"), user.username)));
            reload.update(|r| *r += 1);
        }
        Some(Err(e)) => show_save_error(&i18n, &e, server_errors, message),
        None => {}
    });
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        message.set(None);
        server_errors.set(FieldErrors::new());
        let Ok(unit_id) = unit.get_untracked().parse::<i64>() else {
            message.set(Some(i18n.t("请选择所属单位", "Choose a unit").to_owned()));
            return;
        };
        if Username::parse(&username.get_untracked()).is_err() || Password::parse(&password.get_untracked()).is_err() {
            message.set(Some(i18n.t("请先改正标红的字段", "Fix the fields marked in red first").to_owned()));
            return;
        }
        let display = display_name.get_untracked();
        create.dispatch(CreateUser {
            username: username.get_untracked(),
            password: password.get_untracked(),
            display_name: (!display.trim().is_empty()).then_some(display),
            role: role.get_untracked(),
            org_unit_id: OrgUnitId(unit_id),
        });
    };
    view! {
        <form class="card form" on:submit=submit novalidate>
            <h2><T zh="新建用户" en="New user"/></h2>
            <Field label=("用户名", "Username") name="new-username" value=username error=username_error/>
            <Field label=("初始密码", "Initial password") name="new-password" value=password error=password_error kind="password" autocomplete="new-password"/>
            <Field label=("姓名或单位（可选）", "Display name (optional)") name="new-display" value=display_name/>
            <div class="field">
                <label for="field-role"><T zh="角色" en="Role"/></label>
                <select id="field-role" on:change=move |ev| {
                    if let Ok(r) = event_target_value(&ev).parse::<Role>() { role.set(r) }
                }>
                    {Role::ALL.iter().map(|r| view! {
                        <option value=r.as_str() selected=*r == Role::VillageClerk>{move || i18n.role(*r)}</option>
                    }).collect_view()}
                </select>
            </div>
            <div class="field" class:invalid=move || unit_error.get().is_some()>
                <label for="field-unit"><T zh="所属单位" en="Org unit"/></label>
                <select id="field-unit" on:change=move |ev| unit.set(event_target_value(&ev))>
                    {move || choices().into_iter().map(|u| view! {
                        <option value=u.id.0.to_string()>{u.name.clone()}</option>
                    }).collect_view()}
                </select>
                <p class="field-error" role="alert">{move || unit_error.get().unwrap_or_default()}</p>
            </div>
            <p class="muted" role="status">{move || message.get().unwrap_or_default()}</p>
            <button type="submit" class="primary" disabled=move || create.pending().get()><T zh="创建" en="Create"/></button>
        </form>
    }
}
