//! On a phone: a district official opens the rectification board, closes the submitted
//! overdue problem with its evidence, and the problem leaves the overdue list.

use fantoccini::Locator;

use crate::browser::driver::Browser;
use crate::helpers::TestApp;

const SUBMITTED_CARD: &str = "//div[contains(@class, 'overdue-problems')]//ul[contains(@class, 'cards')]\
    //a[.//span[normalize-space() = '已提交销号']]";

#[tokio::test]
async fn a_district_official_closes_a_submitted_problem_with_evidence_and_it_leaves_the_overdue_list() {
    let app = TestApp::spawn_on(chrono::NaiveDate::from_ymd_opt(2020, 9, 30).expect("a day")).await;
    jingzhun::demo_oversight::load(&app.db).await.expect("demo rectification loads");
    jingzhun::demo_evidence::load(&app.db, &app.state.attachments).await.expect("demo evidence is stored");
    let browser = Browser::phone().await;
    browser.log_in(&app, "district").await;

    browser.follow_nav(true, "问题整改").await;
    let before = browser.text_when(".overdue-total", |t| !t.is_empty()).await;
    browser.wait_for(".overdue-problems .cards").await;
    let card = browser.client.wait().for_element(Locator::XPath(SUBMITTED_CARD)).await.expect("the submitted card");
    let href = card.attr("href").await.expect("href").expect("a link");
    card.click().await.expect("open the problem");
    browser.fill("#field-close-evidence", "整改报告、资金拨付凭证已归档").await;
    browser.click(".close-form button[type=submit]").await;
    let evidence = browser.text_when(".history .evidence", |t| t.contains("资金拨付凭证")).await;
    browser.follow_nav(true, "问题整改").await;
    let after = browser.text_when(".overdue-total", |t| !t.is_empty() && t != before).await;
    let still_listed = browser
        .client
        .find_all(Locator::Css(&format!(".overdue-problems a[href='{href}']")))
        .await
        .expect("links")
        .len();

    assert_eq!((before.as_str(), after.as_str()), ("3", "2"));
    assert!(evidence.contains("整改报告、资金拨付凭证已归档"), "{evidence}");
    assert_eq!(still_listed, 0, "the closed problem left the overdue list");
    browser.close().await;
}
