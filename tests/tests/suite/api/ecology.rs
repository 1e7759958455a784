//! Ecological compensation: records scoped like the registry, checked at once, and the year's
//! households, area and amount per programme as of a date.

use jingzhun_shared::ecology::{EcologyInput, EcologyProgramme, EcologyQuery};
use jingzhun_shared::funds::RatesQuery;
use jingzhun_shared::industry::Quantity;
use jingzhun_shared::{Fen, HouseholdId};

use crate::api::housing::date;
use crate::api::industry::household_in;
use crate::api::registry::village;
use crate::helpers::TestApp;

fn compensation(
    household_id: HouseholdId,
    programme: EcologyProgramme,
    mu: i64,
    yuan: i64,
    month: u32,
) -> EcologyInput {
    EcologyInput {
        household_id,
        programme,
        year: 2020,
        area_mu: Some(Quantity::from_hundredths(mu)),
        amount_fen: Fen::from_yuan(yuan),
        paid_on: date(month, 30),
    }
}

#[tokio::test]
async fn the_figures_count_households_area_and_amount_per_programme_as_of_a_date() {
    let app = TestApp::spawn().await;
    let clerk = app.login("clerk").await;
    let zhang = village(&clerk, "张村").await;
    let (a, b) = (household_in(&app, zhang, 71).await, household_in(&app, zhang, 72).await);
    for input in [
        compensation(a, EcologyProgramme::ReturningFarmland, 150, 187, 4),
        compensation(b, EcologyProgramme::ReturningFarmland, 225, 281, 9),
        compensation(a, EcologyProgramme::PublicWelfareForest, 3_780, 557, 6),
    ] {
        clerk.create_ecology_compensation(&input).await.expect("recorded");
    }
    let figures = |as_of| RatesQuery { year: 2020, as_of, org_unit_id: None };

    let all = clerk.ecology_figures(&figures(None)).await.expect("figures");
    let june = clerk.ecology_figures(&figures(Some(date(6, 30)))).await.expect("figures of June");
    let of = |f: &jingzhun_shared::ecology::EcologyFigures, p| {
        f.programmes.iter().find(|x| x.programme == p).map(|x| (x.households, x.area_mu.hundredths(), x.amount_fen))
    };

    assert_eq!(of(&all, EcologyProgramme::ReturningFarmland), Some((2, 375, Fen::from_yuan(468))));
    assert_eq!(of(&all, EcologyProgramme::PublicWelfareForest), Some((1, 3_780, Fen::from_yuan(557))));
    assert_eq!(of(&june, EcologyProgramme::ReturningFarmland), Some((1, 150, Fen::from_yuan(187))));
    assert_eq!(of(&all, EcologyProgramme::ForestRanger), Some((0, 0, Fen::ZERO)));
}

#[tokio::test]
async fn a_compensation_out_of_scope_or_with_bad_fields_is_refused_and_others_stay_hidden() {
    let app = TestApp::spawn().await;
    let district = app.login("district").await;
    let clerk = app.login("clerk").await;
    let other = village(&district, "石岗村").await;
    let elsewhere = household_in(&app, other, 73).await;
    district
        .create_ecology_compensation(&compensation(elsewhere, EcologyProgramme::PublicWelfareForest, 100, 15, 6))
        .await
        .expect("the district records");
    let mut bad = compensation(elsewhere, EcologyProgramme::Other, 0, 0, 6);
    bad.year = 1900;

    let refused = clerk.create_ecology_compensation(&bad).await.expect_err("four problems");
    let listed = clerk.ecology_compensations(&EcologyQuery::default()).await.expect("the clerk's list");

    let refused = refused.api_error().expect("wire error");
    for field in ["household_id", "area_mu", "amount_fen", "year"] {
        assert!(!refused.field(field).is_empty(), "{field}: {refused:?}");
    }
    assert_eq!(listed.total, 0);
}
