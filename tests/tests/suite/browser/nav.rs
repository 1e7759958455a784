//! The side navigation takes a clerk to 农户 and 待办申请 on a phone (through the drawer) and on
//! a desktop; the household list is cards on the phone and a table on the desktop.

use jingzhun::services::registry::poverty_lines;
use jingzhun_shared::applications::CreateApplication;
use jingzhun_shared::registry::IncomeInput;
use jingzhun_shared::{ApplicationKind, Fen};

use crate::api::registry::{id_card, new_household, village};
use crate::api::workflow::all_met;
use crate::browser::driver::Browser;
use crate::helpers::TestApp;

const HEAD: &str = "聂海平";

/// A household of 张村 whose exit application waits for the clerk.
async fn a_household_waiting_for_the_clerk(app: &TestApp) {
    poverty_lines::set_poverty_line(&app.db, 2020, Fen::new(400_000)).await.expect("line");
    let clerk = app.login("clerk").await;
    let zhang = village(&clerk, "张村").await;
    let mut input = new_household(zhang, HEAD, id_card(231));
    input.initial_load = true;
    let household = app.login("district").await.create_household(&input).await.expect("household");
    let income = IncomeInput {
        year: 2020,
        wage_fen: Fen::new(520_000),
        operating_fen: Fen::ZERO,
        property_fen: Fen::ZERO,
        transfer_fen: Fen::ZERO,
        expenses_fen: Fen::ZERO,
    };
    clerk.record_income(household.id, &income).await.expect("income");
    let all_met = all_met();
    let exit = CreateApplication {
        household_id: household.id,
        kind: ApplicationKind::Exit,
        year: 2020,
        checklist: Some(all_met),
        reason: None,
        on: None,
    };
    clerk.create_application(&exit).await.expect("applied");
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

    browser.follow_nav(phone, "农户").await;
    assert_eq!(browser.text_when("h1", |t| t == "农户").await, "农户");
    browser.fill("#household-search", HEAD).await;
    let listed = browser.text_when(".households", |t| t.contains(HEAD)).await;
    assert!(listed.contains(HEAD) && listed.contains("张村"), "the household is listed: {listed}");
    let shown = (displayed(&browser, ".households table").await, displayed(&browser, ".households .cards").await);

    browser.follow_nav(phone, "待办申请").await;
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
