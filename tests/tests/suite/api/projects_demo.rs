//! The demo year's education and employment figures, computed from the demo's records, are
//! the seed report's.

use chrono::NaiveDate;
use jingzhun_shared::Fen;
use jingzhun_shared::education::{AidProgramme, OutOfSchoolQuery, SchoolStage};
use jingzhun_shared::employment::BaseKind;
use jingzhun_shared::funds::RatesQuery;

use crate::helpers::TestApp;

fn wan(w: i64, hundredths: i64) -> Fen {
    Fen::new(w * 1_000_000 + hundredths * 10_000)
}

#[tokio::test]
async fn the_demo_years_education_and_employment_figures_are_the_seeds() {
    let app = TestApp::spawn_full().await;
    let district = app.login("district").await;
    let july = RatesQuery { year: 2020, as_of: NaiveDate::from_ymd_opt(2020, 7, 31), org_unit_id: None };

    let e = district.education_figures(&july).await.expect("education");
    let w = district.employment_figures(&RatesQuery { as_of: None, ..july.clone() }).await.expect("employment");
    let list = district.out_of_school(&OutOfSchoolQuery { year: 2020, ..Default::default() }).await.expect("list");

    assert_eq!((e.student_aid.students, e.student_aid.amount_fen), (292, wan(24, 28)));
    let stage = |s| e.by_stage.iter().find(|t| t.stage == s).map(|t| (t.tally.students, t.tally.amount_fen));
    assert_eq!(stage(SchoolStage::Preschool), Some((41, wan(3, 47))));
    assert_eq!(stage(SchoolStage::Compulsory), Some((217, wan(13, 12))));
    assert_eq!(stage(SchoolStage::HighSchool), Some((25, wan(5, 29))));
    assert_eq!(stage(SchoolStage::University), Some((9, wan(2, 40))));
    assert_eq!((e.in_district.students, e.in_district.amount_fen), (222, Fen::new(19_045_000)));
    assert_eq!((e.out_of_district.students, e.out_of_district.amount_fen), (70, Fen::new(5_235_000)));
    let yulu = e
        .by_programme
        .iter()
        .find(|t| t.programme == AidProgramme::Yulu)
        .map(|t| (t.tally.students, t.tally.amount_fen));
    assert_eq!(yulu, Some((35, wan(11, 85))));
    assert_eq!(e.out_of_school, list.total);

    assert_eq!((w.employed, w.posts_offered, w.public_welfare_posts), (204, 270, 59));
    assert!(
        w.public_welfare_min_wage_fen >= Fen::from_yuan(600) && w.public_welfare_max_wage_fen <= Fen::from_yuan(800)
    );
    let bases: Vec<(BaseKind, u64)> = w.bases.iter().map(|t| (t.kind, t.bases)).collect();
    assert_eq!(bases, vec![(BaseKind::EmploymentBase, 23), (BaseKind::HomeBase, 7), (BaseKind::Station, 2)]);
    assert_eq!(w.bases.iter().map(|t| t.absorbed).sum::<u64>(), 32);
    assert_eq!((w.trainees, w.training_subsidy_fen), (47, wan(10, 95)));
    assert_eq!((w.transport_subsidised, w.transport_subsidy_fen), (194, wan(5, 61)));
}
