//! Villages by year: profiles and their history, who may edit them, 贫困发生率, each exit
//! criterion, the exit through notice and announcement (the demo's villages: `villages_demo`).

use chrono::NaiveDate;
use jingzhun_shared::registry::{HouseholdQuery, OverviewQuery};
use jingzhun_shared::villages::{
    AnnounceVillageExit, CheckKind, ExitCriterion, FileVillageExit, RecordVillageCheck, RejectVillageExit,
    SaveVillageProfile, VillageExitNotice, VillageExitSetting, VillageQuery, VillageRow,
};
use jingzhun_shared::{Api, ApplicationStatus, Fen, HouseholdStatus, OrgUnitId, PageQuery};

use crate::helpers::TestApp;

pub(super) const YEAR: i32 = 2020;

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("date")
}

pub(super) async fn rows(api: &Api, year: i32) -> Vec<VillageRow> {
    let query = VillageQuery { year: Some(year), per_page: Some(200), ..Default::default() };
    api.villages(&query).await.expect("villages").items
}

pub(super) async fn village(api: &Api, name: &str) -> VillageRow {
    rows(api, YEAR).await.into_iter().find(|v| v.name == name).unwrap_or_else(|| panic!("{name} listed"))
}

fn profile(year: i32, population: i64, income_fen: i64, version: Option<i32>) -> SaveVillageProfile {
    SaveVillageProfile {
        year,
        is_poor_village: true,
        rural_population: population,
        collective_income_fen: Fen::new(income_fen),
        version,
    }
}

fn passed_check(kind: CheckKind) -> RecordVillageCheck {
    RecordVillageCheck {
        year: YEAR,
        kind,
        passed: true,
        checked_on: day(YEAR, 10, 1),
        evidence: format!("{}验收记录", kind.zh()),
    }
}

/// Records every check of 张村 for the demo year as passed.
async fn pass_every_check(admin: &Api, id: OrgUnitId) {
    for kind in CheckKind::ALL {
        admin.record_village_check(id, &passed_check(*kind)).await.expect("check recorded");
    }
}

#[tokio::test]
async fn incidence_is_the_members_of_registered_households_per_rural_population_in_basis_points() {
    let app = TestApp::spawn_full().await;
    let admin = app.login("admin").await;
    let zhang = village(&admin, "张村").await;
    let query = HouseholdQuery {
        village_id: Some(zhang.id),
        status: Some(HouseholdStatus::Registered),
        per_page: Some(200),
        ..Default::default()
    };
    let registered: u64 = admin.households(&query).await.expect("households").items.iter().map(|h| h.members).sum();

    let exists = admin.save_village_profile(zhang.id, &profile(YEAR, 1_000, 20_000_000, None)).await;
    let current = admin.village_profiles(zhang.id, &PageQuery::default()).await.expect("profiles").items;
    let version = current.iter().find(|p| p.year == YEAR).expect("2020 profile").version;
    admin.save_village_profile(zhang.id, &profile(YEAR, 1_000, 20_000_000, Some(version))).await.expect("saved");
    let after = village(&admin, "张村").await;

    assert_eq!(exists.expect_err("the year has a profile").status(), Some(409));
    assert_eq!(zhang.poor_people, registered);
    assert_eq!(after.poor_people, registered);
    assert_eq!(after.rural_population, Some(1_000));
    assert_eq!(after.incidence_bp, Some(i64::try_from(registered * 10).expect("small")));
}

#[tokio::test]
async fn an_admin_edits_a_profile_and_its_history_shows_who_when_the_old_and_the_new_values() {
    let app = TestApp::spawn().await;
    let admin = app.login("admin").await;
    let district = app.login("district").await;
    let id = village(&admin, "张村").await.id;

    let created = admin.save_village_profile(id, &profile(2021, 2_400, 6_000_000, None)).await.expect("created");
    let updated =
        district.save_village_profile(id, &profile(2021, 2_450, 7_000_000, Some(created.version))).await.expect("ok");
    let stale = admin.save_village_profile(id, &profile(2021, 2_500, 8_000_000, Some(created.version))).await;
    let history = admin.village_profile_history(id, &PageQuery::default()).await.expect("history").items;

    assert_eq!(updated.version, created.version + 1);
    assert_eq!(stale.expect_err("stale").status(), Some(409));
    assert_eq!(history.len(), 2);
    assert_eq!(history[0].username.as_deref(), Some("district"));
    assert_eq!(history[0].before.as_ref().map(|p| p.rural_population), Some(2_400));
    assert_eq!(history[0].after.collective_income_fen, Fen::new(7_000_000));
    assert_eq!((history[1].username.as_deref(), history[1].before.as_ref()), (Some("admin"), None));
    assert_eq!(history[1].year, 2021);
}

#[tokio::test]
async fn only_the_admin_and_the_district_office_edit_profiles_and_a_clerk_sees_only_their_own_village() {
    let app = TestApp::spawn().await;
    let admin = app.login("admin").await;
    let other = village(&admin, "篁村").await.id;
    let zhang = village(&admin, "张村").await.id;

    let mut refused = Vec::new();
    for name in ["township", "clerk", "auditor", "health", "enterprise"] {
        let api = app.login(name).await;
        let error = api.save_village_profile(zhang, &profile(2021, 2_000, 0, None)).await.expect_err("refused");
        refused.push(error.status());
    }
    let clerk = app.login("clerk").await;
    let own = clerk.village_profiles(zhang, &PageQuery::default()).await.expect("own village");
    let outside = clerk.village_profiles(other, &PageQuery::default()).await.expect_err("outside");

    assert!(refused.iter().all(|s| *s == Some(403)), "{refused:?}");
    assert!(own.items.iter().any(|p| p.year == YEAR));
    assert_eq!(outside.status(), Some(404));
    assert_eq!(rows(&clerk, YEAR).await.len(), 1);
}

#[tokio::test]
async fn each_exit_criterion_fails_and_passes_with_its_figure_and_threshold() {
    let app = TestApp::spawn_full().await;
    let admin = app.login("admin").await;
    let zhang = village(&admin, "张村").await;
    let year = jingzhun_shared::villages::YearQuery { year: Some(YEAR) };
    let version = admin.village_profiles(zhang.id, &PageQuery::default()).await.expect("profiles").items[0].version;

    let before = admin.village_exit_check(zhang.id, &year).await.expect("check");
    pass_every_check(&admin, zhang.id).await;
    let passing = admin.village_exit_check(zhang.id, &year).await.expect("check");
    // The collective income is the profile's and the village's PV income together.
    let pv = admin
        .village_pv_income(zhang.id, &jingzhun_shared::industry::PvIncomeQuery { year: YEAR })
        .await
        .expect("PV income")
        .credited_fen
        .fen();
    // Short of the minimum by one fen: the PV income alone, against a minimum one fen above it.
    admin.save_village_profile(zhang.id, &profile(YEAR, 1_000, 0, Some(version))).await.expect("saved");
    let setting = VillageExitSetting { year: YEAR, max_incidence_bp: 200, min_collective_income_fen: Fen::new(pv + 1) };
    admin.set_village_exit_setting(YEAR, &setting).await.expect("minimum raised");
    admin
        .record_village_check(zhang.id, &RecordVillageCheck { passed: false, ..passed_check(CheckKind::Road) })
        .await
        .expect("recorded");
    let failing = admin.village_exit_check(zhang.id, &year).await.expect("check");

    let criterion = |c: &jingzhun_shared::villages::ExitCheck, which: ExitCriterion| {
        c.criteria.iter().find(|r| r.criterion == which).cloned().expect("criterion answered")
    };
    assert!(!before.passes);
    assert!(!criterion(&before, ExitCriterion::Clinic).passed, "no clinic check recorded yet");
    assert!(criterion(&before, ExitCriterion::Broadband).passed, "the demo records broadband");
    assert!(passing.passes, "{:?}", passing.criteria);
    let incidence = criterion(&failing, ExitCriterion::Incidence);
    assert_eq!((incidence.threshold, incidence.passed), (Some(200), false));
    assert_eq!(incidence.figure, Some(i64::try_from(zhang.poor_people * 10).expect("small")));
    let income = criterion(&failing, ExitCriterion::CollectiveIncome);
    assert!(pv > 0, "the demo's 张村 has PV income");
    assert_eq!((income.figure, income.threshold, income.passed), (Some(pv), Some(pv + 1), false));
    let road = criterion(&failing, ExitCriterion::Road);
    assert_eq!((road.passed, road.check.map(|c| c.recorded_by)), (false, Some("admin".to_owned())));
    assert!(criterion(&failing, ExitCriterion::Water).passed);
    assert!(!failing.passes);
}

#[tokio::test]
async fn a_village_exit_is_refused_naming_each_failing_criterion() {
    let app = TestApp::spawn().await;
    let township = app.login("township").await;
    let id = village(&township, "张村").await.id;

    let error = township
        .file_village_exit(id, &FileVillageExit { year: YEAR, applied_on: day(YEAR, 11, 1) })
        .await
        .expect_err("checks missing");

    let body = error.api_error().expect("wire error");
    assert_eq!(error.status(), Some(422));
    for field in ["road", "water", "clinic"] {
        assert!(!body.field(field).is_empty(), "{field} named");
    }
    assert!(body.field("broadband").is_empty());
    assert!(body.field("incidence").is_empty());
    let exits = township.village_exits(id, &PageQuery::default()).await.expect("exits");
    assert_eq!(exits.total, 0);
}

#[tokio::test]
async fn a_village_exits_through_a_seven_day_notice_and_the_district_announcement() {
    let app = TestApp::spawn().await;
    let admin = app.login("admin").await;
    let township = app.login("township").await;
    let district = app.login("district").await;
    let id = village(&admin, "张村").await.id;
    pass_every_check(&admin, id).await;

    let filed = township.file_village_exit(id, &FileVillageExit { year: YEAR, applied_on: day(YEAR, 11, 1) }).await;
    let filed = filed.expect("filed");
    let twice = township.file_village_exit(id, &FileVillageExit { year: YEAR, applied_on: day(YEAR, 11, 2) }).await;
    let notice = |start: NaiveDate, end: NaiveDate, version: i32| VillageExitNotice {
        notice_start: start,
        notice_end: end,
        version,
    };
    let short = township.notice_village_exit(id, &notice(day(YEAR, 11, 3), day(YEAR, 11, 9), filed.version)).await;
    let future = township.notice_village_exit(id, &notice(day(YEAR, 11, 3), day(2999, 1, 1), filed.version)).await;
    let early = township.notice_village_exit(id, &notice(day(YEAR, 10, 3), day(YEAR, 10, 20), filed.version)).await;
    let noticed = township
        .notice_village_exit(id, &notice(day(YEAR, 11, 3), day(YEAR, 11, 10), filed.version))
        .await
        .expect("noticed");
    let by_township = township
        .announce_village_exit(id, &AnnounceVillageExit { announced_on: day(YEAR, 12, 1), version: noticed.version })
        .await;
    let too_soon = district
        .announce_village_exit(id, &AnnounceVillageExit { announced_on: day(YEAR, 11, 9), version: noticed.version })
        .await;
    let announced = district
        .announce_village_exit(id, &AnnounceVillageExit { announced_on: day(YEAR, 12, 1), version: noticed.version })
        .await
        .expect("announced");

    assert_eq!(filed.status, ApplicationStatus::InProgress);
    assert_eq!(twice.expect_err("one at a time").status(), Some(409));
    for (name, result) in [("short", short), ("future", future), ("before applied", early)] {
        assert_eq!(result.expect_err(name).status(), Some(422), "{name}");
    }
    assert_eq!(by_township.expect_err("district only").status(), Some(403));
    assert_eq!(too_soon.expect_err("before the notice ended").status(), Some(422));
    assert_eq!((announced.status, announced.announced_on), (ApplicationStatus::Approved, Some(day(YEAR, 12, 1))));
    assert_eq!(admin.org_unit(id).await.expect("village").exit_year, Some(YEAR));
    let overview = admin.registry_overview(&OverviewQuery { year: Some(YEAR) }).await.expect("overview");
    assert_eq!((overview.poor_villages, overview.exited_villages), (12, 5));
    let again = township.file_village_exit(id, &FileVillageExit { year: 2021, applied_on: day(2021, 3, 1) }).await;
    assert_eq!(again.expect_err("already exited").status(), Some(409));
}

#[tokio::test]
async fn exit_thresholds_are_set_per_year_by_the_district_office_and_change_the_check() {
    let app = TestApp::spawn().await;
    let district = app.login("district").await;
    let township = app.login("township").await;
    let id = village(&district, "张村").await.id;
    let setting =
        VillageExitSetting { year: YEAR, max_incidence_bp: 200, min_collective_income_fen: Fen::new(20_000_000) };

    let refused = township.set_village_exit_setting(YEAR, &setting).await.expect_err("403");
    let mismatched = district.set_village_exit_setting(2021, &setting).await.expect_err("422");
    district.set_village_exit_setting(YEAR, &setting).await.expect("set");
    let settings = township.village_exit_settings(&PageQuery::default()).await.expect("settings").items;
    let check = district.village_exit_check(id, &jingzhun_shared::villages::YearQuery { year: Some(YEAR) }).await;

    assert_eq!(refused.status(), Some(403));
    assert_eq!(mismatched.status(), Some(422));
    assert!(settings.contains(&setting));
    let income = check.expect("check").criteria.into_iter().find(|c| c.criterion == ExitCriterion::CollectiveIncome);
    let income = income.expect("income criterion");
    assert_eq!((income.figure, income.threshold, income.passed), (Some(10_460_000), Some(20_000_000), false));
}

#[tokio::test]
async fn a_rejected_village_exit_keeps_its_reason_and_the_village_may_file_again() {
    let app = TestApp::spawn().await;
    let admin = app.login("admin").await;
    let township = app.login("township").await;
    let id = village(&admin, "张村").await.id;
    pass_every_check(&admin, id).await;
    let filing = FileVillageExit { year: YEAR, applied_on: day(YEAR, 11, 1) };
    let filed = township.file_village_exit(id, &filing).await.expect("filed");

    let blank = RejectVillageExit { reason: " ".to_owned(), version: filed.version };
    let blank = township.reject_village_exit(id, &blank).await.expect_err("reason required");
    let reason = "道路验收资料不全".to_owned();
    let rejected = township.reject_village_exit(id, &RejectVillageExit { reason, version: filed.version }).await;
    let again = township.file_village_exit(id, &filing).await;

    assert_eq!(blank.status(), Some(422));
    let rejected = rejected.expect("rejected");
    assert_eq!((rejected.status, rejected.reason.as_deref()), (ApplicationStatus::Rejected, Some("道路验收资料不全")));
    assert_eq!(again.expect("filed again").status, ApplicationStatus::InProgress);
    assert_eq!(admin.org_unit(id).await.expect("village").exit_year, None);
}
