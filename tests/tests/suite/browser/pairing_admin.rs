//! On a phone, the district and the admin at the pairing records: a gift to 10.17 entered on the
//! donations page shows in the campaign's total, and a new `enterprise` account is given its
//! enterprise with the picker that appears for that role.

use jingzhun_shared::pairing::{DonationQuery, EnterpriseQuery, PairingQuery};

use crate::browser::driver::Browser;
use crate::helpers::TestApp;

#[tokio::test]
async fn the_district_records_a_gift_to_10_17_and_the_campaign_s_total_shows_it() {
    let app = TestApp::spawn_full().await;
    let this_year = chrono::Datelike::year(&jingzhun::clock::office_today());

    let browser = Browser::phone().await;
    browser.log_in(&app, "district").await;
    browser.client.goto(&format!("{}/pairing/donations", app.base)).await.expect("open the donations page");
    let demo_year = browser.text_when(".campaign-projects", |t| !t.is_empty()).await;
    browser.wait_for(&format!("#pairing-year option[value='{this_year}']")).await.click().await.expect("this year");
    let empty = browser.text_when(".donations", |t| t.contains("该年度没有活动捐赠")).await;
    browser.wait_for("#giver-kind").await.select_by_value("person").await.expect("a person gives");
    browser.fill("#field-giver-name", "程爱心").await;
    browser.fill("#field-donation-amount", "500").await;
    browser.click(".donation-form button[type=submit]").await;
    let given = browser.text_when(".campaign-donated", |t| t.contains("0.05")).await;

    let query = DonationQuery { year: Some(this_year), ..Default::default() };
    let gifts = app.login("district").await.donations(&query).await.expect("gifts");
    assert_eq!(demo_year, "33", "the page opens on the demo's year: 认领33个项目");
    assert!(empty.contains("该年度没有活动捐赠"));
    assert!(given.contains("0.05"), "{given}");
    assert_eq!(
        gifts.items.iter().map(|g| (g.giver_name.as_str(), g.amount_fen.fen())).collect::<Vec<_>>(),
        [("程爱心", 50_000)]
    );
    assert_eq!(gifts.items[0].campaign, "10.17扶贫日");
    browser.close().await;
}

#[tokio::test]
async fn a_new_enterprise_account_is_given_the_enterprise_picked_for_it() {
    let app = TestApp::spawn_full().await;
    let district = app.login("district").await;
    let query = EnterpriseQuery { q: Some("茶业".to_owned()), per_page: Some(20), page: None };
    let first_tea = district.enterprises(&query).await.expect("tea companies").items.remove(0);

    let browser = Browser::phone().await;
    browser.log_in(&app, "admin").await;
    browser.client.goto(&format!("{}/users", app.base)).await.expect("open the users page");
    browser.fill("#field-new-username", "tea2").await;
    browser.fill("#field-new-password", jingzhun::demo::DEMO_PASSWORD).await;
    let hidden_before = browser.client.find(fantoccini::Locator::Css("#field-enterprise-search")).await.is_err();
    browser.wait_for("#field-role").await.select_by_value("enterprise").await.expect("the enterprise role");
    browser.fill("#field-enterprise-search", "茶业").await;
    browser.wait_for(&format!("#field-enterprise option[value='{}']", first_tea.id.0)).await;
    browser.click("form.card button[type=submit]").await;
    browser.text_when("form.card", |t| t.contains("tea2")).await;

    let pairings = app.login("tea2").await.pairings(&PairingQuery::default()).await.expect("its pairings");
    assert!(hidden_before, "the picker shows for the enterprise role only");
    assert!(pairings.total > 0);
    assert!(pairings.items.iter().all(|p| p.enterprise_id == first_tea.id), "{pairings:?}");
    browser.close().await;
}
