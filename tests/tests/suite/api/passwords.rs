//! Changing one's own password, an admin's reset, and the token versions that make both (and
//! disabling) revoke older tokens.

use jingzhun::entities::audit_event;
use jingzhun_shared::org::{ChangePassword, ResetPassword};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};

use crate::helpers::TestApp;

fn change(old: &str, new: &str) -> ChangePassword {
    ChangePassword { old_password: old.to_owned(), new_password: new.to_owned() }
}

/// The audit rows of `action`, as text, to look for what must not be there.
async fn audited(app: &TestApp, action: &str) -> Vec<String> {
    let rows = audit_event::Entity::find().filter(audit_event::Column::Action.eq(action)).all(&app.db).await;
    rows.expect("rows").iter().map(|r| format!("{r:?}")).collect()
}

#[tokio::test]
async fn a_password_change_revokes_the_old_token_and_only_the_new_password_logs_in() {
    let app = TestApp::spawn().await;
    let clerk = app.login("clerk").await;

    let fresh = clerk.change_password(&change("jingzhun-demo", "Zhangcun-2020")).await.expect("changed");

    assert_eq!(clerk.me().await.expect_err("old token revoked").status(), Some(401));
    assert_eq!(app.api.with_token(fresh.token).me().await.expect("fresh token works").username, "clerk");
    assert!(app.api.login("clerk", "Zhangcun-2020").await.is_ok());
    assert_eq!(app.api.login("clerk", "jingzhun-demo").await.expect_err("old password").status(), Some(401));
    let events = audited(&app, "change_password").await;
    assert_eq!(events.len(), 1);
    assert!(
        !events[0].contains("Zhangcun-2020") && !events[0].contains("jingzhun-demo") && !events[0].contains("argon2")
    );
}

#[tokio::test]
async fn a_wrong_old_password_is_a_field_error_and_changes_nothing() {
    let app = TestApp::spawn().await;
    let clerk = app.login("clerk").await;

    let error = clerk.change_password(&change("not-my-password", "Zhangcun-2020")).await.expect_err("refused");

    assert_eq!(error.status(), Some(422));
    assert_eq!(error.api_error().expect("wire error").field("old_password"), ["原密码不正确"]);
    assert!(clerk.me().await.is_ok(), "the token still works");
    assert!(app.api.login("clerk", "jingzhun-demo").await.is_ok());
}

#[tokio::test]
async fn a_new_password_must_follow_the_rules_and_differ_from_the_old() {
    let app = TestApp::spawn().await;
    let clerk = app.login("clerk").await;

    let weak = clerk.change_password(&change("jingzhun-demo", "password")).await.expect_err("weak");
    let same = clerk.change_password(&change("jingzhun-demo", "jingzhun-demo")).await.expect_err("same");

    assert_eq!(weak.status(), Some(422));
    assert!(!weak.api_error().expect("wire error").field("new_password").is_empty());
    assert_eq!(same.api_error().expect("wire error").field("new_password"), ["新密码不能与原密码相同"]);
}

#[tokio::test]
async fn an_admin_reset_revokes_the_users_tokens_and_sets_the_new_password() {
    let app = TestApp::spawn().await;
    let admin = app.login("admin").await;
    let clerk = app.login("clerk").await;
    let clerk_id = clerk.me().await.expect("me").id;

    let reset = admin.reset_password(clerk_id, &ResetPassword { new_password: "Reset-2020".to_owned() }).await;

    assert_eq!(reset.expect("reset").username, "clerk");
    assert_eq!(clerk.me().await.expect_err("revoked").status(), Some(401));
    assert!(app.api.login("clerk", "Reset-2020").await.is_ok());
    assert_eq!(app.api.login("clerk", "jingzhun-demo").await.expect_err("old password").status(), Some(401));
    let events = audited(&app, "reset_password").await;
    assert_eq!(events.len(), 1);
    assert!(!events[0].contains("Reset-2020") && !events[0].contains("argon2"));
}

#[tokio::test]
async fn only_an_admin_resets_and_not_their_own_password() {
    let app = TestApp::spawn().await;
    let admin = app.login("admin").await;
    let district = app.login("district").await;
    let admin_id = admin.me().await.expect("me").id;
    let body = ResetPassword { new_password: "Reset-2020".to_owned() };

    let forbidden = district.reset_password(admin_id, &body).await.expect_err("not an admin");
    let own = admin.reset_password(admin_id, &body).await.expect_err("own password");
    let weak = admin.reset_password(district.me().await.expect("me").id, &ResetPassword::default()).await;

    assert_eq!(forbidden.status(), Some(403));
    assert_eq!(own.status(), Some(409));
    assert!(!weak.expect_err("empty").api_error().expect("wire error").field("new_password").is_empty());
    assert!(district.me().await.is_ok(), "a refused reset revokes nothing");
}

#[tokio::test]
async fn a_token_issued_before_a_disable_stays_dead_after_the_enable() {
    let app = TestApp::spawn().await;
    let admin = app.login("admin").await;
    let clerk = app.login("clerk").await;
    let clerk_id = clerk.me().await.expect("me").id;

    admin.disable_user(clerk_id).await.expect("disabled");
    admin.enable_user(clerk_id).await.expect("enabled");

    assert_eq!(clerk.me().await.expect_err("still revoked").status(), Some(401));
    assert!(app.login("clerk").await.me().await.is_ok(), "a new login works");
}
