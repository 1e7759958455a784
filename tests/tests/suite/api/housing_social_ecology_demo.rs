//! The demo's housing, social security and ecology against the seed: 128 houses renovated
//! (100 %), the 低保 and 五保 standards of both years with every 低保 / 五保 household paid in
//! full, 退耕还林 438 households 785 亩 9.82 万元 and 公益林 519 households 19,575 亩 28.87 万元.

use jingzhun_shared::Fen;
use jingzhun_shared::ecology::EcologyProgramme;
use jingzhun_shared::funds::RatesQuery;

use crate::helpers::TestApp;

const YEAR: i32 = 2020;

fn year() -> RatesQuery {
    RatesQuery { year: YEAR, as_of: None, org_unit_id: None }
}

#[tokio::test]
async fn the_demo_reproduces_the_seed_s_housing_social_security_and_ecology_figures() {
    let app = TestApp::spawn_full().await;
    let auditor = app.login("auditor").await;

    let housing = auditor.housing_figures(&year()).await.expect("housing");
    let social = auditor.social_figures(&year()).await.expect("social security");
    let ecology = auditor.ecology_figures(&year()).await.expect("ecology");

    assert_eq!((housing.planned, housing.completed, housing.completion_rate_bp), (128, 128, 10_000));
    assert_eq!(housing.unsafe_households, 0);
    let s = &social.standard;
    assert_eq!(
        (s.dibao_fen, s.wubao_concentrated_fen, s.wubao_dispersed_fen),
        (Fen::from_yuan(3_900), Fen::from_yuan(7_200), Fen::from_yuan(6_000))
    );
    assert_eq!((s.temporary_threshold_fen, s.temporary_uplift_bp), (Fen::from_yuan(3_000), 500));
    let p = &social.previous_standard;
    assert_eq!(
        (p.dibao_fen, p.wubao_concentrated_fen, p.wubao_dispersed_fen),
        (Fen::from_yuan(3_600), Fen::from_yuan(6_000), Fen::from_yuan(4_920))
    );
    assert_eq!((social.dibao_households, social.dibao_people), (556, 1_243));
    assert_eq!((social.wubao_households, social.wubao_people), (28, 34));
    assert_eq!(social.short_households, 0);
    let of = |p| {
        ecology
            .programmes
            .iter()
            .find(|x| x.programme == p)
            .map(|x| (x.households, x.area_mu.hundredths(), x.amount_fen))
    };
    assert_eq!(of(EcologyProgramme::ReturningFarmland), Some((438, 78_500, Fen::from_yuan(98_200))));
    assert_eq!(of(EcologyProgramme::PublicWelfareForest), Some((519, 1_957_500, Fen::from_yuan(288_700))));
}

#[tokio::test]
async fn at_the_end_of_june_the_demo_has_paid_half_the_dibao_year_and_renovated_fewer_houses() {
    let app = TestApp::spawn_full().await;
    let auditor = app.login("auditor").await;
    let june = RatesQuery { as_of: chrono::NaiveDate::from_ymd_opt(YEAR, 6, 30), ..year() };

    let housing = auditor.housing_figures(&june).await.expect("housing");
    let social = auditor.social_figures(&june).await.expect("social security");

    assert!(housing.completed < 128 && housing.completed > 0, "{housing:?}");
    // Half the year paid: most 低保 and 五保 households registered by the end of June are short of
    // the year's standard for the people they had then (a household whose people joined later
    // in the year was paid half a year for more people than it had in June).
    // The demo's 556 低保 and 28 五保 households were all registered by June; 55 of them had
    // fewer people in June than those the half year was paid for, and so are not short.
    let on_file = social.dibao_households + social.wubao_households;
    assert_eq!((social.dibao_households, social.wubao_households), (556, 28), "{social:?}");
    assert_eq!((on_file, social.short_households), (584, 529), "{social:?}");
}
