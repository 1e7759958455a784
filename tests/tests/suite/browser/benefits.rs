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
    let total = browser.text_when(".benefits-total", |t| t.contains("18487.30")).await;
    let lines = browser.text_when(".benefits", |t| t.contains("公益林")).await;
    let overflow = browser
        .client
        .execute("return document.documentElement.scrollWidth - document.documentElement.clientWidth", vec![])
        .await
        .expect("js");

    // 3,000 + 625 + 2,330 + 289 + 536.30 + 8,000 + 3,150 + 557 元; the loan is not added.
    assert!(total.contains("2020") && total.contains("18487.30"), "the year's total: {total}");
    let expected = [
        "黄牛产业补助",
        "学生资助",
        "培训补贴",
        "交通补助",
        "小额信贷贴息",
        "不计入合计",
        "医疗费用报销补偿",
        "临时救助",
        "公益林补助",
        "37.8 亩",
        "教育扶贫",
        "健康扶贫",
        "生态保护",
        "救助发放记录",
    ];
    for expected in expected {
        assert!(lines.contains(expected), "{expected} on the card: {lines}");
    }
    assert_eq!(overflow.as_i64(), Some(0), "nothing wider than the phone");
    browser.close().await;
}
