//! The health pages in a phone's browser: entering a stay, finding a person and correcting a
//! claim, checking a settlement file.

use chrono::Datelike;
use jingzhun_shared::Fen;
use jingzhun_shared::health::{CLAIM_COLUMNS, ClaimKind, HealthClaimQuery, HospitalLevel};

use crate::api::health::{claim, person, set_rules};
use crate::api::registry::{id_card, new_household, village};
use crate::browser::driver::Browser;
use crate::helpers::TestApp;

#[tokio::test]
async fn the_health_officer_enters_an_inpatient_stay_on_a_phone_and_sees_the_fallback_explained() {
    let app = TestApp::spawn().await;
    let health = app.login("health").await;
    // The form's dates start at today: this year's settings apply.
    set_rules(&health, jingzhun::clock::office_today().year()).await;
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

#[tokio::test]
async fn the_health_officer_finds_a_person_corrects_a_claim_and_sees_it_recomputed_on_a_phone() {
    let app = TestApp::spawn().await;
    let health = app.login("health").await;
    let year = jingzhun::clock::office_today().year();
    set_rules(&health, year).await;
    let district = app.login("district").await;
    let mut household = new_household(village(&district, "张村").await, "钟离秀英", id_card(402));
    household.initial_load = true;
    let member = district.create_household(&household).await.expect("household").members[0].id;
    // County stay: 20,000 − 15,000 = 5,000 left, cap 3,000 → fallback 2,000.
    let on = format!("{year}-01-02");
    let stay = claim(member, ClaimKind::Inpatient, HospitalLevel::County, &on, 20_000, 15_000);
    let stay = health.create_health_claim(&stay).await.expect("claim");

    let browser = Browser::phone().await;
    browser.log_in(&app, "health").await;
    browser.client.goto(&format!("{}/health", app.base)).await.expect("open health");
    browser.fill("#person-search", "离秀").await;
    browser.click(".person-search button[type=submit]").await;
    browser.text_when(".people a", |t| t == "钟离秀英").await;
    browser.click(".people a").await;
    browser.click(".claims .correct").await;
    // Corrected: the basic insurance paid 16,000 → 4,000 left, cap 3,000 → fallback 1,000.
    browser.fill("#field-claim-basic", "16000").await;
    let preview = browser.text_when(".claim-fallback", |t| t.contains("1000.00")).await;
    // Meanwhile a colleague corrects it to 15,500 paid: the form's version is stale.
    let mut colleague = claim(member, ClaimKind::Inpatient, HospitalLevel::County, &on, 20_000, 15_500);
    colleague.version = Some(stay.version);
    health.update_health_claim(stay.id, &colleague).await.expect("the colleague's correction");
    browser.click(".claim-form button[type=submit]").await;
    let stale = browser.text_when(".stale", |t| t.contains("已被修改")).await;
    browser.click(".stale button").await;
    let reloaded = browser.text_when(".claim-fallback", |t| t.contains("1500.00")).await;
    browser.fill("#field-claim-basic", "16000").await;
    browser.text_when(".claim-fallback", |t| t.contains("1000.00")).await;
    browser.click(".claim-form button[type=submit]").await;

    let corrected = browser.text_when(".corrected", |t| t.contains("个人自付")).await;
    assert!(preview.contains("1000.00"), "recomputed as typed: {preview}");
    assert!(stale.contains("请重新载入"), "a stale version is said plainly: {stale}");
    assert!(reloaded.contains("1500.00"), "the reload shows the colleague's figures: {reloaded}");
    assert!(corrected.contains("“351”兜底 1000.00 元") && corrected.contains("个人自付 3000.00 元"), "{corrected}");
    let stored = health.health_claim(stay.id).await.expect("claim");
    assert_eq!((stored.fallback_fen, stored.version), (Fen::from_yuan(1_000), 3));
    browser.close().await;
}

#[tokio::test]
async fn the_settlement_import_page_checks_a_file_and_names_the_bad_row() {
    let app = TestApp::spawn().await;
    let health = app.login("health").await;
    set_rules(&health, 2020).await;
    person(&app, 403).await;
    let dir = crate::helpers::TempDir::new();
    let row = |card: String| format!("{card},住院,区人民医院,县级医院,2020-03-01,2020-03-05,10000,,8000,,,");
    let csv = format!("{}\n{}\n{}\n", CLAIM_COLUMNS.join(","), row(id_card(403)), row(id_card(998)));
    let path = dir.0.join("settlements.csv");
    std::fs::write(&path, csv).expect("write the file");

    let browser = Browser::phone().await;
    browser.log_in(&app, "health").await;
    browser.client.goto(&format!("{}/health/import", app.base)).await.expect("open the import page");
    let input = browser.wait_for("#field-import-file").await;
    input.send_keys(&path.display().to_string()).await.expect("choose the file");
    browser.click(".buttons button:first-child").await;

    let report = browser.text_when(".report", |t| t.contains("未导入")).await;
    assert!(report.contains("1 处错误") && report.contains("身份证号未登记"), "report: {report}");
    assert!(report.contains("2 行"), "report: {report}");
    let stored = health.health_claims(&HealthClaimQuery::default()).await.expect("claims");
    assert_eq!(stored.total, 0, "a check writes nothing");
    browser.close().await;
}
