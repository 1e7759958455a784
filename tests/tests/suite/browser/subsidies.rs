use jingzhun_shared::Fen;
use jingzhun_shared::industry::{CreateIndustrySubsidy, Quantity, SubsidyMenuInput};

use crate::api::industry::{household_in, industry_project};
use crate::api::registry::village;
use crate::browser::driver::Browser;
use crate::helpers::TestApp;

#[tokio::test]
async fn a_clerk_records_a_cattle_subsidy_on_a_phone_and_sees_it_on_the_card() {
    let app = TestApp::spawn().await;
    let district = app.login("district").await;
    for (name, unit, yuan) in [("茶叶", "亩", 800), ("黄牛", "头", 3_000)] {
        district
            .create_menu_item(&SubsidyMenuInput {
                year: 2020,
                name: name.into(),
                unit: unit.into(),
                standard_fen: Fen::new(yuan * 100),
                cap_fen: Some(Fen::new(600_000)),
                version: None,
            })
            .await
            .expect("menu item");
    }
    let cattle = district
        .subsidy_menu(&Default::default())
        .await
        .expect("menu")
        .items
        .into_iter()
        .find(|i| i.name == "黄牛")
        .expect("黄牛");
    let clerk = app.login("clerk").await;
    let zhang = village(&clerk, "张村").await;
    let household = household_in(&app, zhang, 77).await;
    let paying = industry_project(&district, zhang, 10_000_000).await;

    let browser = Browser::phone().await;
    browser.log_in(&app, "clerk").await;
    browser.client.goto(&format!("{}/households/{}", app.base, household)).await.expect("open the card");
    let empty = browser.text_when(".no-benefits", |t| t.contains("产业补助")).await;
    assert!(empty.contains("暂无"), "no subsidy yet: {empty}");

    let item = browser.wait_for("#subsidy-item").await;
    item.select_by_value(&cattle.id.0.to_string()).await.expect("choose 黄牛");
    browser.fill("#field-quantity", "1.5").await;
    // 1.5 head × 3,000 元, computed as typed.
    let live = browser.text_when(".subsidy-amount", |t| t == "4500.00").await;
    assert_eq!(live, "4500.00");
    browser.fill("#field-quantity", "3").await;
    let capped = browser.text_when(".subsidy-amount", |t| t == "6000.00").await;
    assert_eq!(capped, "6000.00", "9,000 元 lowered to the 6,000 元 cap");
    browser.fill("#field-quantity", "1.5").await;
    browser.text_when(".subsidy-amount", |t| t == "4500.00").await;
    browser.click(".subsidy-form button[type=submit]").await;

    let listed = browser.text_when(".benefits", |t| t.contains("黄牛")).await;
    assert!(listed.contains("黄牛") && listed.contains("1.5头") && listed.contains("4500.00"), "on the card: {listed}");
    let stored = clerk
        .industry_subsidies(&jingzhun_shared::industry::IndustrySubsidyQuery {
            household_id: Some(household),
            ..Default::default()
        })
        .await
        .expect("subsidies");
    assert_eq!(
        stored.items.iter().map(|s| (s.item_name.as_str(), s.amount_fen, s.project_id)).collect::<Vec<_>>(),
        vec![("黄牛", Fen::new(450_000), Some(paying.id))],
        "paid by the project the form offered"
    );
    browser.close().await;
}

#[tokio::test]
async fn once_the_cap_is_used_up_the_card_says_so_instead_of_an_amount() {
    let app = TestApp::spawn().await;
    let district = app.login("district").await;
    let menu = SubsidyMenuInput {
        year: 2020,
        name: "黄牛".into(),
        unit: "头".into(),
        standard_fen: Fen::from_yuan(3_000),
        cap_fen: Some(Fen::from_yuan(6_000)),
        version: None,
    };
    let cattle = district.create_menu_item(&menu).await.expect("menu item");
    let clerk = app.login("clerk").await;
    let zhang = village(&clerk, "张村").await;
    let household = household_in(&app, zhang, 78).await;
    let paying = industry_project(&district, zhang, 10_000_000).await;
    let two_head = CreateIndustrySubsidy {
        household_id: household,
        item_id: cattle.id,
        project_id: paying.id,
        quantity: Quantity::parse("2").expect("quantity"),
        note: None,
    };
    clerk.create_industry_subsidy(&two_head).await.expect("the whole cap paid");

    let browser = Browser::phone().await;
    browser.log_in(&app, "clerk").await;
    browser.client.goto(&format!("{}/households/{}", app.base, household)).await.expect("open the card");
    let item = browser.wait_for("#subsidy-item").await;
    item.select_by_value(&cattle.id.0.to_string()).await.expect("choose 黄牛");
    browser.fill("#field-quantity", "1").await;

    let refusal = browser.text_when(".subsidy-refusal", |t| !t.is_empty()).await;
    assert!(refusal.contains("已达每户上限"), "the page refuses as the server would: {refusal}");
    assert_eq!(browser.text_when(".subsidy-amount", |t| t == "—").await, "—", "no 0.00 amount");
    browser.close().await;
}
