//! PV income belongs to the village: a station's yearly income is credited to its villages,
//! and what is paid to households from it (wages, awards, dividends) never exceeds it.

use chrono::NaiveDate;
use jingzhun_shared::industry::{CreatePvDistribution, CreatePvIncome, PvIncomeQuery, PvStationDto, PvStationInput};
use jingzhun_shared::page::PageQuery;
use jingzhun_shared::{Api, Fen, HouseholdId, OrgUnitId, PvDistributionKind};
use sea_orm::{ConnectionTrait, Database, DbBackend, Statement};

use crate::api::industry::household_in;
use crate::api::races::outcome;
use crate::api::registry::villages;
use crate::helpers::{TestApp, TestDatabase};

fn day(m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2020, m, d).expect("date")
}

async fn station(api: &Api, villages: Vec<OrgUnitId>, connected: Option<NaiveDate>) -> PvStationDto {
    let input = PvStationInput {
        name: "张村光伏电站".into(),
        org_unit_id: villages[0],
        capacity_kw: 60,
        village_ids: villages,
        grid_connected_on: connected,
        version: None,
    };
    api.create_pv_station(&input).await.expect("station")
}

fn income(yuan: i64) -> CreatePvIncome {
    CreatePvIncome { year: 2020, amount_fen: Fen::from_yuan(yuan), recorded_on: day(11, 20) }
}

fn payment(household_id: HouseholdId, kind: PvDistributionKind, yuan: i64) -> CreatePvDistribution {
    CreatePvDistribution { household_id, kind, year: 2020, amount_fen: Fen::from_yuan(yuan), paid_on: day(12, 1) }
}

#[tokio::test]
async fn a_station_s_income_is_credited_to_its_villages_in_equal_parts_the_odd_fen_to_the_first() {
    let app = TestApp::spawn().await;
    let district = app.login("district").await;
    let mut three = villages(&district, ["张村", "石岗村", "东山村"]).await.to_vec();
    three.sort_by_key(|v| v.0);
    let s = station(&district, three.clone(), Some(day(5, 1))).await;
    let building = station(&district, vec![three[0]], None).await;

    let recorded = district
        .add_pv_income(s.id, &CreatePvIncome { amount_fen: Fen::new(10_000_001), ..income(0) })
        .await
        .expect("100,000.01 元");
    let again = district.add_pv_income(s.id, &income(1)).await.expect_err("once a year");
    let not_connected = district.add_pv_income(building.id, &income(1_000)).await.expect_err("not connected");
    let mut credited = Vec::new();
    for v in &three {
        let figure =
            district.village_pv_income(*v, &PvIncomeQuery { year: 2020 }).await.expect("the village's PV income");
        credited.push(figure.credited_fen.fen());
    }
    let next_year = district.village_pv_income(three[0], &PvIncomeQuery { year: 2021 }).await.expect("2021");
    let listed = district.pv_incomes(s.id, &PageQuery::default()).await.expect("incomes");
    let loaded = district.pv_station(s.id).await.expect("station");

    assert_eq!(credited, vec![3_333_334, 3_333_334, 3_333_333]);
    assert_eq!(recorded.credited.iter().map(|c| c.amount_fen.fen()).sum::<i64>(), 10_000_001);
    assert_eq!(recorded.credited.iter().map(|c| c.village.id).collect::<Vec<_>>(), three);
    assert_eq!(next_year.credited_fen, Fen::ZERO);
    assert_eq!(again.status(), Some(409));
    assert_eq!(not_connected.status(), Some(422));
    assert_eq!(listed.total, 1);
    assert_eq!(loaded.income_fen, Fen::new(10_000_001));
}

#[tokio::test]
async fn payments_of_every_kind_together_never_exceed_the_village_s_credited_income() {
    let app = TestApp::spawn().await;
    let district = app.login("district").await;
    let [zhang, other] = villages(&district, ["张村", "石岗村"]).await;
    let (a, b) = (household_in(&app, zhang, 91).await, household_in(&app, zhang, 92).await);
    let far = household_in(&app, other, 93).await;
    let s = station(&district, vec![zhang], Some(day(5, 1))).await;

    let before_income = district.add_pv_distribution(s.id, &payment(a, PvDistributionKind::Dividend, 100)).await;
    district.add_pv_income(s.id, &income(10_000)).await.expect("10,000 元 to 张村");
    district.add_pv_distribution(s.id, &payment(a, PvDistributionKind::PublicWelfareWage, 6_000)).await.expect("wage");
    district.add_pv_distribution(s.id, &payment(b, PvDistributionKind::Award, 2_500)).await.expect("award");
    let over = district.add_pv_distribution(s.id, &payment(b, PvDistributionKind::Dividend, 1_501)).await;
    let wrong_village = district.add_pv_distribution(s.id, &payment(far, PvDistributionKind::Dividend, 1)).await;
    let last = district.add_pv_distribution(s.id, &payment(b, PvDistributionKind::Dividend, 1_500)).await;
    let figure = district.village_pv_income(zhang, &PvIncomeQuery { year: 2020 }).await.expect("张村");
    let paid = district.pv_distributions(s.id, &PageQuery::default()).await.expect("payments");
    let station = district.pv_station(s.id).await.expect("station");
    let clerk = app.login("clerk").await;
    let by_clerk = clerk.add_pv_distribution(s.id, &payment(a, PvDistributionKind::Award, 1)).await;

    assert_eq!(before_income.expect_err("nothing credited yet").status(), Some(422));
    let over = over.expect_err("1,501 元 > 1,500 元 left");
    assert_eq!(over.status(), Some(422));
    let message = over.api_error().map(|e| e.field("amount_fen").join("")).unwrap_or_default();
    assert!(message.contains("1500.00"), "names what is left: {message}");
    assert_eq!(wrong_village.expect_err("石岗村 does not share").status(), Some(422));
    assert!(last.is_ok(), "exactly what is left fits");
    assert_eq!(
        (figure.credited_fen, figure.distributed_fen, figure.left_fen),
        (Fen::from_yuan(10_000), Fen::from_yuan(10_000), Fen::ZERO)
    );
    assert_eq!(paid.items[0].head_name, "汪春生", "a payment names its household");
    let kinds: Vec<_> = paid.items.iter().map(|d| d.kind).collect();
    assert_eq!(
        kinds,
        vec![PvDistributionKind::PublicWelfareWage, PvDistributionKind::Award, PvDistributionKind::Dividend]
    );
    assert_eq!((station.distributed_fen, station.distribution_households), (Fen::from_yuan(10_000), 2));
    assert_eq!(by_clerk.expect_err("a clerk does not pay").status(), Some(403));
    assert_eq!(district.delete_pv_station(s.id).await.expect_err("has income").status(), Some(409));
}

#[tokio::test]
async fn two_payments_racing_for_the_last_of_a_village_s_income_pay_it_once() {
    let app = TestApp::spawn().await;
    let district = app.login("district").await;
    let [zhang] = villages(&district, ["张村"]).await;
    let s = station(&district, vec![zhang], Some(day(5, 1))).await;
    district.add_pv_income(s.id, &income(5_000)).await.expect("5,000 元");

    for round in 0..5u32 {
        let h = household_in(&app, zhang, 400 + round).await;
        let each = payment(h, PvDistributionKind::Dividend, 1_000);
        let (first, second) =
            tokio::join!(district.add_pv_distribution(s.id, &each), district.add_pv_distribution(s.id, &each));
        let left = district.village_pv_income(zhang, &PvIncomeQuery { year: 2020 }).await.expect("张村").left_fen;

        // Rounds 0 and 1 fit both (2,000 元 each); round 2 has 1,000 元 for one; then none.
        let expected = match round {
            0 | 1 => [200, 200],
            2 => [200, 422],
            _ => [422, 422],
        };
        assert_eq!(outcome(&first, &second), expected, "round {round}");
        assert!(left >= Fen::ZERO);
    }
    let figure = district.village_pv_income(zhang, &PvIncomeQuery { year: 2020 }).await.expect("张村");
    assert_eq!(figure.distributed_fen, Fen::from_yuan(5_000));
}

/// The migration that turned dividends into distributions.
const MIGRATION: &str = "m20261129_000011_evolve_industry_income";

/// Runs every migration before `name` on `url`.
async fn migrate_to_before(db: &sea_orm::DatabaseConnection, name: &str) {
    use jingzhun_migrations::{Migrator, MigratorTrait};
    let before = Migrator::migrations().iter().position(|m| m.name() == name).expect("the migration exists");
    Migrator::up(db, Some(u32::try_from(before).expect("a few migrations"))).await.expect("migrates up to it");
}

#[tokio::test]
async fn dividends_recorded_before_distributions_existed_are_carried_over_as_dividends_and_back() {
    let database = TestDatabase::new().await;
    let db = Database::connect(database.url.as_str()).await.expect("connects");
    migrate_to_before(&db, MIGRATION).await;
    jingzhun::demo::load(&db).await.expect("the demo district");
    jingzhun::demo_registry::load(&db).await.expect("the demo registry");
    let run = |sql: &'static str| {
        let statement = Statement::from_string(db.get_database_backend(), sql.to_owned());
        let db = &db;
        async move { db.execute_raw(statement).await.expect(sql) }
    };
    // A station of the first household's village and two dividends paid in 2019 and 2020.
    run("INSERT INTO pv_station (org_unit_id, org_path, township_id, village_id, name, capacity_kw, grid_connected_on, version, created_at) \
         SELECT village_id, org_path, township_id, village_id, '老光伏电站', 60, '2019-05-01', 1, created_at FROM household ORDER BY id LIMIT 1").await;
    run("INSERT INTO pv_dividend (station_id, household_id, amount_fen, paid_on, created_at) \
         SELECT s.id, h.id, 120000, '2019-12-01', s.created_at FROM pv_station s, household h WHERE h.village_id = s.village_id ORDER BY h.id LIMIT 1").await;
    run("INSERT INTO pv_dividend (station_id, household_id, amount_fen, paid_on, created_at) \
         SELECT s.id, h.id, 90000, '2020-12-01', s.created_at FROM pv_station s, household h WHERE h.village_id = s.village_id ORDER BY h.id LIMIT 1").await;

    jingzhun::startup::connect_and_migrate(&database.url).await.expect("the rest migrates");
    let rows = db
        .query_all_raw(Statement::from_string(
            db.get_database_backend(),
            "SELECT d.kind, CAST(d.year AS TEXT), CAST(d.amount_fen AS TEXT), CAST(d.village_id = h.village_id AS TEXT) \
             FROM pv_distribution d JOIN household h ON h.id = d.household_id ORDER BY d.id"
                .to_owned(),
        ))
        .await
        .expect("the carried rows");
    let read: Vec<[String; 4]> =
        rows.iter().map(|r| std::array::from_fn(|i| r.try_get_by_index::<String>(i).expect("text"))).collect();
    let same_village = if db.get_database_backend() == DbBackend::Postgres { "true" } else { "1" };
    let carried =
        |year: &str, fen: &str| ["dividend".to_owned(), year.to_owned(), fen.to_owned(), same_village.to_owned()];

    assert_eq!(read, vec![carried("2019", "120000"), carried("2020", "90000")]);

    // And back: undoing the migration (and any after it) gives the dividends back.
    {
        use jingzhun_migrations::{Migrator, MigratorTrait};
        let all = Migrator::migrations();
        let mine = all.iter().position(|m| m.name() == MIGRATION).expect("the migration exists");
        Migrator::down(&db, Some(u32::try_from(all.len() - mine).expect("a few"))).await.expect("migrates down");
    }
    let back = db
        .query_all_raw(Statement::from_string(
            db.get_database_backend(),
            "SELECT CAST(amount_fen AS TEXT) FROM pv_dividend ORDER BY id".to_owned(),
        ))
        .await
        .expect("the dividends again");
    let back: Vec<String> = back.iter().map(|r| r.try_get_by_index::<String>(0).expect("text")).collect();
    assert_eq!(back, vec!["120000".to_owned(), "90000".to_owned()]);
}

#[tokio::test]
async fn the_demo_s_payments_stay_within_each_village_s_income_and_its_entities_drive_their_own_township() {
    let app = TestApp::spawn_full().await;
    let district = app.login("district").await;
    let all = PageQuery { per_page: Some(200), page: None };

    let stations = district.pv_stations(&Default::default()).await.expect("stations").items;
    let mut villages: Vec<OrgUnitId> = stations.iter().flat_map(|s| s.villages.iter().map(|v| v.id)).collect();
    villages.sort_by_key(|v| v.0);
    villages.dedup();
    let mut figures = Vec::new();
    for v in &villages {
        figures.push(district.village_pv_income(*v, &PvIncomeQuery { year: 2020 }).await.expect("village"));
    }
    let mut kinds = Vec::new();
    for s in &stations {
        kinds.extend(district.pv_distributions(s.id, &all).await.expect("payments").items.into_iter().map(|d| d.kind));
    }
    let summary = district
        .industry_summary(&jingzhun_shared::funds::RatesQuery { year: 2020, org_unit_id: None, as_of: None })
        .await
        .expect("summary");
    let tree = district.org_tree().await.expect("tree");
    let units = tree.flatten();
    let township_of = |unit: OrgUnitId| units.iter().find(|u| u.id == unit).and_then(|u| u.parent_id);
    let mut village_of = std::collections::HashMap::new();
    let mut page = 1;
    loop {
        let query =
            jingzhun_shared::registry::HouseholdQuery { page: Some(page), per_page: Some(200), ..Default::default() };
        let listed = district.households(&query).await.expect("households");
        village_of.extend(listed.items.iter().map(|h| (h.id, h.village.id)));
        if page * 200 >= listed.total {
            break;
        }
        page += 1;
    }
    let entities = district
        .business_entities(&jingzhun_shared::industry::BusinessEntityQuery {
            per_page: Some(200),
            ..Default::default()
        })
        .await
        .expect("entities")
        .items;

    assert_eq!(villages.len(), 31);
    assert!(figures.iter().all(|f| f.distributed_fen <= f.credited_fen), "no village pays out more than it got");
    assert_eq!(figures.iter().filter(|f| f.credited_fen > Fen::ZERO).count(), 16 + 6, "16 connected stations");
    assert!(kinds.contains(&PvDistributionKind::PublicWelfareWage) && kinds.contains(&PvDistributionKind::Award));
    assert_eq!(summary.pv_dividend_households, 185);
    assert!(summary.pv_income_fen > summary.pv_distributed_fen && summary.pv_distributed_fen > Fen::ZERO);
    assert_eq!(entities.len(), 97);
    for e in &entities {
        let own = township_of(e.org_unit.id);
        for h in &e.household_ids {
            let theirs = village_of.get(h).and_then(|v| township_of(*v));
            assert_eq!(theirs, own, "{} drives household {} of another township", e.name, h.0);
        }
    }
}
