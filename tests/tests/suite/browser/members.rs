use chrono::NaiveDate;
use jingzhun_shared::registry::{CreateMember, JoinReason};
use jingzhun_shared::{HealthStatus, Labour, Relation};

use crate::api::registry::{id_card, new_household, village};
use crate::browser::driver::Browser;
use crate::helpers::TestApp;

#[tokio::test]
async fn a_clerk_records_a_member_s_death_and_the_household_s_people_count_drops() {
    let app = TestApp::spawn().await;
    let clerk = app.login("clerk").await;
    let zhang = village(&clerk, "张村").await;
    let household = clerk.create_household(&new_household(zhang, "汪春生", id_card(901))).await.expect("household");
    let father = CreateMember {
        name: "汪老根".to_owned(),
        id_card_no: id_card(902),
        relation: Relation::Parent,
        health: HealthStatus::SeriousIllness,
        labour: Labour::Lost,
        join_reason: Some(JoinReason::Other),
        joined_on: NaiveDate::from_ymd_opt(2020, 1, 1),
    };
    clerk.add_member(household.id, &father).await.expect("member");
    let browser = Browser::phone().await;
    browser.log_in(&app, "clerk").await;

    browser.client.goto(&format!("{}/households/{}", app.base, household.id)).await.expect("open the card");
    let before = browser.text_when(".people-count", |t| t.contains('2')).await;
    browser.click(".members li:nth-child(2) button.leave").await;
    // The reason defaults to 死亡 and the date to today; saving asks for confirmation first.
    browser.click("form.leave-member button[type=submit]").await;
    let question = browser.text_when(".confirm", |t| t.contains("汪老根")).await;
    browser.click("button.confirm-leave").await;

    let after = browser.text_when(".people-count", |t| t.contains('1')).await;
    let left = browser.text_when(".members-left", |t| t.contains("汪老根")).await;
    assert!(before.contains("2 人"), "two people before: {before}");
    assert!(question.contains("死亡"), "the confirmation names the reason: {question}");
    assert!(after.contains("1 人"), "one person after: {after}");
    assert!(left.contains("已减员") && left.contains("死亡"), "the departed shown apart: {left}");
    browser.close().await;
}
