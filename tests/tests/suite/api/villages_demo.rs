//! The demo's villages against the seed: 12 poor villages, the four exited at the end of the
//! year before passing their exit check, the eight remaining below 0.5 % incidence.

use jingzhun_shared::registry::OverviewQuery;
use jingzhun_shared::villages::{VillageRow, YearQuery};
use jingzhun_shared::{ApplicationStatus, Fen, PageQuery};

use crate::api::villages::{YEAR, rows, village};
use crate::helpers::TestApp;

#[tokio::test]
async fn the_demo_keeps_twelve_poor_villages_of_which_four_exited_at_the_end_of_the_year_before() {
    let app = TestApp::spawn_full().await;
    let district = app.login("district").await;

    let overview = district.registry_overview(&OverviewQuery { year: Some(YEAR) }).await.expect("overview");
    let listed = rows(&district, YEAR).await;

    assert_eq!((overview.poor_villages, overview.exited_villages), (12, 4));
    let poor: Vec<&VillageRow> = listed.iter().filter(|v| v.is_poor_village).collect();
    assert_eq!(poor.len(), 12);
    let mut exited: Vec<(&str, Option<i32>)> =
        poor.iter().filter(|v| v.exit_year.is_some()).map(|v| (v.name.as_str(), v.exit_year)).collect();
    exited.sort();
    assert_eq!(
        exited,
        [("东山村", Some(2019)), ("坑上村", Some(2019)), ("容溪村", Some(2019)), ("罗田村", Some(2019))]
    );
}

#[tokio::test]
async fn the_demo_exited_villages_pass_the_exit_check_of_the_year_they_left_and_were_announced() {
    let app = TestApp::spawn_full().await;
    let auditor = app.login("auditor").await;

    for name in ["东山村", "坑上村", "容溪村", "罗田村"] {
        let id = village(&auditor, name).await.id;
        let check = auditor.village_exit_check(id, &YearQuery { year: Some(2019) }).await;
        let exits = auditor.village_exits(id, &PageQuery::default()).await.expect("exits").items;

        let check = check.expect("exit check");
        assert!(check.passes, "{name}: {:?}", check.criteria);
        assert_eq!(check.criteria.len(), 6);
        assert_eq!(exits.len(), 1);
        assert_eq!((exits[0].year, exits[0].status), (2019, ApplicationStatus::Approved));
    }
}

#[tokio::test]
async fn the_eight_remaining_poor_villages_have_incidence_below_half_a_percent_from_their_own_households() {
    let app = TestApp::spawn_full().await;
    let district = app.login("district").await;

    let remaining: Vec<VillageRow> =
        rows(&district, YEAR).await.into_iter().filter(|v| v.is_poor_village && v.exit_year.is_none()).collect();

    assert_eq!(remaining.len(), 8);
    for v in &remaining {
        assert!(v.poor_people > 0, "{} has remaining poor people", v.name);
        let incidence = v.incidence_bp.expect("population recorded");
        assert!(incidence < 50, "{}: {incidence} bp", v.name);
        assert!(v.collective_income_fen.expect("income") >= Fen::new(10_000_000), "{} over 10 万元", v.name);
    }
    let zhang = remaining.iter().find(|v| v.name == "张村").expect("张村");
    assert_eq!(zhang.collective_income_fen, Some(Fen::new(10_460_000)));
}
