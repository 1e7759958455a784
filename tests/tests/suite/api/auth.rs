use chrono::{Duration, Utc};
use jingzhun::auth::{JwtKeys, TokenSubject};
use jingzhun_shared::{Role, UserId};

use crate::helpers::{TEST_SECRET, TestApp};

#[tokio::test]
async fn login_with_the_demo_password_returns_a_token_and_the_user() {
    let app = TestApp::spawn().await;

    let response = app.api.login("clerk", "jingzhun-demo").await.expect("login succeeds");

    assert!(!response.token.is_empty());
    assert_eq!(response.user.username, "clerk");
    assert_eq!(response.user.role, Role::VillageClerk);
    assert_eq!(response.user.org_unit.name, "张村");
    assert!(response.expires_at <= Utc::now() + Duration::hours(12));
    let me = app.api.with_token(response.token).me().await.expect("token works");
    assert_eq!(me.id, response.user.id);
}

#[tokio::test]
async fn a_wrong_password_and_an_unknown_user_get_the_same_generic_401() {
    let app = TestApp::spawn().await;

    let wrong_password = app.api.login("clerk", "not-the-password").await.expect_err("refused");
    let unknown_user = app.api.login("nobody", "jingzhun-demo").await.expect_err("refused");

    assert_eq!(wrong_password.status(), Some(401));
    assert_eq!(unknown_user.status(), Some(401));
    assert_eq!(wrong_password.api_error(), unknown_user.api_error());
    assert_eq!(wrong_password.api_error().map(|e| e.code.as_str()), Some("bad_credentials"));
}

#[tokio::test]
async fn repeated_failures_for_a_username_are_slowed_down() {
    let app = TestApp::spawn().await;
    for _ in 0..5 {
        let error = app.api.login("district", "guess-1234").await.expect_err("refused");
        assert_eq!(error.status(), Some(401));
    }

    let held_back = app.api.login("district", "jingzhun-demo").await.expect_err("held back");
    let other_user = app.api.login("clerk", "jingzhun-demo").await;

    assert_eq!(held_back.status(), Some(429));
    assert_eq!(held_back.api_error().map(|e| e.code.as_str()), Some("too_many_attempts"));
    assert!(other_user.is_ok(), "another username is not held back");
}

#[tokio::test]
async fn requests_without_a_token_get_401() {
    let app = TestApp::spawn().await;

    let error = app.api.me().await.expect_err("refused");

    assert_eq!(error.status(), Some(401));
    assert_eq!(error.api_error().map(|e| e.code.as_str()), Some("unauthorized"));
}

#[tokio::test]
async fn an_expired_token_gets_401() {
    let app = TestApp::spawn().await;
    let clerk = app.api.login("clerk", "jingzhun-demo").await.expect("login");
    let keys = JwtKeys::new(TEST_SECRET.as_bytes());
    let subject = TokenSubject { user: clerk.user.id, token_version: 1 };
    let (expired, _) = keys.issue(subject, Utc::now() - Duration::hours(13), 3600).expect("token");

    let error = app.api.with_token(expired).me().await.expect_err("refused");

    assert_eq!(error.status(), Some(401));
}

#[tokio::test]
async fn a_token_signed_with_another_secret_gets_401() {
    let app = TestApp::spawn().await;
    let keys = JwtKeys::new(b"another-secret-another-secret-another-secret");
    let (forged, _) = keys.issue(TokenSubject { user: UserId(1), token_version: 1 }, Utc::now(), 3600).expect("token");

    let error = app.api.with_token(forged).me().await.expect_err("refused");

    assert_eq!(error.status(), Some(401));
}

#[tokio::test]
async fn auth_me_shows_the_unit_s_new_name_as_soon_as_it_is_renamed() {
    let app = TestApp::spawn().await;
    let clerk = app.login("clerk").await;
    let before = clerk.me().await.expect("me");
    let admin = app.login("admin").await;
    let unit = admin.org_unit(before.org_unit.id).await.expect("the clerk's village");

    admin
        .rename_org_unit(
            unit.id,
            &jingzhun_shared::org::RenameOrgUnit { name: "张家村".to_owned(), version: unit.version },
        )
        .await
        .expect("renamed");

    assert_eq!(before.org_unit.name, "张村");
    assert_eq!(clerk.me().await.expect("me again").org_unit.name, "张家村", "not the remembered name");
}
