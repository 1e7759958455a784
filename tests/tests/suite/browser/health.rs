use chrono::Datelike;
use jingzhun_shared::Fen;
use jingzhun_shared::health::HealthClaimQuery;

use crate::api::health::{person, set_rules};
use crate::browser::driver::Browser;
use crate::helpers::TestApp;

#[tokio::test]
async fn the_health_officer_enters_an_inpatient_stay_on_a_phone_and_sees_the_fallback_explained() {
    let app = TestApp::spawn().await;
    let health = app.login("health").await;
    // The form's dates start at today: this year's settings apply.
    set_rules(&health, chrono::Local::now().year()).await;
    let member = person(&app, 401).await;

    let browser = Browser::phone().await;
    browser.log_in(&app, "health").await;
    browser.client.goto(&format!("{}/health/members/{}", app.base, member)).await.expect("open the person");
    browser.fill("#field-claim-hospital", "区人民医院").await;
    browser.fill("#field-claim-total", "20000").await;
    browser.fill("#field-claim-basic", "15000").await;

    // County stay: 20,000 − 15,000 = 5,000 left, cap 3,000 → 2,000 paid by the government.
    let fallback = browser.text_when(".claim-fallback", |t| t.contains("2000.00")).await;
    assert!(fallback.contains("2000.00"), "computed as typed: {fallback}");
    let why = browser.text_when(".claim-explanation", |t| t.contains("由政府兜底")).await;
    assert!(why.contains("全年个人自付最多 3000.00 元") && why.contains("5000.00 − 3000.00 = 2000.00"), "{why}");
    browser.click(".claim-form button[type=submit]").await;

    let listed = browser.text_when(".health-year", |t| t.contains("区人民医院")).await;
    assert!(listed.contains("节省 2000.00 元"), "the year shows what the cap saved: {listed}");
    let stored = health
        .health_claims(&HealthClaimQuery { member_id: Some(member), ..Default::default() })
        .await
        .expect("claims");
    assert_eq!(stored.items.iter().map(|c| c.fallback_fen).collect::<Vec<_>>(), vec![Fen::from_yuan(2_000)]);
    browser.close().await;
}
