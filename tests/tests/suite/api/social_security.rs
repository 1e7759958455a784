//! Social security: the year's standards (versioned), payments scoped like the registry, and
//! the list of 低保 / 五保 households paid less than the standard for their people.

use jingzhun_shared::funds::RatesQuery;
use jingzhun_shared::registry::{CreateMember, JoinReason};
use jingzhun_shared::social_security::{
    AssistancePaymentInput, AssistancePaymentKind, AssistanceQuery, SocialStandardInput,
};
use jingzhun_shared::{Api, Fen, HealthStatus, HouseholdCategory, HouseholdId, Labour, Relation};

use crate::api::housing::date;
use crate::api::registry::{id_card, loaded, new_household, village};
use crate::helpers::TestApp;

fn standards(version: Option<i32>) -> SocialStandardInput {
    SocialStandardInput {
        dibao_fen: Fen::from_yuan(3_900),
        wubao_concentrated_fen: Fen::from_yuan(7_200),
        wubao_dispersed_fen: Fen::from_yuan(6_000),
        temporary_threshold_fen: Fen::from_yuan(3_000),
        temporary_uplift_bp: 500,
        version,
    }
}

fn payment(household_id: HouseholdId, kind: AssistancePaymentKind, yuan: i64) -> AssistancePaymentInput {
    AssistancePaymentInput {
        household_id,
        member_id: None,
        kind,
        year: 2020,
        period: "2020年1-6月".to_owned(),
        amount_fen: Fen::from_yuan(yuan),
        paid_on: date(6, 30),
    }
}

/// A registered household of 张村 of `category` with its head and a second member.
async fn two_people(app: &TestApp, clerk: &Api, category: HouseholdCategory, n: u32) -> HouseholdId {
    let zhang = village(clerk, "张村").await;
    let mut input = loaded(new_household(zhang, "方桂英", id_card(200 + n)));
    input.category = category;
    let h = app.login("district").await.create_household(&input).await.expect("registered").id;
    let member = CreateMember {
        name: "方小军".to_owned(),
        id_card_no: id_card(300 + n),
        relation: Relation::Child,
        health: HealthStatus::Healthy,
        labour: Labour::NoCapacity,
        join_reason: Some(JoinReason::Birth),
        joined_on: Some(date(1, 15)),
    };
    clerk.add_member(h, &member).await.expect("a second member");
    h
}

#[tokio::test]
async fn a_dibao_household_paid_less_than_the_standard_for_its_people_is_listed_until_paid_in_full() {
    let app = TestApp::spawn().await;
    let district = app.login("district").await;
    let clerk = app.login("clerk").await;
    district.set_social_standard(2020, &standards(None)).await.expect("standards");
    let dibao = two_people(&app, &clerk, HouseholdCategory::Dibao, 1).await;
    let wubao = two_people(&app, &clerk, HouseholdCategory::Wubao, 2).await;
    clerk.create_assistance_payment(&payment(dibao, AssistancePaymentKind::Dibao, 3_900)).await.expect("half a year");
    clerk
        .create_assistance_payment(&payment(wubao, AssistancePaymentKind::WubaoDispersed, 12_000))
        .await
        .expect("in full");
    let query = AssistanceQuery { year: 2020, ..Default::default() };

    let short = clerk.social_shortfalls(&query).await.expect("shortfalls");
    let rest = AssistancePaymentInput { paid_on: date(12, 20), ..payment(dibao, AssistancePaymentKind::Dibao, 3_900) };
    clerk.create_assistance_payment(&rest).await.expect("the rest");
    let after = clerk.social_shortfalls(&query).await.expect("shortfalls");
    let figures =
        clerk.social_figures(&RatesQuery { year: 2020, as_of: None, org_unit_id: None }).await.expect("figures");
    let by_july = clerk
        .social_figures(&RatesQuery { year: 2020, as_of: Some(date(7, 1)), org_unit_id: None })
        .await
        .expect("july");

    // Two people at 3,900 元 are due 7,800 元; 3,900 元 was paid.
    assert_eq!(short.total, 1);
    let s = &short.items[0];
    assert_eq!(
        (s.household_id, s.people, s.due_fen, s.short_fen),
        (dibao, 2, Fen::from_yuan(7_800), Fen::from_yuan(3_900))
    );
    assert_eq!(after.total, 0);
    assert_eq!((figures.dibao_households, figures.dibao_people, figures.wubao_people), (1, 2, 2));
    assert_eq!(figures.short_households, 0);
    // By kind: households counted once however many payments; as of a day, what was paid by it.
    let paid = |f: &jingzhun_shared::social_security::SocialFigures, kind| {
        let x = f.payments.iter().find(|p| p.kind == kind).expect("every kind listed");
        (x.households, x.payments, x.amount_fen)
    };
    assert_eq!(paid(&figures, AssistancePaymentKind::Dibao), (1, 2, Fen::from_yuan(7_800)));
    assert_eq!(paid(&figures, AssistancePaymentKind::WubaoDispersed), (1, 1, Fen::from_yuan(12_000)));
    assert_eq!(paid(&figures, AssistancePaymentKind::WubaoConcentrated), (0, 0, Fen::ZERO));
    assert_eq!(paid(&by_july, AssistancePaymentKind::Dibao), (1, 1, Fen::from_yuan(3_900)));
}

#[tokio::test]
async fn standards_are_set_by_the_district_at_the_version_read_and_never_by_a_clerk() {
    let app = TestApp::spawn().await;
    let district = app.login("district").await;
    let clerk = app.login("clerk").await;

    let first = district.set_social_standard(2020, &standards(None)).await.expect("set");
    let raised = district.set_social_standard(2020, &standards(Some(first.version))).await.expect("changed");
    let stale = district.set_social_standard(2020, &standards(Some(first.version))).await.expect_err("stale");
    let by_clerk = clerk.set_social_standard(2020, &standards(Some(raised.version))).await.expect_err("not a clerk's");
    let mut bad = standards(None);
    bad.dibao_fen = Fen::ZERO;
    bad.temporary_uplift_bp = 20_000;
    let invalid = district.set_social_standard(2021, &bad).await.expect_err("two problems");
    let read = clerk.social_standard(2020).await.expect("readable");

    assert_eq!((first.version, raised.version), (1, 2));
    assert_eq!(stale.status(), Some(409));
    assert_eq!(by_clerk.status(), Some(403));
    let invalid = invalid.api_error().expect("wire error");
    assert!(!invalid.field("dibao_fen").is_empty() && !invalid.field("temporary_uplift_bp").is_empty());
    assert_eq!(read.dibao_fen, Fen::from_yuan(3_900));
}

#[tokio::test]
async fn a_payment_outside_the_clerk_s_village_or_with_bad_fields_is_refused() {
    let app = TestApp::spawn().await;
    let district = app.login("district").await;
    let clerk = app.login("clerk").await;
    let other = village(&district, "石岗村").await;
    let elsewhere =
        district.create_household(&loaded(new_household(other, "石大山", id_card(401)))).await.expect("h").id;
    let mine = two_people(&app, &clerk, HouseholdCategory::Dibao, 3).await;
    let mut bad = payment(mine, AssistancePaymentKind::Temporary, 0);
    bad.period = " ".to_owned();
    bad.paid_on = chrono::NaiveDate::from_ymd_opt(2999, 1, 1).expect("a day");

    let out = clerk
        .create_assistance_payment(&payment(elsewhere, AssistancePaymentKind::Dibao, 100))
        .await
        .expect_err("scope");
    let invalid = clerk.create_assistance_payment(&bad).await.expect_err("three problems");
    let theirs = AssistanceQuery { year: 2020, org_unit_id: Some(other), ..Default::default() };
    let theirs = clerk.assistance_payments(&theirs).await;

    assert!(out.api_error().is_some_and(|e| !e.field("household_id").is_empty()));
    let invalid = invalid.api_error().expect("wire error");
    for field in ["amount_fen", "period", "paid_on"] {
        assert!(!invalid.field(field).is_empty(), "{field}: {invalid:?}");
    }
    assert_eq!(theirs.expect_err("another village").status(), Some(404));
}

#[tokio::test]
async fn figures_for_a_year_no_office_can_mean_are_refused_not_a_crash() {
    let app = TestApp::spawn().await;
    let district = app.login("district").await;

    for year in [i32::MIN, -1, 1999, 2101, i32::MAX] {
        let query = RatesQuery { year, ..Default::default() };
        let error = district.social_figures(&query).await.expect_err("refused");
        assert!(matches!(error, jingzhun_shared::ClientError::Api { status: 422, .. }), "{year}: {error}");
    }
}
