//! Housing safety: appraisals and renovations scoped like the registry, the government's
//! top-up, the year's figures as of a date, and the exit checklist's 住房安全 read from the
//! records.

use chrono::NaiveDate;
use jingzhun_shared::funds::RatesQuery;
use jingzhun_shared::housing::{HousingCheckInput, HousingGrade, HousingQuery, RenovationInput, RenovationKind};
use jingzhun_shared::{Api, Fen, HouseholdId};

use crate::api::industry::household_in;
use crate::api::notice_photos::{HIDDEN, phone_photo};
use crate::api::registry::village;
use crate::api::workflow::{exit, household_with_income};
use crate::helpers::TestApp;

pub(crate) fn date(month: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2020, month, day).expect("a 2020 day")
}

fn renovation(household_id: HouseholdId, completed: Option<NaiveDate>, accepted: Option<NaiveDate>) -> RenovationInput {
    RenovationInput {
        household_id,
        plan_year: 2020,
        kind: RenovationKind::Rebuild,
        cost_fen: Fen::from_yuan(48_000),
        subsidy_fen: Fen::from_yuan(35_000),
        completed_on: completed,
        accepted_on: accepted,
        version: None,
    }
}

async fn appraise(api: &Api, household_id: HouseholdId, grade: HousingGrade) {
    let input = HousingCheckInput { household_id, checked_on: date(3, 1), grade, note: None };
    api.create_housing_check(&input).await.expect("appraisal");
}

#[tokio::test]
async fn the_government_tops_up_what_the_subsidy_leaves_and_the_figures_count_completions_as_of_a_date() {
    let app = TestApp::spawn().await;
    let clerk = app.login("clerk").await;
    let zhang = village(&clerk, "张村").await;
    let (done, planned) = (household_in(&app, zhang, 51).await, household_in(&app, zhang, 52).await);

    let completed = clerk
        .create_housing_renovation(&renovation(done, Some(date(6, 10)), Some(date(6, 25))))
        .await
        .expect("a completed rebuild");
    clerk.create_housing_renovation(&renovation(planned, None, None)).await.expect("a planned rebuild");
    let figures = |as_of| RatesQuery { year: 2020, as_of, org_unit_id: None };
    let now = clerk.housing_figures(&figures(None)).await.expect("figures");
    let before = clerk.housing_figures(&figures(Some(date(6, 1)))).await.expect("figures of June 1st");

    assert_eq!(completed.government_top_up_fen, Fen::from_yuan(13_000));
    assert_eq!((now.planned, now.completed, now.completion_rate_bp, now.accepted), (2, 1, 5_000, 1));
    assert_eq!(now.top_up_paid_fen, Fen::from_yuan(13_000));
    assert_eq!(now.cost_fen, Fen::from_yuan(96_000));
    assert_eq!((before.completed, before.completion_rate_bp, before.top_up_paid_fen), (0, 0, Fen::ZERO));
}

#[tokio::test]
async fn housing_records_are_refused_with_every_field_error_at_once() {
    let app = TestApp::spawn().await;
    let clerk = app.login("clerk").await;
    let zhang = village(&clerk, "张村").await;
    let h = household_in(&app, zhang, 53).await;
    let mut bad = renovation(h, None, Some(date(6, 25)));
    bad.cost_fen = Fen::new(-1);
    bad.plan_year = 1990;
    let future = HousingCheckInput {
        household_id: h,
        checked_on: NaiveDate::from_ymd_opt(2999, 1, 1).expect("a day"),
        grade: HousingGrade::A,
        note: None,
    };

    let refused = clerk.create_housing_renovation(&bad).await.expect_err("three problems");
    let future = clerk.create_housing_check(&future).await.expect_err("a day after today");

    let refused = refused.api_error().expect("wire error");
    for field in ["cost_fen", "plan_year", "accepted_on"] {
        assert!(!refused.field(field).is_empty(), "{field}: {refused:?}");
    }
    assert_eq!(future.status(), Some(422));
}

#[tokio::test]
async fn a_clerk_neither_records_nor_sees_housing_of_another_village_and_a_stale_update_is_refused() {
    let app = TestApp::spawn().await;
    let district = app.login("district").await;
    let clerk = app.login("clerk").await;
    let other = village(&district, "石岗村").await;
    let elsewhere = household_in(&app, other, 54).await;
    let theirs = district.create_housing_renovation(&renovation(elsewhere, None, None)).await.expect("district plans");

    let refused = clerk.create_housing_renovation(&renovation(elsewhere, None, None)).await.expect_err("out of scope");
    let listed = clerk.housing_renovations(&HousingQuery::default()).await.expect("the clerk's list");
    let mut update = renovation(elsewhere, Some(date(7, 1)), None);
    update.version = Some(theirs.version);
    let hidden = clerk.update_housing_renovation(theirs.id, &update).await.expect_err("not the clerk's");
    let first = district.update_housing_renovation(theirs.id, &update).await.expect("completed");
    let stale = district.update_housing_renovation(theirs.id, &update).await.expect_err("the version moved on");

    assert!(refused.api_error().is_some_and(|e| !e.field("household_id").is_empty()));
    assert_eq!(listed.total, 0);
    assert_eq!(hidden.status(), Some(404));
    assert_eq!((first.completed_on, first.version), (Some(date(7, 1)), 2));
    assert_eq!(stale.status(), Some(409));
}

#[tokio::test]
async fn an_exit_takes_safe_housing_from_the_records_and_is_refused_while_the_house_is_unsafe() {
    let app = TestApp::spawn().await;
    let clerk = app.login("clerk").await;
    let h = household_with_income(&app, &clerk, 61, 600_000, false).await;
    appraise(&clerk, h, HousingGrade::C).await;

    let unsafe_house = clerk.create_application(&exit(h)).await.expect_err("a C house");
    clerk
        .create_housing_renovation(&renovation(h, Some(date(6, 10)), Some(date(6, 25))))
        .await
        .expect("renovated and accepted");
    let filed = clerk.create_application(&exit(h)).await.expect("safe by the records");

    let error = unsafe_house.api_error().expect("wire error");
    assert!(error.field("checklist.safe_housing").iter().any(|m| m.contains("C级")), "{error:?}");
    let item = filed.checklist.expect("checklist").safe_housing;
    assert!(item.met);
    assert_eq!(item.evidence, "住房记录：危房改造已于 2020-06-25 验收");
}

#[tokio::test]
async fn a_photo_of_the_house_is_kept_on_the_appraisal_without_what_the_phone_hid_in_it() {
    let app = TestApp::spawn().await;
    let clerk = app.login("clerk").await;
    let district = app.login("district").await;
    let zhang = village(&clerk, "张村").await;
    let other = village(&district, "石岗村").await;
    let (mine, theirs) = (household_in(&app, zhang, 55).await, household_in(&app, other, 56).await);
    let input =
        |household_id| HousingCheckInput { household_id, checked_on: date(3, 1), grade: HousingGrade::C, note: None };
    let check = clerk.create_housing_check(&input(mine)).await.expect("appraisal");
    let elsewhere = district.create_housing_check(&input(theirs)).await.expect("the district's appraisal");

    let with_photo = clerk.add_housing_photo(check.id, phone_photo()).await.expect("stored");
    let photo = with_photo.photo_ids[0];
    let stored = clerk.housing_photo(check.id, photo).await.expect("the photo");
    let not_a_photo = clerk.add_housing_photo(check.id, b"not an image".to_vec()).await.expect_err("refused");
    let out_of_scope = clerk.add_housing_photo(elsewhere.id, phone_photo()).await.expect_err("another village");

    assert_eq!(with_photo.photo_ids.len(), 1);
    assert!(image::load_from_memory(&stored).is_ok(), "a readable JPEG");
    assert!(!stored.windows(HIDDEN.len()).any(|w| w == HIDDEN), "no EXIF left");
    assert_eq!(not_a_photo.status(), Some(422));
    assert_eq!(out_of_scope.status(), Some(404));
}
