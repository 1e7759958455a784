//! Every page, filled with the demo district, checked by axe-core (the npm package's
//! `axe.min.js`, injected into the page) for WCAG 2 A/AA rules: no serious or critical finding,
//! on a desktop as the district official and on a phone as the village clerk.
//!
//! The script's path is `AXE_CORE_JS`; `cargo xtask test` installs the pinned package into the
//! target directory and sets it. Without it the test fails: it never passes unchecked.

use std::time::Duration;

use jingzhun_shared::credit::LoanQuery;
use jingzhun_shared::oversight::ProblemQuery;
use jingzhun_shared::registry::HouseholdQuery;

use crate::browser::driver::Browser;
use crate::helpers::TestApp;

fn axe_source() -> String {
    let path = std::env::var("AXE_CORE_JS").unwrap_or_else(|_| {
        panic!("AXE_CORE_JS is not set: run `cargo xtask test`, or `npm install axe-core` and point it at axe.min.js")
    });
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("cannot read axe-core at {path}: {e}"))
}

/// Runs axe on the page open now; answers its serious and critical findings, one line each.
async fn findings(browser: &Browser, axe: &str) -> Vec<String> {
    let loaded = browser.client.execute("return typeof window.axe", vec![]).await.expect("probe");
    if loaded.as_str() != Some("object") {
        browser.client.execute(axe, vec![]).await.expect("inject axe-core");
    }
    let run = "const done = arguments[arguments.length - 1];
        axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } })
          .then(r => done(r.violations
            .filter(v => v.impact === 'serious' || v.impact === 'critical')
            .map(v => v.impact + ' ' + v.id + ': ' + v.nodes.slice(0, 3).map(n => n.target.join(' ')).join(' | '))))
          .catch(e => done(['axe failed: ' + e]));";
    let found = browser.client.execute_async(run, vec![]).await.expect("axe runs");
    found.as_array().into_iter().flatten().filter_map(|v| v.as_str().map(str::to_owned)).collect()
}

/// Opens each path and collects the findings of every page, named by its path.
async fn check(browser: &Browser, base: &str, paths: &[String]) -> Vec<String> {
    let axe = axe_source();
    let mut all = Vec::new();
    for path in paths {
        browser.client.goto(&format!("{base}{path}")).await.expect("open the page");
        browser.wait_for(".who-unit").await;
        // The page's data arrives after its frame.
        tokio::time::sleep(Duration::from_millis(1_500)).await;
        all.extend(findings(browser, &axe).await.into_iter().map(|f| format!("{path}: {f}")));
    }
    all
}

#[tokio::test]
async fn every_page_of_an_official_on_a_desktop_has_no_serious_accessibility_finding() {
    let app = TestApp::spawn_full().await;
    let district = app.login("district").await;
    let household = district.households(&HouseholdQuery::default()).await.expect("households").items[0].id;
    let loan = district.loans(&LoanQuery::default()).await.expect("loans").items[0].id;
    let problem = district.problems(&ProblemQuery::default()).await.expect("problems").items[0].id;
    let browser = Browser::desktop().await;
    browser.client.goto(&format!("{}/login", app.base)).await.expect("login page");
    browser.wait_for("#field-username").await;
    let mut all: Vec<String> =
        findings(&browser, &axe_source()).await.into_iter().map(|f| format!("/login: {f}")).collect();
    browser.log_in(&app, "district").await;
    let paths = [
        "/".to_owned(),
        "/households".to_owned(),
        format!("/households/{household}"),
        "/applications".to_owned(),
        "/funds".to_owned(),
        "/education".to_owned(),
        "/employment".to_owned(),
        "/housing".to_owned(),
        "/social-security".to_owned(),
        "/ecology".to_owned(),
        "/credit/loans".to_owned(),
        format!("/credit/loans/{loan}"),
        "/credit/subsidy-batches".to_owned(),
        "/health".to_owned(),
        "/pairing".to_owned(),
        "/pairing/donations".to_owned(),
        "/visits".to_owned(),
        "/work-teams".to_owned(),
        "/rectification".to_owned(),
        format!("/rectification/problems/{problem}"),
        "/warnings".to_owned(),
        "/funds/projects?year=2020&status=started".to_owned(),
        "/reports/annual".to_owned(),
        "/org-units".to_owned(),
        "/audit".to_owned(),
    ];
    all.extend(check(&browser, &app.base, &paths).await);
    browser.close().await;

    assert!(all.is_empty(), "axe-core findings:\n{}", all.join("\n"));
}

#[tokio::test]
async fn the_clerk_s_pages_on_a_phone_have_no_serious_accessibility_finding() {
    let app = TestApp::spawn_full().await;
    let clerk = app.login("clerk").await;
    let household = clerk.households(&HouseholdQuery::default()).await.expect("households").items[0].id;
    let browser = Browser::phone().await;
    browser.log_in(&app, "clerk").await;
    let paths = [
        "/".to_owned(),
        "/households".to_owned(),
        format!("/households/{household}"),
        "/visits".to_owned(),
        "/warnings".to_owned(),
        "/housing".to_owned(),
        "/social-security".to_owned(),
        "/ecology".to_owned(),
    ];
    let all = check(&browser, &app.base, &paths).await;
    browser.close().await;

    assert!(all.is_empty(), "axe-core findings:\n{}", all.join("\n"));
}
