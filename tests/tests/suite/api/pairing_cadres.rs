//! Cadre pairing (干部包户): a cadre account reaches only its own households, visits carry the
//! checklist and a GPS point only officials see, and the month's coverage is visited ÷ paired.

use chrono::NaiveDate;
use jingzhun_shared::org::CreateUser;
use jingzhun_shared::pairing::{
    CadreInput, CadrePairingQuery, CoverageQuery, CreateCadrePairing, CreateVisit, VisitItem, VisitQuery,
};
use jingzhun_shared::{Api, CadreId, ClientError, HouseholdId, Role};

use crate::api::registry::{id_card, loaded, new_household, villages};
use crate::helpers::TestApp;

pub(super) fn day(month: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2020, month, d).expect("date")
}

pub(super) fn status<T: std::fmt::Debug>(result: Result<T, ClientError>) -> Option<u16> {
    result.expect_err("refused").status()
}

/// Three households (two of 张村, one of 呈阳村); cadre 王 responsible for the first, cadre 李
/// for the other two; and 王's account.
pub struct Paired {
    pub households: [HouseholdId; 3],
    pub cadres: [CadreId; 2],
    pub wang: Api,
}

pub async fn paired(app: &TestApp) -> Paired {
    let admin = app.login("admin").await;
    let district = app.login("district").await;
    let [zhang, far] = villages(&admin, ["张村", "呈阳村"]).await;
    let mut households = Vec::new();
    for (n, (village, head)) in [(zhang, "汪春"), (zhang, "程秋"), (far, "方冬")].into_iter().enumerate() {
        let input = loaded(new_household(village, head, id_card(810 + n as u32)));
        households.push(admin.create_household(&input).await.expect("loaded").id);
    }
    let mut cadres = Vec::new();
    for (name, unit) in [("王建国", "区财政局"), ("李海燕", "区教育局")] {
        let input = CadreInput { name: name.to_owned(), unit: unit.to_owned(), phone: "13955000001".to_owned() };
        cadres.push(district.create_cadre(&input).await.expect("cadre").id);
    }
    for (household, cadre) in households.iter().zip([cadres[0], cadres[1], cadres[1]]) {
        let input = CreateCadrePairing { cadre_id: cadre, household_id: *household, since: day(1, 1) };
        district.create_cadre_pairing(&input).await.expect("paired");
    }
    let account = CreateUser {
        username: "wang".to_owned(),
        password: jingzhun::demo::DEMO_PASSWORD.to_owned(),
        display_name: None,
        role: Role::Cadre,
        org_unit_id: admin.org_tree().await.expect("tree").unit.id,
        enterprise_id: None,
        cadre_id: Some(cadres[0]),
    };
    admin.create_user(&account).await.expect("account");
    let wang = app.login("wang").await;
    Paired { households: households.try_into().expect("three"), cadres: cadres.try_into().expect("two"), wang }
}

pub fn visit(household: HouseholdId, date: NaiveDate) -> CreateVisit {
    CreateVisit {
        household_id: household,
        cadre_id: None,
        date,
        items: vec![VisitItem::PolicyPublicity, VisitItem::IncomeCheck],
        note: None,
        problems: Some("屋顶漏雨".to_owned()),
        latitude: Some(29.71),
        longitude: Some(118.33),
    }
}

#[tokio::test]
async fn a_cadre_reaches_only_its_own_households_and_its_gps_point_is_for_officials() {
    let app = TestApp::spawn().await;
    let p = paired(&app).await;

    let own = p.wang.cadre_pairings(&CadrePairingQuery::default()).await.expect("own households");
    let recorded = p.wang.create_visit(&visit(p.households[0], day(6, 3))).await.expect("visited");
    let someone_elses = p.wang.create_visit(&visit(p.households[1], day(6, 3))).await;
    let registry = p.wang.households(&Default::default()).await;
    let seen_by_wang = p.wang.visits(&VisitQuery::default()).await.expect("visits");
    let seen_by_district = app.login("district").await.visits(&VisitQuery::default()).await.expect("visits");
    let cadres = p.wang.cadres(&Default::default()).await.expect("cadres");

    assert_eq!(
        own.items.iter().map(|h| (h.household_id, h.head_name.as_str())).collect::<Vec<_>>(),
        [(p.households[0], "汪春")]
    );
    assert_eq!(recorded.cadre_id, p.cadres[0]);
    assert_eq!(recorded.items, [VisitItem::PolicyPublicity, VisitItem::IncomeCheck]);
    assert_eq!(status(someone_elses), Some(404));
    assert_eq!(status(registry), Some(403), "a cadre reads its households here, not the registry");
    assert_eq!(seen_by_wang.items.len(), 1);
    assert_eq!((seen_by_wang.items[0].latitude, seen_by_wang.items[0].longitude), (None, None));
    assert_eq!(seen_by_district.items[0].latitude, Some(29.71), "officials see the point");
    assert_eq!(cadres.items.iter().map(|c| c.id).collect::<Vec<_>>(), [p.cadres[0]]);
    assert_eq!(cadres.items[0].phone, None, "a cadre is no official: no phones");
}

#[tokio::test]
async fn a_replaced_cadre_keeps_its_own_visits_but_reads_none_of_its_successor_s() {
    let app = TestApp::spawn().await;
    let p = paired(&app).await;
    let district = app.login("district").await;
    let before = p.wang.create_visit(&visit(p.households[0], day(6, 3))).await.expect("wang visits");
    let handover = CreateCadrePairing { cadre_id: p.cadres[1], household_id: p.households[0], since: day(7, 1) };
    district.create_cadre_pairing(&handover).await.expect("李 takes over");
    let mut by_li = visit(p.households[0], day(7, 5));
    by_li.cadre_id = Some(p.cadres[1]);
    let after = district.create_visit(&by_li).await.expect("the clerk records 李's visit");

    let seen = p.wang.visits(&VisitQuery::default()).await.expect("visits");
    let ids: Vec<_> = seen.items.iter().map(|v| v.id).collect();

    assert_eq!(ids, [before.id], "not {:?}", after.id);
}

#[tokio::test]
async fn the_coverage_of_a_hand_built_month_is_visited_over_paired_and_a_visit_takes_a_household_off_the_list() {
    let app = TestApp::spawn().await;
    let p = paired(&app).await;
    let clerk = app.login("clerk").await;
    let admin = app.login("admin").await;
    clerk.create_visit(&visit(p.households[0], day(6, 5))).await.expect("the clerk records it for 王");
    admin.create_visit(&visit(p.households[2], day(6, 20))).await.expect("visited in June");
    admin.create_visit(&visit(p.households[1], day(5, 28))).await.expect("visited in May");
    let june = || CoverageQuery { month: Some("2020-06".to_owned()), org_unit: None };

    let district = app.login("district").await.visit_coverage(&june()).await.expect("coverage");
    let before = clerk.visit_coverage(&june()).await.expect("the clerk's village");
    clerk.create_visit(&visit(p.households[1], day(6, 30))).await.expect("visited");
    let after = clerk.visit_coverage(&june()).await.expect("again");
    let bad_month = clerk.visit_coverage(&CoverageQuery { month: Some("June".to_owned()), org_unit: None }).await;

    assert_eq!((district.total.paired, district.total.visited, district.total.rate_bp), (3, 2, 6_666));
    let villages: Vec<_> =
        district.per_village.iter().map(|l| (l.name.as_str(), l.coverage.paired, l.coverage.visited)).collect();
    assert_eq!(villages, [("呈阳村", 1, 1), ("张村", 2, 1)]);
    let units: Vec<_> = district.per_unit.iter().map(|l| (l.name.as_str(), l.coverage.rate_bp)).collect();
    assert_eq!(units, [("区教育局", 5_000), ("区财政局", 10_000)]);
    assert_eq!(before.not_visited.iter().map(|h| h.head_name.as_str()).collect::<Vec<_>>(), ["程秋"]);
    assert_eq!(before.not_visited[0].cadre_name, "李海燕");
    assert!(after.not_visited.is_empty());
    assert_eq!(after.total.rate_bp, 10_000);
    assert_eq!(status(bad_month), Some(422));
}
