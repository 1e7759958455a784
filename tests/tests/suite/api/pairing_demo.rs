//! The demo year's pairing assistance against the seed's figures (社会扶贫), computed from the
//! generated enterprises, pairings, logs and gifts.

use jingzhun_shared::Fen;
use jingzhun_shared::pairing::{PairingFiguresQuery, PairingQuery};

use crate::helpers::TestApp;

#[tokio::test]
async fn the_demo_year_reproduces_the_seed_s_pairing_figures() {
    let app = TestApp::spawn_full().await;
    let district = app.login("district").await;

    let figures = district.pairing_figures(&PairingFiguresQuery { year: 2020, org_unit: None }).await.expect("figures");
    let next_year = district.pairing_figures(&PairingFiguresQuery { year: 2021, org_unit: None }).await.expect("2021");

    assert_eq!(
        (figures.enterprises, figures.villages, figures.households),
        (164, 42, 422),
        "164 家企业与42个村422个贫困户结对"
    );
    assert_eq!(figures.totals.funds_fen, Fen::from_yuan(640_000), "帮扶资金64万元");
    assert_eq!(figures.totals.students_aided, 11);
    assert_eq!(figures.totals.labour_hired, 138);
    assert_eq!(figures.totals.projects_claimed, 56);
    assert_eq!(figures.totals.products_fen, Fen::from_yuan(360_000), "销售农产品36万元");
    let day = figures.campaigns.iter().find(|c| c.campaign == "10.17扶贫日").expect("10.17");
    assert_eq!((day.projects_claimed, day.projects_fen), (33, Fen::from_yuan(1_201_500)), "认领33个项目120.15万元");
    assert_eq!(day.donated_fen, Fen::from_yuan(66_000), "捐款6.6万元");
    let per_enterprise: i64 = figures.per_enterprise.iter().map(|e| e.totals.funds_fen.fen()).sum();
    assert_eq!(per_enterprise, figures.totals.funds_fen.fen(), "the enterprises add up to the district");
    assert_eq!(figures.per_village.len(), 42);
    assert_eq!(next_year.totals.logs, 0, "the year's logs are the year's");
}

#[tokio::test]
async fn the_demo_enterprise_is_a_tea_company_paired_with_zhang_village_and_sees_its_own_totals() {
    let app = TestApp::spawn_full().await;
    let enterprise = app.login("enterprise").await;

    let pairings = enterprise.pairings(&PairingQuery::default()).await.expect("pairings");
    let own = enterprise.pairing_figures(&PairingFiguresQuery { year: 2020, org_unit: None }).await.expect("figures");
    let township = app.login("township").await.pairings(&PairingQuery::default()).await.expect("township's");

    assert_eq!(pairings.total, 1);
    let pairing = &pairings.items[0];
    assert!(pairing.enterprise_name.contains("茶业"), "{}", pairing.enterprise_name);
    assert_eq!(pairing.villages.iter().map(|v| v.name.as_str()).collect::<Vec<_>>(), ["张村"]);
    assert!(!pairing.households.is_empty());
    assert_eq!(own.enterprises, 1);
    assert!(own.totals.logs > 0);
    assert!(township.total > 0 && township.total < 164, "the township sees the pairings of its villages");
}

#[tokio::test]
async fn the_demo_pairs_every_household_on_file_with_one_of_1193_cadres_of_62_units() {
    use jingzhun_shared::pairing::{CadreQuery, CoverageQuery};
    let app = TestApp::spawn_full().await;
    let district = app.login("district").await;

    let cadres = district.cadres(&CadreQuery { per_page: Some(1), ..Default::default() }).await.expect("cadres");
    let september = CoverageQuery { month: Some("2020-09".to_owned()), org_unit: None };
    let coverage = district.visit_coverage(&september).await.expect("coverage");
    let own = app.login("cadre").await.visit_coverage(&september).await.expect("the demo cadre's");

    assert_eq!(cadres.total, 1_193, "1193名党员干部");
    assert_eq!(coverage.per_unit.len(), 62, "62个区直单位");
    assert_eq!(coverage.total.paired, 2_235, "every household on file has a responsible cadre");
    assert_eq!(coverage.total.visited, 2_235 - 224, "nine in ten visited in September");
    assert_eq!(coverage.per_cadre.len(), 1_193);
    assert!(own.total.paired >= 1 && own.total.paired <= 2, "the demo cadre's households: {:?}", own.total);
    assert!(coverage.per_village.iter().any(|v| v.name == "张村"));
}
