//! The demo year's pairing assistance against the seed's figures (社会扶贫), computed from the
//! generated enterprises, pairings, logs and gifts.

use jingzhun_shared::Fen;
use jingzhun_shared::pairing::{PairingFiguresQuery, PairingQuery};

use crate::helpers::TestApp;

#[tokio::test]
async fn the_demo_year_reproduces_the_seed_s_pairing_figures() {
    let app = TestApp::spawn_full().await;
    let district = app.login("district").await;

    let figures = district
        .pairing_figures(&PairingFiguresQuery { year: 2020, as_of: None, org_unit: None })
        .await
        .expect("figures");
    let next_year =
        district.pairing_figures(&PairingFiguresQuery { year: 2021, as_of: None, org_unit: None }).await.expect("2021");

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
    let own = enterprise
        .pairing_figures(&PairingFiguresQuery { year: 2020, as_of: None, org_unit: None })
        .await
        .expect("figures");
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

#[tokio::test]
async fn the_demo_year_s_work_teams_are_the_seed_s_twelve_poor_and_thirty_other_villages() {
    use jingzhun_shared::pairing::{TeamRateQuery, WorkTeamQuery};
    let app = TestApp::spawn_full().await;
    let district = app.login("district").await;
    let cadre = app.login("cadre").await;

    let all = WorkTeamQuery { per_page: Some(100), ..Default::default() };
    let teams = district.work_teams(&all).await.expect("teams");
    let september = TeamRateQuery { month: Some("2020-09".to_owned()), org_unit: None };
    let rates = district.team_rates(&september).await.expect("rates");
    let own = cadre.work_teams(&all).await.expect("the cadre's team");

    let villages: std::collections::BTreeSet<_> = teams.items.iter().map(|t| t.village.id).collect();
    assert_eq!((teams.total, villages.len()), (42, 42), "12个贫困村和30个非贫困村工作队");
    let (poor, other): (Vec<_>, Vec<_>) = teams.items.iter().partition(|t| t.poor_village);
    assert_eq!(poor.len(), 12);
    assert!(poor.iter().all(|t| t.members.len() == 3), "每个贫困村3人专门工作团队");
    assert_eq!(other.iter().map(|t| t.members.len()).sum::<usize>(), 96, "向30个非贫困村派出96人");
    assert!(other.iter().all(|t| t.members.len() >= 3), "非贫困村每村驻村力量均达3人以上");
    assert!(teams.items.iter().all(|t| t.members.iter().filter(|m| m.leader).count() == 1), "one leader a team");
    assert_eq!(rates.teams.len(), 42);
    let (present, expected) = rates.teams.iter().fold((0, 0), |(p, e), r| (p + r.present_days, e + r.expected_days));
    assert!(present > 0 && present < expected, "September's days at the post: {present} of {expected}");
    assert_eq!(own.items.iter().map(|t| t.village.name.as_str()).collect::<Vec<_>>(), ["张村"]);
}
