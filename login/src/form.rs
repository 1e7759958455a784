//! The login form. One clear message for bad credentials; the server's own words when it holds
//! back repeated guesses. What happens after a login is the caller's: the login module saves the
//! session and loads the app, the app (when a session ends while it runs) starts it in place.

use jingzhun_shared::ClientError;
use jingzhun_shared::org::LoginResponse;
use leptos::prelude::*;

use crate::errors::error_text;
use crate::field::Field;
use crate::i18n::{I18n, T, use_i18n};

#[component]
pub fn LoginForm(#[prop(into)] on_login: Callback<LoginResponse>) -> impl IntoView {
    let i18n = use_i18n();
    let username = RwSignal::new(String::new());
    let password = RwSignal::new(String::new());
    let error = RwSignal::new(None::<String>);
    let login = Action::new_local(move |(user, pass): &(String, String)| {
        let (user, pass) = (user.clone(), pass.clone());
        async move { jingzhun_shared::Api::new("").login(&user, &pass).await }
    });
    Effect::new(move |_| {
        if let Some(result) = login.value().get() {
            match result {
                Ok(response) => on_login.run(response),
                Err(e) => error.set(Some(login_error(&e, &i18n))),
            }
        }
    });
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if username.get_untracked().trim().is_empty() || password.get_untracked().is_empty() {
            error.set(Some(i18n.t("请输入用户名和密码", "Enter your username and password").to_owned()));
            return;
        }
        error.set(None);
        login.dispatch((username.get_untracked(), password.get_untracked()));
    };
    view! {
        <main class="login">
            <form class="card login-card" on:submit=submit novalidate>
                <h1><T zh="精准扶贫信息系统" en="Jingzhun poverty alleviation"/></h1>
                <p class="muted"><T zh="请使用分配的账号登录" en="Log in with your account"/></p>
                <Field label=("用户名", "Username") name="username" value=username
                    autocomplete="username"/>
                <Field label=("密码", "Password") name="password" value=password
                    kind="password" autocomplete="current-password"/>
                <p class="form-error" role="alert">{move || error.get().unwrap_or_default()}</p>
                <button type="submit" class="primary" disabled=move || login.pending().get()>
                    {move || if login.pending().get() { i18n.t("正在登录…", "Logging in…") } else { i18n.t("登录", "Log in") }}
                </button>
                <button type="button" class="link-button" on:click=move |_| i18n.toggle()>
                    <T zh="English" en="中文"/>
                </button>
            </form>
        </main>
    }
}

fn login_error(error: &ClientError, i18n: &I18n) -> String {
    match error.status() {
        Some(401) => i18n.t("用户名或密码错误", "Wrong username or password").to_owned(),
        _ => error_text(i18n, error),
    }
}
