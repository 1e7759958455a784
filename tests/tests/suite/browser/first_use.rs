//! First use on a cheap phone over a poor line: headless Chromium at 360 px with the CPU slowed
//! four times and the network at 9 Mbps with 100 ms latency (Chrome DevTools Protocol through
//! chromedriver), a fresh profile (empty cache). A script installed before the page loads notes
//! when the login form appears, when the form is sent, when the app shell shows, when the
//! household list is opened and when its first rows show. The figures are printed as a
//! benchmark (`FIRST-USE …`), never compared with a goal here: a test that times itself fails on
//! a busy machine. What the test asserts is that each step happens at all under the throttling.

use std::time::{Duration, Instant};

use fantoccini::Locator;
use fantoccini::wd::WebDriverCompatibleCommand;

use crate::browser::driver::Browser;
use crate::helpers::TestApp;

/// A Chrome DevTools Protocol command sent through chromedriver's `goog/cdp/execute`.
#[derive(Debug)]
struct Cdp {
    cmd: &'static str,
    params: serde_json::Value,
}

impl WebDriverCompatibleCommand for Cdp {
    fn endpoint(&self, base_url: &url::Url, session_id: Option<&str>) -> Result<url::Url, url::ParseError> {
        base_url.join(&format!("session/{}/goog/cdp/execute", session_id.unwrap_or_default()))
    }

    fn method_and_body(&self, _: &url::Url) -> (http::Method, Option<String>) {
        let body = serde_json::json!({ "cmd": self.cmd, "params": self.params });
        (http::Method::POST, Some(body.to_string()))
    }
}

/// Notes the first time each step is seen, in milliseconds since the document's start.
const WATCH: &str = r#"
window.__firstUse = {};
const note = (name) => { if (!(name in window.__firstUse)) window.__firstUse[name] = performance.now(); };
const look = () => {
  if (document.querySelector('#field-username')) note('form');
  if (document.querySelector('.who-unit')) note('shell');
  if (document.querySelector('.households .head-name')) note('rows');
};
new MutationObserver(look).observe(document, { subtree: true, childList: true });
document.addEventListener('submit', () => note('submit'), true);
document.addEventListener('click', (e) => {
  if (e.target.closest && e.target.closest('nav.sidebar a')) note('list');
}, true);
"#;

async fn cdp(browser: &Browser, cmd: &'static str, params: serde_json::Value) {
    browser.client.issue_cmd(Cdp { cmd, params }).await.unwrap_or_else(|e| panic!("{cmd}: {e}"));
}

/// Waits up to a minute (a throttled first load compiles the wasm at a quarter speed).
async fn appears(browser: &Browser, css: &str) {
    let started = Instant::now();
    while browser.client.find(Locator::Css(css)).await.is_err() {
        assert!(started.elapsed() < Duration::from_secs(60), "{css} never appeared under throttling");
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
}

#[tokio::test]
async fn first_use_on_a_throttled_phone_is_measured_from_an_empty_cache_to_the_household_rows() {
    let app = TestApp::spawn().await;
    jingzhun::demo_registry::load(&app.db).await.expect("demo registry loads");
    let browser = Browser::phone().await;
    cdp(&browser, "Network.enable", serde_json::json!({})).await;
    let bytes_per_second = 9_000_000 / 8;
    let line = serde_json::json!({
        "offline": false, "latency": 100,
        "downloadThroughput": bytes_per_second, "uploadThroughput": bytes_per_second,
    });
    cdp(&browser, "Network.emulateNetworkConditions", line).await;
    cdp(&browser, "Emulation.setCPUThrottlingRate", serde_json::json!({ "rate": 4 })).await;
    cdp(&browser, "Page.addScriptToEvaluateOnNewDocument", serde_json::json!({ "source": WATCH })).await;

    browser.client.goto(&format!("{}/login", app.base)).await.expect("open the login page");
    appears(&browser, "#field-username").await;
    let transferred = browser
        .client
        .execute(
            "return performance.getEntriesByType('navigation').concat(performance.getEntriesByType('resource'))
               .reduce((sum, e) => sum + (e.transferSize || 0), 0)",
            vec![],
        )
        .await
        .expect("transfer sizes");
    browser.fill("#field-username", "clerk").await;
    browser.fill("#field-password", jingzhun::demo::DEMO_PASSWORD).await;
    browser.click("button[type=submit]").await;
    appears(&browser, ".who-unit").await;
    browser.follow_nav(true, "农户").await;
    appears(&browser, ".households .head-name").await;
    let seen = browser.client.execute("return window.__firstUse", vec![]).await.expect("the notes");
    browser.close().await;

    let at = |step: &str| seen[step].as_f64().unwrap_or_else(|| panic!("step {step} was not noted: {seen}"));
    let (form, submit, shell, list, rows) = (at("form"), at("submit"), at("shell"), at("list"), at("rows"));
    assert!(form > 0.0 && submit > form && shell > submit && list >= shell && rows > list, "in order: {seen}");
    let kb = transferred.as_f64().unwrap_or_default() / 1024.0;
    assert!(kb > 0.0, "the login page transferred something");
    println!(
        "FIRST-USE (4x CPU, 9 Mbps, 100 ms, empty cache, 360 px): login form usable {form:.0} ms \
         after navigation ({kb:.1} KB transferred); app shell {:.0} ms after the form was sent; \
         household rows {:.0} ms after the list was opened ({:.0} ms after the form was sent)",
        shell - submit,
        rows - list,
        rows - submit,
    );
}
