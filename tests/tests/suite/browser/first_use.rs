//! First use on a cheap phone over a poor line: headless Chromium at 360 px with the CPU slowed
//! four times and the network at 9 Mbps with 100 ms latency (Chrome DevTools Protocol through
//! chromedriver), a fresh profile (empty cache). A script installed before each page loads notes
//! when the login form appears, when the form is sent, when the app shell shows, when the
//! household list is opened and when its first rows show; the test notes when the app, which the
//! login page prefetches while the user types, is in the cache. The figures are printed as a
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

/// Notes the first time each step is seen, in milliseconds since the first document's start.
/// The notes live in sessionStorage because logging in leaves the login module's page for the
/// app's: each document runs this script again and adds to the same notes.
const WATCH: &str = r#"
const notes = () => JSON.parse(sessionStorage.getItem('firstUse') || '{}');
const note = (name, at) => {
  const n = notes();
  if (!(name in n)) { n[name] = at; sessionStorage.setItem('firstUse', JSON.stringify(n)); }
};
const since = (name) => {
  const n = notes();
  if (!(name in n)) note(name, performance.timeOrigin + performance.now() - n.start);
};
note('start', performance.timeOrigin);
const look = () => {
  if (document.querySelector('#field-username')) since('form');
  if (document.querySelector('.who-unit')) since('shell');
  if (document.querySelector('.households .head-name')) since('rows');
};
new MutationObserver(look).observe(document, { subtree: true, childList: true });
document.addEventListener('submit', () => since('submit'), true);
document.addEventListener('click', (e) => {
  if (e.target.closest && e.target.closest('nav.sidebar a')) since('list');
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

/// A phone's browser with an empty cache on a slow CPU and a poor line, watching the steps.
async fn throttled_phone() -> Browser {
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
    browser
}

async fn notes(browser: &Browser) -> serde_json::Value {
    let notes = browser.client.execute("return sessionStorage.getItem('firstUse')", vec![]).await.expect("the notes");
    serde_json::from_str(notes.as_str().unwrap_or("{}")).expect("notes are JSON")
}

/// Sums what the page has received so far (its document and every finished asset).
const TRANSFERRED: &str = "return performance.getEntriesByType('navigation')
    .concat(performance.getEntriesByType('resource')).reduce((sum, e) => sum + (e.transferSize || 0), 0)";

/// When the app's wasm, prefetched by the login page, was in the cache (ms since navigation).
const APP_CACHED: &str = "const e = performance.getEntriesByType('resource')
    .find(e => e.name.includes('/assets/app-') && e.name.endsWith('.wasm'));
  return e ? performance.timeOrigin + e.responseEnd - JSON.parse(sessionStorage.getItem('firstUse')).start : null";

async fn log_in_as_clerk(browser: &Browser) {
    browser.fill("#field-username", "clerk").await;
    browser.fill("#field-password", jingzhun::demo::DEMO_PASSWORD).await;
    browser.click("button[type=submit]").await;
}

#[tokio::test]
async fn first_use_on_a_throttled_phone_is_measured_from_an_empty_cache_to_the_household_rows() {
    let app = TestApp::spawn().await;
    jingzhun::demo_registry::load(&app.db).await.expect("demo registry loads");
    let at = |seen: &serde_json::Value, step: &str| {
        seen[step].as_f64().unwrap_or_else(|| panic!("step {step} was not noted: {seen}"))
    };

    // A user who takes a few seconds to type: the app arrives in the cache meanwhile.
    let browser = throttled_phone().await;
    browser.client.goto(&format!("{}/login", app.base)).await.expect("open the login page");
    appears(&browser, "#field-username").await;
    let transferred = browser.client.execute(TRANSFERRED, vec![]).await.expect("transfer sizes");
    let started = Instant::now();
    let cached = loop {
        let cached = browser.client.execute(APP_CACHED, vec![]).await.expect("the app's entry");
        if let Some(at) = cached.as_f64() {
            break at;
        }
        assert!(started.elapsed() < Duration::from_secs(60), "the login page never prefetched the app");
        tokio::time::sleep(Duration::from_millis(50)).await;
    };
    log_in_as_clerk(&browser).await;
    appears(&browser, ".who-unit").await;
    browser.follow_nav(true, "农户").await;
    appears(&browser, ".households .head-name").await;
    let seen = notes(&browser).await;
    browser.close().await;

    // A visitor opening the site's address (the app's page sends them to the login module) and
    // sending the form at once, before the app is in the cache.
    let browser = throttled_phone().await;
    browser.client.goto(&app.base).await.expect("open the site");
    appears(&browser, "#field-username").await;
    log_in_as_clerk(&browser).await;
    appears(&browser, ".who-unit").await;
    let hurried = notes(&browser).await;
    browser.close().await;

    let (form, submit, shell) = (at(&seen, "form"), at(&seen, "submit"), at(&seen, "shell"));
    let (list, rows) = (at(&seen, "list"), at(&seen, "rows"));
    assert!(form > 0.0 && cached > form && submit > cached, "in order: {seen}, app cached at {cached}");
    assert!(shell > submit && list >= shell && rows > list, "in order: {seen}");
    let (hurried_form, hurried_submit) = (at(&hurried, "form"), at(&hurried, "submit"));
    let hurried_shell = at(&hurried, "shell");
    assert!(hurried_form > 0.0 && hurried_shell > hurried_submit, "in order: {hurried}");
    let kb = transferred.as_f64().unwrap_or_default() / 1024.0;
    assert!(kb > 0.0, "the login page transferred something");
    println!(
        "FIRST-USE (4x CPU, 9 Mbps, 100 ms, empty cache, 360 px): login form usable {form:.0} ms \
         after navigation to /login ({kb:.1} KB transferred), {hurried_form:.0} ms after navigation \
         to /; the app in the cache {cached:.0} ms after navigation; then app shell {:.0} ms after \
         the form was sent, household rows {:.0} ms after the list was opened ({:.0} ms after the \
         form was sent); sent at once instead: app shell {:.0} ms after the form was sent",
        shell - submit,
        rows - list,
        rows - submit,
        hurried_shell - hurried_submit,
    );
}
