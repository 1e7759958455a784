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

/// Where each asset of the current page came from (`initiatorType`): `link` is a preload or a
/// prefetch, `script` a module import, `fetch` the wasm itself.
async fn loaded(browser: &Browser) -> Vec<(String, String)> {
    let entries = browser
        .client
        .execute("return performance.getEntriesByType('resource').map(e => [e.name, e.initiatorType])", vec![])
        .await
        .expect("resource entries");
    serde_json::from_value(entries).expect("pairs")
}

#[tokio::test]
async fn a_visit_without_a_session_runs_only_the_login_module_then_opens_the_page_asked_for() {
    let app = TestApp::spawn().await;
    let browser = Browser::desktop().await;

    browser.client.goto(&format!("{}/funds/projects?year=2020", app.base)).await.expect("open a page");
    browser.wait_for("#field-username").await;
    let url = browser.client.current_url().await.expect("url");
    assert_eq!(url.path(), "/login");
    let next = url.query_pairs().find(|(k, _)| k == "next").map(|(_, v)| v.into_owned());
    assert_eq!(next.as_deref(), Some("/funds/projects?year=2020"));
    let assets = loaded(&browser).await;
    assert!(assets.iter().any(|(name, _)| name.contains("/assets/login-") && name.ends_with(".wasm")), "{assets:?}");
    // The app may only be prefetched (into the cache) while the user types, never run.
    let app_run = assets.iter().filter(|(name, _)| name.contains("/assets/app-") && !name.ends_with(".css"));
    assert!(app_run.clone().all(|(_, initiator)| initiator == "link"), "{assets:?}");

    browser.fill("#field-username", "district").await;
    browser.fill("#field-password", "jingzhun-demo").await;
    browser.click("button[type=submit]").await;
    browser.wait_for(".who-unit").await;
    let url = browser.client.current_url().await.expect("url");
    assert_eq!((url.path(), url.query()), ("/funds/projects", Some("year=2020")));

    // Logged in, the login page leads straight on, and never to another site.
    browser.client.goto(&format!("{}/login?next=%2F%2Fexample.com%2Fx", app.base)).await.expect("open login");
    browser.wait_for(".who-unit").await;
    let url = browser.client.current_url().await.expect("url");
    assert_eq!((url.host_str(), url.path()), (Some("127.0.0.1"), "/"));
    browser.close().await;
}

#[tokio::test]
async fn an_address_the_app_has_no_page_for_says_so_and_leads_home() {
    let app = TestApp::spawn().await;
    let browser = Browser::phone().await;
    browser.log_in(&app, "clerk").await;

    browser.client.goto(&format!("{}/no-such-page", app.base)).await.expect("open");

    assert_eq!(browser.text_when("h1", |t| t == "页面不存在").await, "页面不存在");
    browser.click("section.page a").await;
    assert_eq!(browser.text_when("h1", |t| t == "工作台").await, "工作台");
    browser.close().await;
}

/// Copies `from` into `to`, folders included.
fn copy_tree(from: &std::path::Path, to: &std::path::Path) {
    std::fs::create_dir_all(to).expect("folder");
    for entry in std::fs::read_dir(from).expect("read folder") {
        let path = entry.expect("entry").path();
        let target = to.join(path.file_name().expect("name"));
        if path.is_dir() {
            copy_tree(&path, &target);
        } else {
            std::fs::copy(&path, &target).expect("copy");
        }
    }
}

#[tokio::test]
async fn a_bundle_without_the_login_module_logs_in_inside_the_app() {
    let dist = crate::helpers::TempDir::new();
    copy_tree(&crate::helpers::workspace_root().join("dist"), &dist.0);
    std::fs::remove_file(dist.0.join("login.html")).expect("no login module");
    let app = TestApp::spawn_with(|config| config.static_dir = dist.0.clone()).await;
    let browser = Browser::phone().await;

    browser.client.goto(&format!("{}/households", app.base)).await.expect("open a page");
    browser.fill("#field-username", "clerk").await;
    browser.fill("#field-password", "jingzhun-demo").await;
    browser.click("button[type=submit]").await;

    assert_eq!(browser.text_when(".who-unit", |t| t == "张村").await, "张村");
    let url = browser.client.current_url().await.expect("url");
    assert!(url.as_str().len() < 200, "no redirect loop: {url}");
    browser.close().await;
}

#[tokio::test]
async fn a_saved_session_without_a_token_shows_the_form_once_instead_of_bouncing_between_pages() {
    let app = TestApp::spawn().await;
    let mut saved = app.api.login("clerk", "jingzhun-demo").await.expect("login");
    saved.token.clear();
    let browser = Browser::phone().await;
    browser.client.goto(&format!("{}/login", app.base)).await.expect("open login");
    browser.wait_for("#field-username").await;
    let text = serde_json::to_string(&saved).expect("json");
    browser
        .client
        .execute("localStorage.setItem('jingzhun.session', arguments[0])", vec![serde_json::json!(text)])
        .await
        .expect("save a session without a token");

    browser.client.goto(&app.base).await.expect("open the site");
    browser.wait_for("#field-username").await;
    browser.client.execute("window.__stayed = true", vec![]).await.expect("mark the page");
    tokio::time::sleep(std::time::Duration::from_millis(1500)).await;

    let stayed = browser.client.execute("return window.__stayed === true", vec![]).await.expect("still this page");
    assert_eq!(stayed, serde_json::json!(true), "the page was left again");
    browser.close().await;
}
