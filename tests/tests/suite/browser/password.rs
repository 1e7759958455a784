//! 修改密码 from the drawer on a phone, and an admin's 重置密码 after a confirmation.

use jingzhun_shared::org::UserQuery;

use crate::browser::driver::Browser;
use crate::helpers::TestApp;

#[tokio::test]
async fn a_clerk_changes_their_password_from_the_drawer_and_stays_logged_in() {
    let app = TestApp::spawn().await;
    let browser = Browser::phone().await;
    browser.log_in(&app, "clerk").await;
    browser.follow_nav(true, "修改密码").await;
    assert_eq!(browser.text_when("h1", |t| t == "修改密码").await, "修改密码");

    browser.fill("#field-old-password", "jingzhun-demo").await;
    browser.fill("#field-new-password", "short").await;
    let rule = browser.text_when("#field-new-password-error", |t| !t.is_empty()).await;
    browser.fill("#field-new-password", "Zhangcun-2020").await;
    browser.fill("#field-new-password-again", "Zhangcun-2021").await;
    let differs = browser.text_when("#field-new-password-again-error", |t| !t.is_empty()).await;
    browser.fill("#field-new-password-again", "Zhangcun-2020").await;
    browser.click("button[type=submit]").await;

    assert_eq!(rule, "密码须为 8–128 个字符");
    assert_eq!(differs, "两次输入的新密码不一致");
    let done = browser.text_when(".form-error", |t| t.starts_with("密码已修改")).await;
    assert!(done.starts_with("密码已修改"), "told: {done}");
    assert_eq!(browser.text_when(".who-unit", |t| t == "张村").await, "张村", "still logged in");
    assert!(app.api.login("clerk", "Zhangcun-2020").await.is_ok());
    assert_eq!(app.api.login("clerk", "jingzhun-demo").await.expect_err("old password").status(), Some(401));
    browser.close().await;
}

#[tokio::test]
async fn an_admin_resets_a_clerks_password_after_confirming() {
    let app = TestApp::spawn().await;
    let browser = Browser::desktop().await;
    browser.log_in(&app, "admin").await;
    browser.follow_nav(false, "用户管理").await;
    browser.fill("input.search", "clerk").await;
    browser.text_when(".users table", |t| t.contains("clerk") && !t.contains("district")).await;

    browser.click(".users table .reset-button").await;
    browser.fill("#field-reset-password", "Reset-2020").await;
    browser.click(".reset-password button[type=submit]").await;
    let question = confirmation(&browser).await;
    browser.client.accept_alert().await.expect("confirmed");

    assert!(question.contains("clerk"), "asked: {question}");
    let done = browser.text_when(".reset-password [role=status]", |t| !t.is_empty()).await;
    assert_eq!(done, "已重置密码：clerk");
    assert!(app.api.login("clerk", "Reset-2020").await.is_ok());
    let admin = app.login("admin").await;
    let accounts = jingzhun::demo::DEMO_USERS.len() as u64;
    assert_eq!(admin.users(&UserQuery::default()).await.expect("list").total, accounts, "nothing else changed");
    browser.close().await;
}

/// The text of the confirmation dialog, once it is open.
async fn confirmation(browser: &Browser) -> String {
    let started = std::time::Instant::now();
    loop {
        match browser.client.get_alert_text().await {
            Ok(text) => return text,
            Err(e) if started.elapsed() > std::time::Duration::from_secs(5) => panic!("no confirmation: {e}"),
            Err(_) => tokio::time::sleep(std::time::Duration::from_millis(100)).await,
        }
    }
}
