//! The ten projects' pages on a phone: a clerk reaches them through the one "十大工程" entry,
//! records an ecology compensation and a housing appraisal for a household of the village, and
//! sees each listed and counted, with nothing wider than the phone.

use chrono::Datelike;
use jingzhun_shared::HouseholdId;
use jingzhun_shared::ecology::EcologyQuery;
use jingzhun_shared::housing::HousingQuery;

use crate::api::industry::household_in;
use crate::api::registry::village;
use crate::browser::driver::Browser;
use crate::helpers::TestApp;

/// Picks the household through the picker whose inputs start with `prefix`.
async fn pick(browser: &Browser, prefix: &str, household: HouseholdId) {
    browser.fill(&format!("#{prefix}-search"), "汪春生").await;
    let option = browser.wait_for(&format!("#{prefix}-household option[value='{}']", household.0)).await;
    option.click().await.expect("choose the household");
}

async fn overflow(browser: &Browser) -> i64 {
    let js = "return document.documentElement.scrollWidth - document.documentElement.clientWidth";
    browser.client.execute(js, vec![]).await.expect("js").as_i64().expect("a number")
}

#[tokio::test]
async fn a_clerk_on_a_phone_records_an_ecology_compensation_and_sees_it_listed_and_counted() {
    let app = TestApp::spawn().await;
    let clerk = app.login("clerk").await;
    let household = household_in(&app, village(&clerk, "张村").await, 81).await;

    let browser = Browser::phone().await;
    browser.log_in(&app, "clerk").await;
    browser.follow_nav(true, "十大工程").await;
    browser.text_when("h1", |t| t == "教育扶贫").await;
    browser.click(".project-tabs a[href='/ecology']").await;
    let empty = browser.text_when(".page", |t| t.contains("尚无生态补偿记录")).await;
    pick(&browser, "ecology", household).await;
    browser.click("#ecology-programme option[value='public_welfare_forest']").await;
    browser.fill("#field-ecology-area", "37.8").await;
    browser.fill("#field-ecology-amount", "abc").await;
    let instant = browser.text_when("#field-ecology-amount-error", |t| !t.is_empty()).await;
    browser.fill("#field-ecology-amount", "557").await;
    browser.click(".ecology-form button[type=submit]").await;
    let listed = browser.text_when(".ecology-compensations", |t| t.contains("汪春生")).await;
    let figures = browser.text_when(".figures-table", |t| t.contains("公益林")).await;
    let wide = overflow(&browser).await;
    browser.close().await;

    let mine = EcologyQuery { household_id: Some(household), ..Default::default() };
    let stored = clerk.ecology_compensations(&mine).await.expect("compensations").items;
    assert!(empty.contains("尚无生态补偿记录"), "empty at first: {empty}");
    assert!(!instant.is_empty(), "a bad amount is named at once");
    assert!(listed.contains("公益林") && listed.contains("37.8 亩") && listed.contains("557.00"), "{listed}");
    assert!(figures.contains("0.0557"), "557 元 is 0.0557 万元 in the figures: {figures}");
    assert_eq!(
        stored.iter().map(|c| (c.amount_fen.fen(), c.area_mu.map(|a| a.hundredths()))).collect::<Vec<_>>(),
        vec![(55_700, Some(3_780))]
    );
    assert_eq!(wide, 0, "nothing wider than the phone");
}

#[tokio::test]
async fn a_clerk_on_a_phone_records_an_unsafe_house_and_sees_it_listed_and_counted() {
    let app = TestApp::spawn().await;
    let clerk = app.login("clerk").await;
    let household = household_in(&app, village(&clerk, "张村").await, 82).await;

    let browser = Browser::phone().await;
    browser.log_in(&app, "clerk").await;
    browser.client.goto(&format!("{}/housing", app.base)).await.expect("open the page");
    // The appraisal is dated today: the page shows this year's appraisals.
    browser.fill("#field-housing-year", &jingzhun::clock::office_today().year().to_string()).await;
    let before = browser.text_when(".page .facts", |t| t.contains("住房不安全户")).await;
    pick(&browser, "housing", household).await;
    browser.click("#housing-grade option[value='d']").await;
    browser.fill("#field-housing-note", "墙体开裂").await;
    browser.click(".housing-check-form button[type=submit]").await;
    let listed = browser.text_when(".housing-checks", |t| t.contains("汪春生")).await;
    let after = browser.text_when(".page .facts", |t| t.contains("1 户（")).await;
    let wide = overflow(&browser).await;
    browser.close().await;

    let mine = HousingQuery { household_id: Some(household), ..Default::default() };
    let stored = clerk.housing_checks(&mine).await.expect("checks").items;
    assert!(before.contains("0 户（"), "no unsafe house at first: {before}");
    assert!(listed.contains("D级") && listed.contains("墙体开裂"), "{listed}");
    assert!(after.contains("1 户（"), "the unsafe house is counted: {after}");
    assert_eq!(stored.iter().map(|c| c.note.clone()).collect::<Vec<_>>(), vec![Some("墙体开裂".to_owned())]);
    assert_eq!(wide, 0, "nothing wider than the phone");
}
