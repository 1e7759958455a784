use crate::browser::driver::Browser;
use crate::helpers::TestApp;

/// A phone's browser after the clerk sent the login form with `password`.
async fn clerk_logs_in_on_a_phone(app: &TestApp, password: &str) -> Browser {
    let browser = Browser::phone().await;
    browser.client.goto(&format!("{}/login", app.base)).await.expect("open login page");
    browser.fill("#field-username", "clerk").await;
    browser.fill("#field-password", password).await;
    browser.click("button[type=submit]").await;
    browser
}

#[tokio::test]
async fn a_clerk_logs_in_on_a_phone_and_sees_their_village_in_chinese() {
    let app = TestApp::spawn().await;
    let browser = clerk_logs_in_on_a_phone(&app, "jingzhun-demo").await;

    let unit = browser.text_when(".who-unit", |t| t == "张村").await;
    assert_eq!(unit, "张村");
    assert_eq!(browser.text_when(".who-role", |t| !t.is_empty()).await, "村扶贫专干");
    assert_eq!(browser.text_when("h1", |t| !t.is_empty()).await, "工作台");
    let width = browser.client.execute("return document.documentElement.clientWidth", vec![]).await.expect("js");
    assert!(width.as_u64().is_some_and(|w| w <= 360), "a phone-sized window, got {width}");
    // On a phone the navigation is a drawer behind the menu button.
    let menu = browser.wait_for(".menu-button").await;
    assert!(menu.is_displayed().await.expect("visible?"));
    menu.click().await.expect("open drawer");
    let nav = browser.text_when(".sidebar", |t| t.contains("行政区划")).await;
    assert!(nav.contains("首页") && nav.contains("行政区划") && nav.contains("退出登录"), "drawer: {nav}");
    browser.close().await;
}

#[tokio::test]
async fn a_wrong_password_shows_the_error_message() {
    let app = TestApp::spawn().await;
    let browser = clerk_logs_in_on_a_phone(&app, "wrong-password-1").await;

    let error = browser.text_when(".form-error", |t| !t.is_empty()).await;
    assert_eq!(error, "用户名或密码错误");
    assert!(browser.client.find(fantoccini::Locator::Css(".who-unit")).await.is_err(), "still logged out");
    browser.close().await;
}
