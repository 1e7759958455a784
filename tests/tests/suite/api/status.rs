//! A household's status with dates (the overview at the end of a year, exits by year), 预脱贫
//! and monitoring (防返贫监测), and the demo's figures of them against the seed report.

use chrono::NaiveDate;
use jingzhun::config::Config;
use jingzhun::services::registry::poverty_lines;
use jingzhun::{demo, demo_registry, startup};
use jingzhun_shared::applications::{ApplicationStep, Comparison, ExitVerification, NoticePeriod};
use jingzhun_shared::registry::{
    ClearMonitoring, HouseholdQuery, IMPORT_COLUMNS, ImportQuery, IncomeInput, OverviewQuery, RegistryOverview,
    StartMonitoring, YearExits,
};
use jingzhun_shared::{
    Api, ApplicationStage, ApplicationStatus, ComparisonSource, Fen, HouseholdCategory, HouseholdId, HouseholdStatus,
    Labour, MonitoringKind, Relation,
};

use crate::api::registry::{id_card, loaded, new_household, village};
use crate::api::workflow::exit;
use crate::helpers::{TEST_SECRET, TestApp};
use sea_orm::ConnectionTrait;

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("date")
}

/// A second server over `app`'s database whose clock says `today`, logged in as `username`.
async fn later(app: &TestApp, today: NaiveDate, username: &str) -> Api {
    let config = Config {
        bind: "127.0.0.1:0".to_owned(),
        jwt_secret: Some(TEST_SECRET.to_owned()),
        workers: 1,
        today: Some(today),
        data_dir: std::env::temp_dir(),
        ..Config::default()
    };
    let running = startup::start(&config, app.db.clone()).expect("second server starts");
    tokio::spawn(running.server);
    let api = Api::new(format!("http://127.0.0.1:{}", running.port));
    let token = api.login(username, demo::DEMO_PASSWORD).await.expect("login").token;
    api.with_token(token)
}

async fn overview(api: &Api, year: i32) -> RegistryOverview {
    api.registry_overview(&OverviewQuery { year: Some(year) }).await.expect("overview")
}

/// A 2020 income of 5,200 元 for the one-member household.
async fn income_above_the_line(app: &TestApp, api: &Api, household: HouseholdId) {
    poverty_lines::set_poverty_line(&app.db, 2020, Fen::new(400_000)).await.expect("line");
    let income = IncomeInput {
        year: 2020,
        wage_fen: Fen::new(520_000),
        operating_fen: Fen::new(0),
        property_fen: Fen::new(0),
        transfer_fen: Fen::new(0),
        expenses_fen: Fen::new(0),
    };
    api.record_income(household, &income).await.expect("income");
}

/// Takes an exit application through every stage as the admin (who may take each), a step
/// every eight days from the 1st of October 2020, until it is announced.
async fn announce_exit(admin: &Api, household: HouseholdId) {
    let mut application = exit(household);
    application.on = Some(date(2020, 10, 1));
    let mut dto = admin.create_application(&application).await.expect("applied");
    let mut on = date(2020, 10, 1);
    while dto.status == ApplicationStatus::InProgress {
        on = on + chrono::Days::new(8);
        // What each step must record, dated so that every notice stood its seven days.
        let step = ApplicationStep {
            on: Some(on),
            comparison: (dto.stage == ApplicationStage::VillageAssessed).then(|| Comparison {
                sources: ComparisonSource::ALL.to_vec(),
                passed: true,
                finding: "无异常".to_owned(),
            }),
            notice: dto.stage.is_notice().then_some(NoticePeriod { start_on: dto.stage_since, end_on: on }),
            verification: (dto.stage == ApplicationStage::DistrictCompared).then(|| ExitVerification {
                verified_on: on,
                verified_by: "村两委、驻村工作队".to_owned(),
                finding: "收入稳定".to_owned(),
                acknowledged_on: on,
            }),
            ..Default::default()
        };
        dto = admin.advance_application(dto.id, &step).await.expect("step");
    }
    assert_eq!(dto.status, ApplicationStatus::Approved);
}

#[tokio::test]
async fn a_household_exited_in_a_year_remains_at_the_end_of_the_year_before_and_is_exited_at_its_end() {
    let app = TestApp::spawn_on(date(2019, 6, 1)).await;
    let clerk = app.login("clerk").await;
    let zhang = village(&clerk, "张村").await;
    let household = app
        .login("district")
        .await
        .create_household(&loaded(new_household(zhang, "程德胜", id_card(301))))
        .await
        .expect("filed")
        .id;
    let admin = later(&app, date(2020, 12, 31), "admin").await;
    income_above_the_line(&app, &admin, household).await;

    announce_exit(&admin, household).await;
    let (end_2018, end_2019, end_2020) =
        (overview(&admin, 2018).await, overview(&admin, 2019).await, overview(&admin, 2020).await);

    assert_eq!((end_2018.households, end_2018.remaining_households), (0, 0), "not yet on file");
    assert_eq!((end_2019.remaining_households, end_2019.remaining_people, end_2019.exited_households), (1, 1, 0));
    assert_eq!((end_2020.remaining_households, end_2020.exited_households, end_2020.exited_people), (0, 1, 1));
    assert_eq!(end_2020.exits_by_year, [YearExits { year: 2020, households: 1, people: 1 }]);
    assert!(end_2019.exits_by_year.is_empty());
    let card = admin.household(household).await.expect("card");
    let steps: Vec<_> = card.status_history.iter().map(|c| (c.from, c.to, c.on.format("%Y").to_string())).collect();
    assert_eq!(
        steps,
        [
            (None, HouseholdStatus::Registered, "2019".to_owned()),
            (Some(HouseholdStatus::Registered), HouseholdStatus::Exited, "2020".to_owned())
        ]
    );
    assert!(card.status_history[1].application_id.is_some(), "the exit names its application");
}

#[tokio::test]
async fn pre_exit_counts_an_exit_application_in_progress_and_not_a_rejected_one() {
    let app = TestApp::spawn().await;
    let (clerk, admin) = (app.login("clerk").await, app.login("admin").await);
    let zhang = village(&clerk, "张村").await;
    let open = app
        .login("district")
        .await
        .create_household(&loaded(new_household(zhang, "程德胜", id_card(311))))
        .await
        .expect("filed")
        .id;
    let closed = app
        .login("district")
        .await
        .create_household(&loaded(new_household(zhang, "汪建国", id_card(312))))
        .await
        .expect("filed")
        .id;
    income_above_the_line(&app, &clerk, open).await;
    income_above_the_line(&app, &clerk, closed).await;
    clerk.create_application(&exit(open)).await.expect("applied");
    let rejected = clerk.create_application(&exit(closed)).await.expect("applied").id;

    let before = overview(&admin, 2020).await;
    let step = ApplicationStep {
        on: NaiveDate::from_ymd_opt(2020, 11, 2),
        note: Some("收入核实不实".to_owned()),
        ..Default::default()
    };
    clerk.reject_application(rejected, &step).await.expect("rejected");
    let after = overview(&admin, 2020).await;

    assert_eq!((before.pre_exit_households, before.pre_exit_people), (2, 2));
    assert_eq!((after.pre_exit_households, after.pre_exit_people), (1, 1));
}

fn start(kind: MonitoringKind) -> StartMonitoring {
    StartMonitoring { kind, since: date(2020, 3, 1), reason: "因病支出骤增".to_owned() }
}

fn monitored(kind: Option<MonitoringKind>) -> HouseholdQuery {
    HouseholdQuery { monitored: Some(true), monitoring_kind: kind, ..Default::default() }
}

#[tokio::test]
async fn a_clerk_monitors_a_household_clears_it_and_may_monitor_it_again() {
    let app = TestApp::spawn().await;
    let clerk = app.login("clerk").await;
    let zhang = village(&clerk, "张村").await;
    let household = app
        .login("district")
        .await
        .create_household(&loaded(new_household(zhang, "程德胜", id_card(321))))
        .await
        .expect("filed")
        .id;
    app.login("district")
        .await
        .create_household(&loaded(new_household(zhang, "汪建国", id_card(322))))
        .await
        .expect("filed");

    let started = clerk.start_monitoring(household, &start(MonitoringKind::Marginal)).await.expect("started");
    let twice = clerk.start_monitoring(household, &start(MonitoringKind::Unstable)).await.expect_err("already");
    let listed = clerk.households(&monitored(None)).await.expect("list");
    let of_other_kind = clerk.households(&monitored(Some(MonitoringKind::Unstable))).await.expect("list");
    let not_monitored =
        clerk.households(&HouseholdQuery { monitored: Some(false), ..Default::default() }).await.expect("list");
    let figure = overview(&clerk, 2020).await.monitored_households;
    let early = ClearMonitoring { cleared_on: date(2020, 2, 1), note: None, version: started.version };
    let too_early = clerk.clear_monitoring(household, &early).await.expect_err("before it began");
    let clear =
        ClearMonitoring {
            cleared_on: date(2020, 9, 30), note: Some("收入稳定".to_owned()), version: started.version
        };
    let cleared = clerk.clear_monitoring(household, &clear).await.expect("cleared");
    let after_clearing = clerk.households(&monitored(None)).await.expect("list").total;
    let cleared_twice = clerk.clear_monitoring(household, &clear).await.expect_err("nothing open");
    let again = clerk.start_monitoring(household, &start(MonitoringKind::Unstable)).await.expect("again");
    let stale = ClearMonitoring { version: again.version - 1, ..clear.clone() };
    let stale = clerk.clear_monitoring(household, &stale).await.expect_err("stale version");
    let card = clerk.household(household).await.expect("card");

    assert_eq!(twice.status(), Some(409));
    assert_eq!(
        listed.items.iter().map(|h| (h.id, h.monitored)).collect::<Vec<_>>(),
        [(household, Some(MonitoringKind::Marginal))]
    );
    assert_eq!(of_other_kind.total, 0);
    assert!(not_monitored.items.iter().all(|h| h.id != household && h.monitored.is_none()));
    assert_eq!(not_monitored.total, 1);
    assert_eq!(figure, 1);
    assert!(!too_early.api_error().expect("wire error").field("cleared_on").is_empty(), "{too_early:?}");
    assert_eq!((cleared.cleared_on, cleared.cleared_note.as_deref()), (Some(date(2020, 9, 30)), Some("收入稳定")));
    assert_eq!(after_clearing, 0);
    assert_eq!((cleared_twice.status(), stale.status()), (Some(404), Some(409)));
    let kinds: Vec<_> = card.monitoring.iter().map(|m| (m.kind, m.cleared_on.is_some())).collect();
    assert_eq!(kinds, [(MonitoringKind::Unstable, false), (MonitoringKind::Marginal, true)]);
    assert_eq!(overview(&clerk, 2020).await.monitored_households, 1);
}

#[tokio::test]
async fn monitoring_is_for_the_registry_s_editors_in_their_own_scope() {
    let app = TestApp::spawn().await;
    let (district, clerk, auditor, health) =
        (app.login("district").await, app.login("clerk").await, app.login("auditor").await, app.login("health").await);
    let elsewhere = village(&district, "容溪村").await;
    let other = district.create_household(&new_household(elsewhere, "洪德胜", id_card(331))).await.expect("filed").id;

    let by_auditor = auditor.start_monitoring(other, &start(MonitoringKind::Marginal)).await.expect_err("auditor");
    let by_health = health.start_monitoring(other, &start(MonitoringKind::Marginal)).await.expect_err("health");
    let out_of_scope = clerk.start_monitoring(other, &start(MonitoringKind::Marginal)).await.expect_err("scope");
    let by_district = district.start_monitoring(other, &start(MonitoringKind::Marginal)).await;
    let clear = ClearMonitoring { cleared_on: date(2020, 4, 1), note: None, version: 1 };
    let clear_out_of_scope = clerk.clear_monitoring(other, &clear).await.expect_err("scope");

    assert_eq!((by_auditor.status(), by_health.status()), (Some(403), Some(403)));
    assert_eq!((out_of_scope.status(), clear_out_of_scope.status()), (Some(404), Some(404)));
    assert!(by_district.is_ok(), "{by_district:?}");
    assert_eq!(overview(&clerk, 2020).await.monitored_households, 0, "the clerk counts their village only");
    assert_eq!(overview(&district, 2020).await.monitored_households, 1);
}

#[tokio::test]
async fn the_demo_s_exits_by_year_pre_exit_and_totals_are_the_seed_s() {
    let app = TestApp::spawn().await;
    demo_registry::load(&app.db).await.expect("demo registry");
    let district = app.login("district").await;

    let now = overview(&district, 2020).await;
    let end_2018 = overview(&district, 2018).await;

    let exits: Vec<_> = now.exits_by_year.iter().map(|e| (e.year, e.households, e.people)).collect();
    assert_eq!(exits, [(2016, 43, 147), (2017, 384, 800), (2018, 396, 860), (2019, 838, 1419)]);
    assert_eq!((now.households, now.people), (2235, 4621));
    assert_eq!((now.remaining_households, now.remaining_people), (724, 1595));
    assert_eq!((now.exited_households, now.exited_people), (1511, 3026));
    assert_eq!((now.pre_exit_households, now.pre_exit_people), (671, 1412));
    assert_eq!(now.monitored_households, 24);
    // At the end of 2018 the households that exited in 2019 (those removed since among them)
    // were still to exit; their people then were those of the seed's 1,595 + 1,419 without the
    // 9 who joined them in the August 2020 adjustment (birth, marriage) and with those who left
    // them in it — the people present on 31 December 2018.
    assert_eq!((end_2018.remaining_households, end_2018.remaining_people), (724 + 838, 1595 + 1419 - 9));
    assert_eq!(end_2018.exits_by_year.len(), 3);
}

#[tokio::test]
async fn the_demo_keeps_two_thirds_of_the_remaining_in_villages_that_are_not_poor_and_wubao_without_labour() {
    let app = TestApp::spawn().await;
    demo_registry::load(&app.db).await.expect("demo registry");
    let district = app.login("district").await;
    let tree = district.org_tree().await.expect("tree");
    let poor: Vec<_> = tree.flatten().iter().filter(|u| u.is_poor_village).map(|u| u.id).collect();

    let mut in_poor = 0;
    for page in 1..=4 {
        let query = HouseholdQuery {
            status: Some(HouseholdStatus::Registered),
            page: Some(page),
            per_page: Some(200),
            ..Default::default()
        };
        let listed = district.households(&query).await.expect("list");
        in_poor += listed.items.iter().filter(|h| poor.contains(&h.village.id)).count();
    }
    let wubao = district
        .households(&HouseholdQuery {
            status: Some(HouseholdStatus::Registered),
            category: Some(HouseholdCategory::Wubao),
            ..Default::default()
        })
        .await
        .expect("wubao");

    let share = (724 - in_poor) * 100 / 724;
    assert!((60..=72).contains(&share), "{share} % of the remaining households live in villages that are not poor");
    assert_eq!(wubao.total, 28);
    for household in wubao.items {
        let card = district.household(household.id).await.expect("card");
        for member in &card.members {
            assert!(member.labour != Labour::Full, "{} of a 五保 household is able-bodied", member.name);
            assert!(member.relation == Relation::Head || member.relation == Relation::Sibling);
        }
    }
}

#[tokio::test]
async fn the_households_on_file_before_the_history_get_theirs_from_the_migration() {
    let app = TestApp::spawn().await;
    let clerk = app.login("clerk").await;
    let zhang = village(&clerk, "张村").await;
    let stays = app
        .login("district")
        .await
        .create_household(&loaded(new_household(zhang, "程德胜", id_card(341))))
        .await
        .expect("filed")
        .id;
    let exited = app
        .login("district")
        .await
        .create_household(&loaded(new_household(zhang, "汪建国", id_card(342))))
        .await
        .expect("filed")
        .id;
    app.db
        .execute_unprepared(&format!(
            "UPDATE household SET status = 'exited', exit_year = 2019 WHERE id = {}",
            exited.0
        ))
        .await
        .expect("exited in 2019");

    // The history as the migration builds it for a registry filed before it.
    crate::helpers::migrate_again_from(&app.db, "m20261129_000008_create_status_history_monitoring").await;
    let this_year = chrono::Datelike::year(&chrono::Utc::now());
    let (end_2018, end_2019, now) =
        (overview(&clerk, 2018).await, overview(&clerk, 2019).await, overview(&clerk, this_year).await);
    let card = clerk.household(exited).await.expect("card");

    assert_eq!(end_2018.households, 0);
    assert_eq!((end_2019.exited_households, end_2019.remaining_households), (1, 0));
    assert_eq!(end_2019.exits_by_year, [YearExits { year: 2019, households: 1, people: 1 }]);
    assert_eq!((now.remaining_households, now.exited_households), (1, 1));
    let steps: Vec<_> = card.status_history.iter().map(|c| (c.to, c.on)).collect();
    assert_eq!(steps, [(HouseholdStatus::Registered, date(2019, 1, 1)), (HouseholdStatus::Exited, date(2019, 12, 31))]);
    assert_eq!(clerk.household(stays).await.expect("card").status_history.len(), 1);
}

#[tokio::test]
async fn an_imported_household_is_filed_in_the_history_on_the_importer_s_today() {
    let today = date(2020, 11, 30);
    let app = TestApp::spawn_on(today).await;
    let admin = app.login("admin").await;
    let tree = admin.org_tree().await.expect("tree");
    let code = tree.flatten().into_iter().find(|u| u.name == "张村").map(|u| u.code.clone()).expect("张村");
    let head = id_card(351);
    let file = format!("{}\n{code},{head},低保户,因病,,程春生,{head},户主,健康,普通劳动力", IMPORT_COLUMNS.join(","));
    let query = ImportQuery { format: "csv".to_owned(), commit: true, progress: None, initial_load: false };

    let report = admin.import_households(&query, file.into_bytes()).await.expect("import answers");

    assert!(report.committed, "{:?}", report.errors);
    let listed =
        admin.households(&HouseholdQuery { q: Some("程春生".into()), ..Default::default() }).await.expect("list");
    let card = admin.household(listed.items[0].id).await.expect("card");
    let history: Vec<_> = card.status_history.iter().map(|c| (c.from, c.to, c.on)).collect();
    assert_eq!(history, [(None, card.status, today)]);
}
