use jingzhun_shared::education::StudentAidQuery;

use crate::api::education::family;
use crate::api::registry::village;
use crate::browser::driver::Browser;
use crate::helpers::TestApp;

#[tokio::test]
async fn a_clerk_on_a_phone_records_aid_for_a_child_on_the_out_of_school_list() {
    let app = TestApp::spawn().await;
    let (district, clerk) = (app.login("district").await, app.login("clerk").await);
    let zhang = village(&clerk, "张村").await;
    let (household, pupil) = family(&district, zhang, 551, "20100315").await;

    let browser = Browser::phone().await;
    browser.log_in(&app, "clerk").await;
    browser.client.goto(&format!("{}/education", app.base)).await.expect("open the page");
    let listed = browser.text_when(".out-of-school", |t| t.contains(&pupil.name)).await;
    browser.fill("#member-search", "程立新").await;
    let choose = browser.wait_for(&format!("#member-household option[value='{}']", household.0)).await;
    choose.click().await.expect("choose the household");
    let member = browser.wait_for(&format!("#member-choice option[value='{}']", pupil.id.0)).await;
    member.click().await.expect("choose the child");
    browser.fill("#field-aid-school", "区第一小学").await;
    browser.fill("#field-aid-amount", "500").await;
    browser.click(".aid-form button[type=submit]").await;
    let cleared = browser.text_when(".page", |t| t.contains("适龄儿童均有本年度在校记录")).await;
    browser.close().await;

    let stored =
        clerk.student_aid(&StudentAidQuery { member_id: Some(pupil.id), ..Default::default() }).await.expect("aid");
    assert!(listed.contains(&pupil.name), "on the list first: {listed}");
    assert!(cleared.contains(&pupil.name), "the aid is listed: {cleared}");
    assert_eq!(stored.items.iter().map(|a| a.amount_fen.fen()).collect::<Vec<_>>(), vec![50_000]);
}
