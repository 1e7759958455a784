//! 享受政策: everything a household received in a year across projects, line by line, with
//! totals per project and in all, for a household in the caller's scope.

use jingzhun_shared::benefits::{BenefitArea, BenefitsQuery};
use jingzhun_shared::ecology::{EcologyInput, EcologyProgramme};
use jingzhun_shared::industry::{CreateIndustrySubsidy, Quantity};
use jingzhun_shared::social_security::{AssistancePaymentInput, AssistancePaymentKind};
use jingzhun_shared::{Fen, HouseholdId};

use crate::api::housing::date;
use crate::api::industry::{cattle, household_in, industry_project};
use crate::api::registry::village;
use crate::helpers::TestApp;

/// A registered household of 张村 that received in 2020 one head of cattle (3,000 元), a
/// temporary assistance of 3,150 元 and 37.8 亩 of 公益林 (557 元): 6,707 元 in all.
pub(crate) async fn household_with_benefits(app: &TestApp) -> HouseholdId {
    let district = app.login("district").await;
    let clerk = app.login("clerk").await;
    let zhang = village(&clerk, "张村").await;
    let h = household_in(app, zhang, 81).await;
    let item = cattle(&district).await;
    let paying = industry_project(&district, zhang, 10_000_000).await;
    let subsidy = CreateIndustrySubsidy {
        household_id: h,
        item_id: item.id,
        project_id: paying.id,
        quantity: Quantity::from_hundredths(100),
        note: None,
    };
    clerk.create_industry_subsidy(&subsidy).await.expect("one head of cattle");
    let payment = AssistancePaymentInput {
        household_id: h,
        member_id: None,
        kind: AssistancePaymentKind::Temporary,
        year: 2020,
        period: "2020年5月".to_owned(),
        amount_fen: Fen::from_yuan(3_150),
        paid_on: date(5, 20),
    };
    clerk.create_assistance_payment(&payment).await.expect("temporary assistance");
    let forest = EcologyInput {
        household_id: h,
        programme: EcologyProgramme::PublicWelfareForest,
        year: 2020,
        area_mu: Some(Quantity::from_hundredths(3_780)),
        amount_fen: Fen::from_yuan(557),
        paid_on: date(6, 30),
    };
    clerk.create_ecology_compensation(&forest).await.expect("public-welfare forest");

    h
}

#[tokio::test]
async fn a_household_s_benefits_list_every_project_s_payments_of_the_year_with_totals() {
    let app = TestApp::spawn().await;
    let clerk = app.login("clerk").await;
    let h = household_with_benefits(&app).await;

    let benefits = clerk.household_benefits(h, &BenefitsQuery::default()).await.expect("the latest year's");
    let next_year = clerk.household_benefits(h, &BenefitsQuery { year: Some(2021) }).await.expect("benefits");

    let totals: Vec<_> = benefits.totals.iter().map(|t| (t.area, t.amount_fen)).collect();
    assert_eq!(
        totals,
        vec![
            (BenefitArea::Industry, Fen::from_yuan(3_000)),
            (BenefitArea::SocialSecurity, Fen::from_yuan(3_150)),
            (BenefitArea::Ecology, Fen::from_yuan(557)),
        ]
    );
    assert_eq!(benefits.total_fen, Fen::from_yuan(6_707));
    assert_eq!(benefits.lines.len(), 3);
    assert!(benefits.lines.iter().any(|l| l.title == "公益林补助" && l.detail == "37.8 亩"), "{:?}", benefits.lines);
    assert_eq!((benefits.year, benefits.years.clone()), (2020, vec![2020]));
    assert!(next_year.lines.is_empty() && next_year.total_fen == Fen::ZERO);
}

#[tokio::test]
async fn a_household_outside_the_clerk_s_village_has_no_benefits_to_show() {
    let app = TestApp::spawn().await;
    let district = app.login("district").await;
    let clerk = app.login("clerk").await;
    let other = village(&district, "石岗村").await;
    let elsewhere = household_in(&app, other, 82).await;

    let hidden = clerk.household_benefits(elsewhere, &BenefitsQuery::default()).await.expect_err("out of scope");
    let seen = district.household_benefits(elsewhere, &BenefitsQuery::default()).await.expect("in scope");

    assert_eq!(hidden.status(), Some(404));
    assert!(seen.lines.is_empty());
}
