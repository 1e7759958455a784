//! The side navigation takes a clerk to 农户 and 待办申请 on a phone (through the drawer) and on
//! a desktop; the household list is cards on the phone and a table on the desktop.

use fantoccini::Locator;

use crate::api::workflow::{HEAD, exit, household_with_income};
use crate::browser::driver::Browser;
use crate::helpers::TestApp;

/// A household of 张村 whose exit application waits for the clerk.
async fn a_household_waiting_for_the_clerk(app: &TestApp) {
    let clerk = app.login("clerk").await;
    let household = household_with_income(app, &clerk, 131, 520_000, false).await;
    clerk.create_application(&exit(household)).await.expect("applied");
}

/// Follows the navigation link named `name`, opening the drawer first on a phone.
async fn follow_nav(browser: &Browser, phone: bool, name: &str) {
    if phone {
        browser.click(".menu-button").await;
    }
    let link = format!("//nav[contains(@class, 'sidebar')]//a[normalize-space() = '{name}']");
    let found = browser.client.wait().for_element(Locator::XPath(&link)).await.expect("a navigation link");
    // The drawer slides in; its links take a click once it is there.
    let started = std::time::Instant::now();
    while let Err(error) = found.click().await {
        assert!(started.elapsed() < std::time::Duration::from_secs(5), "cannot follow {name}: {error}");
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
}

async fn displayed(browser: &Browser, css: &str) -> bool {
    let element = browser.wait_for(css).await;
    element.is_displayed().await.expect("displayed?")
}

/// Logs in as the clerk and reaches both pages through the navigation; returns whether the
/// household list showed as a table (else as cards).
async fn the_clerk_reaches_households_and_applications(phone: bool) -> (bool, bool) {
    let app = TestApp::spawn().await;
    a_household_waiting_for_the_clerk(&app).await;
    let browser = if phone { Browser::phone().await } else { Browser::desktop().await };
    browser.log_in(&app, "clerk").await;

    follow_nav(&browser, phone, "农户").await;
    assert_eq!(browser.text_when("h1", |t| t == "农户").await, "农户");
    browser.fill("#household-search", HEAD).await;
    let listed = browser.text_when(".households", |t| t.contains(HEAD)).await;
    assert!(listed.contains(HEAD) && listed.contains("张村"), "the household is listed: {listed}");
    let shown = (displayed(&browser, ".households table").await, displayed(&browser, ".households .cards").await);

    follow_nav(&browser, phone, "待办申请").await;
    assert_eq!(browser.text_when("h1", |t| t == "待办申请").await, "待办申请");
    let waiting = browser.text_when(".applications", |t| t.contains(HEAD)).await;
    assert!(waiting.contains(HEAD) && waiting.contains("退出"), "the exit waits for the clerk: {waiting}");
    browser.close().await;
    shown
}

#[tokio::test]
async fn on_a_phone_the_drawer_reaches_households_as_cards_and_the_applications() {
    let (table, cards) = the_clerk_reaches_households_and_applications(true).await;
    assert!(cards && !table, "cards at 360 px (table {table}, cards {cards})");
}

#[tokio::test]
async fn on_a_desktop_the_side_bar_reaches_households_as_a_table_and_the_applications() {
    let (table, cards) = the_clerk_reaches_households_and_applications(false).await;
    assert!(table && !cards, "a table at 1280 px (table {table}, cards {cards})");
}
