//! Passwords: changing one's own (with the old one; the fresh token replaces the session's,
//! every other session of the account ends) and an admin's reset of another user's, after a
//! confirmation. The new password is checked as typed by shared's `Password` rules.

use jingzhun_shared::FieldErrors;
use jingzhun_shared::newtypes::Password;
use jingzhun_shared::org::{ChangePassword, LoginResponse, ResetPassword, UserDto};
use leptos::prelude::*;

use crate::components::field::{Field, checked};
use crate::components::save::use_save;
use crate::i18n::{T, use_i18n};
use crate::session::use_session;

fn password_rules(text: &str) -> Option<String> {
    Password::parse(text).err().map(|e| e.0)
}

#[component]
pub fn PasswordPage() -> impl IntoView {
    let session = use_session();
    let i18n = use_i18n();
    let old = RwSignal::new(String::new());
    let new = RwSignal::new(String::new());
    let again = RwSignal::new(String::new());
    let save = use_save(
        move |body: ChangePassword| async move { session.api().change_password(&body).await },
        move |fresh: LoginResponse| {
            session.start(fresh);
            for field in [old, new, again] {
                field.set(String::new());
            }
            Some(
                i18n.t("密码已修改，其他设备上的登录已失效", "Password changed; other sessions were logged out")
                    .to_owned(),
            )
        },
    );
    let differs = move || i18n.t("两次输入的新密码不一致", "The two new passwords differ").to_owned();
    let again_error = Signal::derive(move || {
        let text = again.get();
        (!text.is_empty() && text != new.get()).then(differs).or_else(|| save.field("new_password_again").get())
    });
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if again.get_untracked() != new.get_untracked() {
            save.message.set(None);
            save.errors.set(FieldErrors::from([("new_password_again".to_owned(), vec![differs()])]));
            return;
        }
        let body = ChangePassword { old_password: old.get_untracked(), new_password: new.get_untracked() };
        save.dispatch_parsed(body, ChangePassword::parse);
    };
    view! {
        <section class="page">
            <h1><T zh="修改密码" en="Change password"/></h1>
            <form class="card form" on:submit=submit novalidate>
                <Field label=("原密码", "Current password") name="old-password" value=old
                    error=save.field("old_password") kind="password" autocomplete="current-password"/>
                <Field label=("新密码", "New password") name="new-password" value=new
                    error=checked(new, save.field("new_password"), password_rules) kind="password" autocomplete="new-password"/>
                <Field label=("再次输入新密码", "New password again") name="new-password-again" value=again
                    error=again_error kind="password" autocomplete="new-password"/>
                <p class="muted small"><T zh="8–128 个字符，须同时包含字母和数字或符号。" en="8–128 characters, letters and digits or symbols."/></p>
                <p class="form-error" role="status">{move || save.message.get().unwrap_or_default()}</p>
                <button type="submit" class="primary" disabled=move || save.pending()><T zh="修改密码" en="Change password"/></button>
            </form>
        </section>
    }
}

/// An admin sets `user`'s password after confirming; their sessions end at once.
#[component]
pub fn ResetPasswordForm(user: UserDto, resetting: RwSignal<Option<UserDto>>) -> impl IntoView {
    let session = use_session();
    let i18n = use_i18n();
    let password = RwSignal::new(String::new());
    let id = user.id;
    let save = use_save(
        move |body: ResetPassword| async move { session.api().reset_password(id, &body).await },
        move |user: UserDto| {
            password.set(String::new());
            Some(format!("{}{}", i18n.t("已重置密码：", "Password reset for "), user.username))
        },
    );
    let name = user.username.clone();
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let body = ResetPassword { new_password: password.get_untracked() };
        if body.parse().is_err() {
            save.dispatch_parsed(body, ResetPassword::parse);
            return;
        }
        let question = format!(
            "{} {}？{}",
            i18n.t("确定重置账号的密码", "Reset the password of"),
            name,
            i18n.t("该账号已登录的设备将立即退出。", " Their sessions end at once.")
        );
        if web_sys::window().and_then(|w| w.confirm_with_message(&question).ok()).unwrap_or(false) {
            save.dispatch(body);
        }
    };
    view! {
        <form class="card form reset-password" on:submit=submit novalidate>
            <h2><T zh="重置密码" en="Reset password"/>" · "{user.display_name.clone()}" "<span class="muted">{user.username.clone()}</span></h2>
            <Field label=("新密码", "New password") name="reset-password" value=password
                error=checked(password, save.field("new_password"), password_rules) kind="password" autocomplete="new-password"/>
            <p class="muted" role="status">{move || save.message.get().unwrap_or_default()}</p>
            <button type="submit" class="primary" disabled=move || save.pending()><T zh="重置密码" en="Reset password"/></button>
            <button type="button" class="link-button" on:click=move |_| resetting.set(None)><T zh="关闭" en="Close"/></button>
        </form>
    }
}
