//! 享受政策 on a phone: the household card lists what the household received this year across
//! projects, with the total.

use chrono::NaiveDate;

use crate::api::benefits::household_with_benefits;
use crate::browser::driver::Browser;
use crate::helpers::TestApp;

#[tokio::test]
async fn a_clerk_on_a_phone_opens_a_household_card_and_sees_this_year_s_benefits_across_projects_with_the_total() {
    let today = NaiveDate::from_ymd_opt(2020, 9, 30).expect("a day");
    let app = TestApp::spawn_on(today).await;
    let h = household_with_benefits(&app).await;

    let browser = Browser::phone().await;
    browser.log_in(&app, "clerk").await;
    browser.client.goto(&format!("{}/households/{}", app.base, h)).await.expect("open the card");
    let total = browser.text_when(".benefits-total", |t| t.contains("6707.00")).await;
    let lines = browser.text_when(".benefits", |t| t.contains("公益林")).await;
    let overflow = browser
        .client
        .execute("return document.documentElement.scrollWidth - document.documentElement.clientWidth", vec![])
        .await
        .expect("js");

    // 3,000 + 3,150 + 557 元.
    assert!(total.contains("2020") && total.contains("6707.00"), "the year's total: {total}");
    for expected in ["黄牛产业补助", "临时救助", "公益林补助", "37.8 亩", "产业扶贫", "社保兜底", "生态保护"]
    {
        assert!(lines.contains(expected), "{expected} on the card: {lines}");
    }
    assert_eq!(overflow.as_i64(), Some(0), "nothing wider than the phone");
    browser.close().await;
}
