//! On a phone: after a visit, the village clerk opens the warnings, taps "已核查：排除" on the
//! household's warning, is told the reason is missing next to its field, gives it, confirms,
//! and the warning leaves the open list as cleared with that reason.

use jingzhun_shared::Fen;
use jingzhun_shared::warnings::{DisasterReportInput, RunWarnings, WarningQuery, WarningStatus};

use crate::api::registry::{id_card, loaded, new_household, village};
use crate::browser::driver::Browser;
use crate::helpers::TestApp;

#[tokio::test]
async fn a_clerk_clears_a_warning_after_a_visit_on_a_phone() {
    let app = TestApp::spawn_on(chrono::NaiveDate::from_ymd_opt(2020, 9, 30).expect("a day")).await;
    let (district, clerk) = (app.login("district").await, app.login("clerk").await);
    let zhang = village(&district, "张村").await;
    let h = district.create_household(&loaded(new_household(zhang, "汪春生", id_card(981)))).await.expect("household");
    let report = DisasterReportInput {
        household_id: h.id,
        reported_on: chrono::NaiveDate::from_ymd_opt(2020, 8, 1).expect("a day"),
        description: "暴雨冲毁茶园".to_owned(),
        loss_fen: Fen::from_yuan(6_000),
    };
    clerk.create_disaster_report(&report).await.expect("report");
    district.run_warnings(&RunWarnings { year: 2020 }).await.expect("run");
    let warning = clerk.warnings(&WarningQuery::default()).await.expect("list").items.remove(0);
    let browser = Browser::phone().await;
    browser.log_in(&app, "clerk").await;

    browser.follow_nav(true, "返贫预警").await;
    let card = format!(".warning-list .cards .warning-{}", warning.id);
    let summary = browser.text_when(&format!("{card} .warning-summary"), |t| !t.is_empty()).await;
    browser.click(&format!("{card} .check-clear")).await;
    browser.click(&format!("{card} .save-check")).await;
    let missing = browser.text_when(&format!("{card} .field-error"), |t| !t.is_empty()).await;
    browser.fill(&format!("#field-check-reason-card-{}", warning.id), "入户核实：茶园已补种，损失由保险理赔").await;
    browser.click(&format!("{card} .save-check")).await;
    browser.click(&format!("{card} .confirm-check")).await;
    let emptied = browser.text_when(".warnings .empty", |t| t.contains("没有符合条件的预警")).await;
    let after = clerk.warnings(&WarningQuery { household_id: Some(h.id), ..Default::default() }).await.expect("list");

    assert!(summary.contains("6000.00 元"), "{summary}");
    assert!(missing.contains("请填写排除理由"), "{missing}");
    assert!(emptied.contains("没有符合条件的预警"), "the open list is empty: {emptied}");
    let checked = &after.items[0];
    assert_eq!(checked.status, WarningStatus::Cleared);
    assert_eq!(checked.check_reason.as_deref(), Some("入户核实：茶园已补种，损失由保险理赔"));
    browser.close().await;
}
