//! Industry subsidies as money: the year's cap per household across all items, and the
//! industry project whose budget pays each subsidy.

use jingzhun_shared::industry::{CreateIndustrySubsidy, IndustryYearSettingInput, Quantity, SubsidyMenuInput};
use jingzhun_shared::{Api, Fen, HouseholdId, ProjectKind, SubsidyMenuItemId};

use crate::api::funds::{batch, paid_out, pay, project, start};
use crate::api::industry::{cattle, household_in, industry_project};
use crate::api::registry::{village, villages};
use crate::helpers::TestApp;

fn subsidy(
    household_id: HouseholdId,
    item_id: SubsidyMenuItemId,
    project_id: jingzhun_shared::ProjectId,
    head: i64,
) -> CreateIndustrySubsidy {
    CreateIndustrySubsidy {
        household_id,
        item_id,
        project_id,
        quantity: Quantity::from_hundredths(100 * head),
        note: None,
    }
}

async fn tea(api: &Api, year: i32) -> jingzhun_shared::industry::SubsidyMenuItemDto {
    api.create_menu_item(&SubsidyMenuInput {
        year,
        name: "茶叶".into(),
        unit: "亩".into(),
        standard_fen: Fen::from_yuan(800),
        cap_fen: Some(Fen::from_yuan(4_000)),
        version: None,
    })
    .await
    .expect("menu item")
}

/// The field errors' keys of a refusal.
fn fields(error: &jingzhun_shared::ClientError) -> Vec<String> {
    error.api_error().map(|e| e.fields.keys().cloned().collect()).unwrap_or_default()
}

#[tokio::test]
async fn two_items_within_their_own_caps_are_refused_together_beyond_the_year_s_household_cap() {
    let app = TestApp::spawn().await;
    let district = app.login("district").await;
    let clerk = app.login("clerk").await;
    let zhang = village(&clerk, "张村").await;
    let (cattle, tea) = (cattle(&district).await, tea(&district, 2020).await);
    let paying = industry_project(&district, zhang, 10_000_000).await;
    let h = household_in(&app, zhang, 81).await;
    let cap = IndustryYearSettingInput { household_cap_fen: Fen::from_yuan(8_000), version: None };

    let by_clerk = clerk.set_industry_year_setting(2020, &cap).await.expect_err("a clerk does not set the cap");
    let set = district.set_industry_year_setting(2020, &cap).await.expect("the cap is set");
    let read = clerk.industry_year_setting(2020).await.expect("read by a clerk");
    let unset = clerk.industry_year_setting(2021).await.expect("a year without one");
    // 2 head of cattle, 6,000 元 (within the cattle's 8,000 元); then 4 mu of tea, 3,200 元
    // (within the tea's 4,000 元) but 9,200 元 in the year, over the 8,000 元 cap.
    let first = clerk.create_industry_subsidy(&subsidy(h, cattle.id, paying.id, 2)).await.expect("cattle");
    let over = clerk.create_industry_subsidy(&subsidy(h, tea.id, paying.id, 4)).await.expect_err("over the year's cap");
    let within = clerk.create_industry_subsidy(&subsidy(h, tea.id, paying.id, 2)).await.expect("1,600 元 of tea fits");
    let full = clerk.create_industry_subsidy(&subsidy(h, tea.id, paying.id, 1)).await.expect_err("400 元 left");
    let stale = district.set_industry_year_setting(2020, &cap).await.expect_err("no version");

    assert_eq!(by_clerk.status(), Some(403));
    assert_eq!((set.household_cap_fen, set.version), (Some(Fen::from_yuan(8_000)), 1));
    assert_eq!(read, set);
    assert_eq!((unset.household_cap_fen, unset.version), (None, 0));
    assert_eq!(first.amount_fen, Fen::from_yuan(6_000));
    assert_eq!(over.status(), Some(422));
    assert_eq!(fields(&over), vec!["quantity".to_owned()]);
    let message = over.api_error().map(|e| e.field("quantity").join("")).unwrap_or_default();
    assert!(message.contains("8000.00") && message.contains("2000.00"), "names the cap and what is left: {message}");
    assert_eq!(within.amount_fen, Fen::from_yuan(1_600));
    assert_eq!(full.status(), Some(422));
    assert_eq!(stale.status(), Some(409));
}

#[tokio::test]
async fn the_paying_project_must_be_a_started_industry_project_of_the_item_s_year_covering_the_household() {
    let app = TestApp::spawn().await;
    let district = app.login("district").await;
    let clerk = app.login("clerk").await;
    let [zhang, other] = villages(&district, ["张村", "石岗村"]).await;
    let cattle = cattle(&district).await;
    let tea_2021 = tea(&district, 2021).await;
    let h = household_in(&app, zhang, 82).await;
    let b = batch(&district, 1).await;
    let housing = start(&district, &project(&district, &b, zhang, ProjectKind::Housing, 5_000_000).await).await;
    let planned = project(&district, &b, zhang, ProjectKind::Industry, 5_000_000).await;
    let elsewhere = start(&district, &project(&district, &b, other, ProjectKind::Industry, 5_000_000).await).await;
    let good = start(&district, &project(&district, &b, zhang, ProjectKind::Industry, 5_000_000).await).await;

    let refused = |project, item| {
        let clerk = &clerk;
        async move { clerk.create_industry_subsidy(&subsidy(h, item, project, 1)).await.expect_err("refused") }
    };
    let not_industry = refused(housing.id, cattle.id).await;
    let not_started = refused(planned.id, cattle.id).await;
    let out_of_scope = refused(elsewhere.id, cattle.id).await;
    let other_year = refused(good.id, tea_2021.id).await;
    let unknown = refused(jingzhun_shared::ProjectId(999_999), cattle.id).await;
    // A district official sees 石岗村's project, but it does not cover a household of 张村.
    let not_covering = district.create_industry_subsidy(&subsidy(h, cattle.id, elsewhere.id, 1)).await.expect_err("no");
    let paid = clerk.create_industry_subsidy(&subsidy(h, cattle.id, good.id, 1)).await.expect("paid");

    for (what, error) in [
        ("housing", &not_industry),
        ("planned", &not_started),
        ("石岗村 for the clerk", &out_of_scope),
        ("2020 project for a 2021 item", &other_year),
        ("unknown", &unknown),
        ("not covering", &not_covering),
    ] {
        assert_eq!(error.status(), Some(422), "{what}");
        assert_eq!(fields(error), vec!["project_id".to_owned()], "{what}");
    }
    assert_eq!((paid.project_id, paid.project_name.as_deref()), (Some(good.id), Some(good.name.as_str())));
}

#[tokio::test]
async fn a_subsidy_counts_as_its_project_s_spending_and_is_given_back_when_deleted() {
    let app = TestApp::spawn().await;
    let district = app.login("district").await;
    let clerk = app.login("clerk").await;
    let zhang = village(&clerk, "张村").await;
    let cattle = cattle(&district).await;
    let h = household_in(&app, zhang, 83).await;
    let p = industry_project(&district, zhang, 1_000_000).await;

    pay(&district, &p, 200_000, "CY-1").await.expect("a payment of 2,000 元");
    let s = clerk.create_industry_subsidy(&subsidy(h, cattle.id, p.id, 2)).await.expect("6,000 元");
    let spending = district.project(p.id).await.expect("project").spent_fen;
    let payments = paid_out(&district, p.id).await;
    clerk.delete_industry_subsidy(s.id).await.expect("deleted");
    let after = district.project(p.id).await.expect("project");

    assert_eq!(spending, Fen::from_yuan(8_000), "payments and subsidies");
    assert_eq!(payments + s.amount_fen.fen(), spending.fen(), "the project's spending reconciles");
    assert_eq!(after.spent_fen, Fen::from_yuan(2_000));
    assert!(after.version > p.version, "a stale budget edit prepared before loses");
}

#[tokio::test]
async fn a_project_or_batch_that_paid_a_subsidy_cannot_be_deleted() {
    let app = TestApp::spawn().await;
    let district = app.login("district").await;
    let clerk = app.login("clerk").await;
    let zhang = village(&clerk, "张村").await;
    let cattle = cattle(&district).await;
    let h = household_in(&app, zhang, 85).await;
    let p = industry_project(&district, zhang, 1_000_000).await;
    clerk.create_industry_subsidy(&subsidy(h, cattle.id, p.id, 1)).await.expect("paid, no payment on record");

    let project = district.delete_project(p.id).await.expect_err("the project paid a subsidy");
    let batch = district.delete_fund_batch(p.batch_id).await.expect_err("its project paid a subsidy");
    let listed = clerk
        .industry_subsidies(&jingzhun_shared::industry::IndustrySubsidyQuery {
            project_id: Some(p.id),
            ..Default::default()
        })
        .await
        .expect("list");

    assert_eq!((project.status(), batch.status()), (Some(409), Some(409)));
    assert_eq!(listed.total, 1, "the subsidy keeps its project");
}

#[tokio::test]
async fn a_subsidy_that_would_overspend_its_project_is_refused_and_nothing_is_recorded() {
    let app = TestApp::spawn().await;
    let district = app.login("district").await;
    let clerk = app.login("clerk").await;
    let zhang = village(&clerk, "张村").await;
    let cattle = cattle(&district).await;
    let h = household_in(&app, zhang, 84).await;
    let p = industry_project(&district, zhang, 500_000).await;

    pay(&district, &p, 300_000, "CY-2").await.expect("3,000 of 5,000 元 spent");
    let over = clerk.create_industry_subsidy(&subsidy(h, cattle.id, p.id, 1)).await.expect_err("3,000 > 2,000 元");
    let listed = clerk
        .industry_subsidies(&jingzhun_shared::industry::IndustrySubsidyQuery {
            household_id: Some(h),
            ..Default::default()
        })
        .await
        .expect("list");
    let after = district.project(p.id).await.expect("project");

    assert_eq!(over.status(), Some(422));
    let message = over.api_error().map(|e| e.field("project_id").join("")).unwrap_or_default();
    assert!(message.contains("2000.00"), "names what the project has left: {message}");
    assert_eq!(listed.total, 0);
    assert_eq!(after.spent_fen, Fen::from_yuan(3_000));
}
