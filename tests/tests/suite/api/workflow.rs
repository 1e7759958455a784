//! Entry, exit and return through the seed's procedure: 本人申请 → 村民评议 → 区级比对 →
//! 村民代表评议并公示 → 乡镇审查 → 乡镇公示 → 区级审核公告, each step by its role with what it must
//! record; households a clerk files wait as `pending` until their entry is announced.

use chrono::NaiveDate;
use jingzhun::services::registry::poverty_lines;
use jingzhun_shared::applications::{
    ApplicationQuery, ApplicationStep, ChecklistItem, Comparison, CreateApplication, ExitChecklist, ExitVerification,
    NoticePeriod,
};
use jingzhun_shared::registry::{IncomeInput, PovertyLine};
use jingzhun_shared::{
    Api, ApplicationId, ApplicationKind, ApplicationStage, ApplicationStatus, ComparisonSource, Fen, HouseholdId,
    HouseholdStatus,
};

use crate::api::registry::{id_card, new_household, village};
use crate::helpers::TestApp;

pub(crate) fn day(d: u32) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(2020, 11, d)
}

fn date(d: u32) -> NaiveDate {
    day(d).expect("a November day")
}

pub(crate) fn on(d: u32) -> ApplicationStep {
    ApplicationStep { on: day(d), ..Default::default() }
}

/// The district's comparison on day `d`, against every source.
pub(crate) fn compared(d: u32, passed: bool) -> ApplicationStep {
    let finding = if passed { "无异常" } else { "名下登记小轿车一辆" };
    let comparison = Comparison { sources: ComparisonSource::ALL.to_vec(), passed, finding: finding.to_owned() };
    ApplicationStep { comparison: Some(comparison), ..on(d) }
}

/// Ending a notice posted on `start` and taken down on `end`, the step dated `d`.
pub(crate) fn after_notice(start: u32, end: u32, d: u32) -> ApplicationStep {
    ApplicationStep { notice: Some(NoticePeriod { start_on: date(start), end_on: date(end) }), ..on(d) }
}

/// An exit's verification on `d - 1` and the household's signature on `d`, posted on `d`.
pub(crate) fn verified(d: u32) -> ApplicationStep {
    let verification = ExitVerification {
        verified_on: date(d - 1),
        verified_by: "村两委、驻村工作队".to_owned(),
        finding: "收入来源稳定，住房饮水安全".to_owned(),
        acknowledged_on: date(d),
    };
    ApplicationStep { verification: Some(verification), ..on(d) }
}

pub(crate) fn all_met() -> ExitChecklist {
    let met = |evidence: &str| ChecklistItem { met: true, evidence: evidence.to_owned() };
    ExitChecklist {
        food: met("口粮自给，有余粮"),
        clothing: met("四季衣被齐全"),
        compulsory_education: met("子女在校就读"),
        basic_medical: met("全员参加城乡居民医保"),
        safe_housing: met("住房安全鉴定A级"),
        safe_drinking_water: met("集中供水入户"),
    }
}

/// The head of the households [`household_with_income`] files.
pub(crate) const HEAD: &str = "程德胜";

/// A household of 张村 with one member and a 2020 per-capita income of `per_capita` fen: filed
/// by the clerk and `pending` when `pending`, else registered by the district's initial load.
pub(crate) async fn household_with_income(
    app: &TestApp,
    clerk: &Api,
    n: u32,
    per_capita: i64,
    pending: bool,
) -> HouseholdId {
    poverty_lines::set_poverty_line(&app.db, 2020, Fen::new(400_000)).await.expect("line");
    let zhang = village(clerk, "张村").await;
    let mut input = new_household(zhang, HEAD, id_card(100 + n));
    let household = if pending {
        clerk.create_household(&input).await.expect("filed")
    } else {
        input.initial_load = true;
        app.login("district").await.create_household(&input).await.expect("loaded")
    };
    record_income(clerk, household.id, 2020, per_capita).await;
    household.id
}

pub(crate) async fn record_income(api: &Api, household: HouseholdId, year: i32, per_capita: i64) {
    let income = IncomeInput {
        year,
        wage_fen: Fen::new(per_capita),
        operating_fen: Fen::new(0),
        property_fen: Fen::new(0),
        transfer_fen: Fen::new(0),
        expenses_fen: Fen::new(0),
    };
    api.record_income(household, &income).await.expect("income");
}

pub(crate) fn exit(household_id: HouseholdId) -> CreateApplication {
    CreateApplication {
        household_id,
        kind: ApplicationKind::Exit,
        year: 2020,
        checklist: Some(all_met()),
        reason: None,
        on: day(1),
    }
}

fn entry(household_id: HouseholdId, kind: ApplicationKind, year: i32) -> CreateApplication {
    CreateApplication { household_id, kind, year, checklist: None, reason: None, on: day(1) }
}

/// The clerk's exit application for `household`, assessed on the 2nd, compared by the district
/// on the 3rd, verified and posted in the village on the 4th.
pub(crate) async fn exit_with_village_notice(app: &TestApp, clerk: &Api, household: HouseholdId) -> ApplicationId {
    let district = app.login("district").await;
    let id = clerk.create_application(&exit(household)).await.expect("applied").id;
    clerk.advance_application(id, &on(2)).await.expect("assessed");
    district.advance_application(id, &compared(3, true)).await.expect("compared");
    clerk.advance_application(id, &verified(4)).await.expect("posted in the village on the 4th");
    id
}

/// Takes an application that stands at the village notice (posted on the 4th) to its
/// announcement on the 19th.
async fn from_village_notice_to_announced(
    app: &TestApp,
    id: ApplicationId,
) -> jingzhun_shared::applications::ApplicationDto {
    let (township, district) = (app.login("township").await, app.login("district").await);
    township.advance_application(id, &after_notice(4, 11, 11)).await.expect("township reviewed");
    township.advance_application(id, &on(12)).await.expect("township notice");
    district.advance_application(id, &after_notice(12, 19, 19)).await.expect("announced")
}

#[tokio::test]
async fn an_exit_goes_through_the_seed_s_stages_in_order_and_the_announcement_changes_the_household() {
    let app = TestApp::spawn().await;
    let (clerk, township) = (app.login("clerk").await, app.login("township").await);
    let household = household_with_income(&app, &clerk, 1, 520_000, false).await;

    let id = exit_with_village_notice(&app, &clerk, household).await;
    let waiting =
        township.applications(&ApplicationQuery { waiting: Some(true), ..Default::default() }).await.expect("queue");
    let done = from_village_notice_to_announced(&app, id).await;

    assert_eq!(waiting.items.iter().map(|a| a.id).collect::<Vec<_>>(), [id]);
    assert_eq!(done.stage, ApplicationStage::DistrictAnnounced);
    assert_eq!(done.status, ApplicationStatus::Approved);
    let stages: Vec<_> = done.history.iter().map(|h| h.stage).collect();
    assert_eq!(
        stages,
        [
            ApplicationStage::Applied,
            ApplicationStage::VillageAssessed,
            ApplicationStage::DistrictCompared,
            ApplicationStage::VillageNotice,
            ApplicationStage::TownshipReviewed,
            ApplicationStage::TownshipNotice,
            ApplicationStage::DistrictAnnounced,
        ]
    );
    let who: Vec<_> = done.history.iter().map(|h| h.username.as_str()).collect();
    assert_eq!(who, ["clerk", "clerk", "district", "clerk", "township", "township", "district"]);
    let compared = done.history.get(2).and_then(|h| h.records.comparison.clone()).expect("the comparison");
    assert_eq!(compared.sources.len(), 5);
    assert!(done.history.get(3).and_then(|h| h.records.verification.as_ref()).is_some(), "verification kept");
    let notices: Vec<_> = done.history.iter().filter_map(|h| h.records.notice).collect();
    assert_eq!(
        notices,
        [NoticePeriod { start_on: date(4), end_on: date(11) }, NoticePeriod { start_on: date(12), end_on: date(19) }]
    );
    let card = clerk.household(household).await.expect("household");
    assert_eq!(card.status, HouseholdStatus::Exited);
    assert_eq!(card.exit_year, Some(2020));
}

#[tokio::test]
async fn a_failed_comparison_rejects_the_application_with_its_finding() {
    let app = TestApp::spawn().await;
    let (clerk, district) = (app.login("clerk").await, app.login("district").await);
    let household = household_with_income(&app, &clerk, 2, 300_000, true).await;
    let id = clerk.create_application(&entry(household, ApplicationKind::Entry, 2020)).await.expect("applied").id;
    clerk.advance_application(id, &on(2)).await.expect("assessed");

    let without = district.advance_application(id, &on(3)).await.expect_err("no comparison");
    let no_sources = ApplicationStep {
        comparison: Some(Comparison { sources: vec![], passed: true, finding: " ".to_owned() }),
        ..on(3)
    };
    let empty = district.advance_application(id, &no_sources).await.expect_err("nothing compared");
    let failed = district.advance_application(id, &compared(3, false)).await.expect("recorded");

    assert_eq!(without.status(), Some(422));
    assert!(without.api_error().is_some_and(|e| !e.field("comparison").is_empty()), "{without:?}");
    let empty = empty.api_error().expect("wire error");
    assert!(!empty.field("comparison.sources").is_empty() && !empty.field("comparison.finding").is_empty());
    assert_eq!(failed.status, ApplicationStatus::Rejected);
    let last = failed.history.last().expect("history");
    assert!(last.rejected);
    assert_eq!(last.stage, ApplicationStage::DistrictCompared);
    assert_eq!(last.note.as_deref(), Some("名下登记小轿车一辆"));
    assert_eq!(clerk.household(household).await.expect("card").status, HouseholdStatus::Pending);
}

#[tokio::test]
async fn a_notice_records_its_dates_and_stands_seven_days() {
    let app = TestApp::spawn().await;
    let (clerk, township) = (app.login("clerk").await, app.login("township").await);
    let household = household_with_income(&app, &clerk, 3, 520_000, false).await;
    let id = exit_with_village_notice(&app, &clerk, household).await;

    let undated = township.advance_application(id, &on(12)).await.expect_err("no dates");
    let six_days = township.advance_application(id, &after_notice(4, 10, 12)).await.expect_err("six days");
    let before_posting =
        township.advance_application(id, &after_notice(3, 11, 12)).await.expect_err("before the stage");
    let ends_later = township.advance_application(id, &after_notice(4, 13, 12)).await.expect_err("ends after the step");
    let seven_days = township.advance_application(id, &after_notice(4, 11, 12)).await;

    assert!(undated.api_error().is_some_and(|e| !e.field("notice").is_empty()), "{undated:?}");
    for (error, field) in
        [(six_days, "notice.end_on"), (before_posting, "notice.start_on"), (ends_later, "notice.end_on")]
    {
        assert_eq!(error.status(), Some(422));
        assert!(error.api_error().is_some_and(|e| !e.field(field).is_empty()), "{field}: {error:?}");
    }
    let moved = seven_days.expect("seven days");
    assert_eq!(moved.stage, ApplicationStage::TownshipReviewed);
}

#[tokio::test]
async fn an_exit_is_verified_and_acknowledged_before_the_village_notice() {
    let app = TestApp::spawn().await;
    let (clerk, district) = (app.login("clerk").await, app.login("district").await);
    let household = household_with_income(&app, &clerk, 4, 520_000, false).await;
    let id = clerk.create_application(&exit(household)).await.expect("applied").id;
    clerk.advance_application(id, &on(2)).await.expect("assessed");
    district.advance_application(id, &compared(3, true)).await.expect("compared");

    let unverified = clerk.advance_application(id, &on(4)).await.expect_err("no verification");
    let mut signed_later = verified(4);
    if let Some(v) = signed_later.verification.as_mut() {
        v.acknowledged_on = date(5);
        v.verified_by = String::new();
    }
    let signed_later = clerk.advance_application(id, &signed_later).await.expect_err("signed after the step");
    let posted = clerk.advance_application(id, &verified(4)).await.expect("verified");

    assert!(unverified.api_error().is_some_and(|e| !e.field("verification").is_empty()), "{unverified:?}");
    let signed_later = signed_later.api_error().expect("wire error");
    assert!(!signed_later.field("verification.acknowledged_on").is_empty());
    assert!(!signed_later.field("verification.verified_by").is_empty());
    assert_eq!(posted.stage, ApplicationStage::VillageNotice);
}

#[tokio::test]
async fn only_the_stage_s_role_takes_the_step() {
    let app = TestApp::spawn().await;
    let (clerk, township, district) =
        (app.login("clerk").await, app.login("township").await, app.login("district").await);
    let household = household_with_income(&app, &clerk, 5, 520_000, false).await;
    let id = clerk.create_application(&exit(household)).await.expect("applied").id;

    let township_too_early = township.advance_application(id, &on(2)).await.expect_err("the clerk's step");
    clerk.advance_application(id, &on(2)).await.expect("assessed");
    let clerk_compares = clerk.advance_application(id, &compared(3, true)).await.expect_err("the district's step");
    district.advance_application(id, &compared(3, true)).await.expect("compared");
    let district_posts = district.advance_application(id, &verified(4)).await.expect_err("the village's step");
    let township_applies = township.create_application(&exit(household)).await.expect_err("clerks apply");

    for error in [township_too_early, clerk_compares, district_posts, township_applies] {
        assert_eq!(error.status(), Some(403), "{error:?}");
    }
}

#[tokio::test]
async fn entry_requires_income_below_the_line() {
    let app = TestApp::spawn().await;
    let clerk = app.login("clerk").await;
    let rich = household_with_income(&app, &clerk, 6, 450_000, true).await;
    let poor = household_with_income(&app, &clerk, 7, 300_000, true).await;

    let refused = clerk.create_application(&entry(rich, ApplicationKind::Entry, 2020)).await.expect_err("above");
    let accepted = clerk.create_application(&entry(poor, ApplicationKind::Entry, 2020)).await.expect("below");

    assert_eq!(refused.status(), Some(422));
    assert!(!refused.api_error().expect("wire error").field("year").is_empty());
    assert_eq!(accepted.kind, ApplicationKind::Entry);
    assert_eq!(clerk.household(poor).await.expect("card").status, HouseholdStatus::Pending);
}

#[tokio::test]
async fn a_clerk_s_household_stays_pending_until_its_entry_is_announced() {
    let app = TestApp::spawn().await;
    let (clerk, district) = (app.login("clerk").await, app.login("district").await);
    let household = household_with_income(&app, &clerk, 8, 300_000, true).await;
    let zhang = village(&clerk, "张村").await;
    let mut registered_at_once = new_household(zhang, "程德旺", id_card(180));
    registered_at_once.initial_load = true;

    let clerk_loads = clerk.create_household(&registered_at_once).await.expect_err("initial load is the district's");
    let district_loads = district.create_household(&registered_at_once).await.expect("initial load");
    let id = clerk.create_application(&entry(household, ApplicationKind::Entry, 2020)).await.expect("applied").id;
    clerk.advance_application(id, &on(2)).await.expect("assessed");
    district.advance_application(id, &compared(3, true)).await.expect("compared");
    let before = clerk.household(household).await.expect("card").status;
    clerk.advance_application(id, &on(4)).await.expect("an entry is posted without verification");
    let done = from_village_notice_to_announced(&app, id).await;

    assert_eq!(clerk_loads.status(), Some(403));
    assert_eq!(district_loads.status, HouseholdStatus::Registered);
    assert_eq!(before, HouseholdStatus::Pending);
    assert_eq!(done.status, ApplicationStatus::Approved);
    assert_eq!(clerk.household(household).await.expect("card").status, HouseholdStatus::Registered);
}

#[tokio::test]
async fn exit_requires_income_above_the_line_and_every_item_with_its_evidence() {
    let app = TestApp::spawn().await;
    let clerk = app.login("clerk").await;
    let still_poor = household_with_income(&app, &clerk, 9, 390_000, false).await;
    let better_off = household_with_income(&app, &clerk, 10, 520_000, false).await;
    let mut gaps = exit(better_off);
    if let Some(c) = gaps.checklist.as_mut() {
        c.safe_drinking_water.met = false;
        c.basic_medical.evidence = "  ".to_owned();
    }
    let mut none = exit(better_off);
    none.checklist = None;

    let income_refused = clerk.create_application(&exit(still_poor)).await.expect_err("income");
    let gaps_refused = clerk.create_application(&gaps).await.expect_err("checklist");
    let none_refused = clerk.create_application(&none).await.expect_err("no checklist");

    assert_eq!(income_refused.status(), Some(422));
    let gaps = gaps_refused.api_error().expect("wire error");
    assert!(!gaps.field("checklist.safe_drinking_water").is_empty(), "{gaps:?}");
    assert!(!gaps.field("checklist.basic_medical").is_empty(), "{gaps:?}");
    assert!(none_refused.api_error().is_some_and(|e| !e.field("checklist").is_empty()));
    let filed = clerk.create_application(&exit(better_off)).await.expect("all met, with evidence");
    assert_eq!(filed.checklist.map(|c| c.safe_housing.evidence), Some("住房安全鉴定A级".to_owned()));
}

#[tokio::test]
async fn a_year_that_asks_for_a_stable_income_needs_the_year_before_above_its_line_too() {
    let app = TestApp::spawn().await;
    let (clerk, district) = (app.login("clerk").await, app.login("district").await);
    let household = household_with_income(&app, &clerk, 11, 520_000, false).await;
    let stable = PovertyLine { year: 2020, poverty_line_fen: Fen::new(400_000), exit_needs_previous_year: true };
    district.set_poverty_line(2020, &stable).await.expect("setting");
    district
        .set_poverty_line(
            2019,
            &PovertyLine { year: 2019, poverty_line_fen: Fen::new(380_000), exit_needs_previous_year: false },
        )
        .await
        .expect("2019 line");

    let no_2019 = clerk.create_application(&exit(household)).await.expect_err("2019 missing");
    record_income(&clerk, household, 2019, 350_000).await;
    let below_2019 = clerk.create_application(&exit(household)).await.expect_err("2019 below its line");
    record_income(&clerk, household, 2019, 390_000).await;
    let filed = clerk.create_application(&exit(household)).await;

    for error in [no_2019, below_2019] {
        assert_eq!(error.status(), Some(422));
        assert!(error.api_error().is_some_and(|e| e.field("year").iter().any(|m| m.contains("2019"))), "{error:?}");
    }
    assert!(filed.is_ok(), "stable above the line: {filed:?}");
    let settings = district.poverty_lines(&Default::default()).await.expect("settings");
    assert!(settings.items.iter().any(|s| s.year == 2020 && s.exit_needs_previous_year));
}

#[tokio::test]
async fn an_exited_household_returns_through_the_same_procedure() {
    let app = TestApp::spawn().await;
    let (clerk, district) = (app.login("clerk").await, app.login("district").await);
    let household = household_with_income(&app, &clerk, 12, 520_000, false).await;
    let id = exit_with_village_notice(&app, &clerk, household).await;
    from_village_notice_to_announced(&app, id).await;
    poverty_lines::set_poverty_line(&app.db, 2021, Fen::new(420_000)).await.expect("2021 line");
    record_income(&clerk, household, 2021, 300_000).await;

    let registered_cannot = clerk
        .create_application(&entry(
            household_with_income(&app, &clerk, 13, 300_000, false).await,
            ApplicationKind::Return,
            2020,
        ))
        .await
        .expect_err("only an exited household returns");
    let back = clerk.create_application(&entry(household, ApplicationKind::Return, 2021)).await.expect("applied");
    clerk.advance_application(back.id, &on(20)).await.expect("assessed");
    district.advance_application(back.id, &compared(21, true)).await.expect("compared");
    clerk.advance_application(back.id, &on(22)).await.expect("posted");
    let township = app.login("township").await;
    township.advance_application(back.id, &after_notice(22, 29, 29)).await.expect("reviewed");
    township.advance_application(back.id, &on(30)).await.expect("township notice");
    let dec = |d| NaiveDate::from_ymd_opt(2020, 12, d).expect("December");
    let announce = ApplicationStep {
        on: Some(dec(7)),
        notice: Some(NoticePeriod { start_on: date(30), end_on: dec(7) }),
        ..Default::default()
    };
    let done = district.advance_application(back.id, &announce).await.expect("announced");

    assert_eq!(registered_cannot.status(), Some(422));
    assert_eq!(back.kind, ApplicationKind::Return);
    assert_eq!(done.status, ApplicationStatus::Approved);
    let card = clerk.household(household).await.expect("card");
    assert_eq!(card.status, HouseholdStatus::Registered);
    assert_eq!(card.exit_year, None);
}

#[tokio::test]
async fn a_rejection_needs_a_reason_and_closes_the_application() {
    let app = TestApp::spawn().await;
    let (clerk, township) = (app.login("clerk").await, app.login("township").await);
    let household = household_with_income(&app, &clerk, 14, 520_000, false).await;
    let id = exit_with_village_notice(&app, &clerk, household).await;

    let without_reason = township.reject_application(id, &on(11)).await.expect_err("reason required");
    let reason = ApplicationStep { note: Some("收入核实不符".to_owned()), ..on(11) };
    let rejected = township.reject_application(id, &reason).await.expect("rejected");
    let after = township.advance_application(id, &after_notice(4, 11, 12)).await.expect_err("closed");

    assert_eq!(without_reason.status(), Some(422));
    assert_eq!(rejected.status, ApplicationStatus::Rejected);
    let last = rejected.history.last().expect("history");
    assert!(last.rejected);
    assert_eq!(last.note.as_deref(), Some("收入核实不符"));
    assert_eq!(after.status(), Some(409));
    assert_eq!(clerk.household(household).await.expect("card").status, HouseholdStatus::Registered);
}

#[tokio::test]
async fn the_queue_filters_by_village() {
    let app = TestApp::spawn().await;
    let (clerk, district) = (app.login("clerk").await, app.login("district").await);
    let household = household_with_income(&app, &clerk, 15, 520_000, false).await;
    clerk.create_application(&exit(household)).await.expect("applied");
    let tree = district.org_tree().await.expect("tree");
    let unit = |name: &str| tree.flatten().into_iter().find(|u| u.name == name).map(|u| u.id);

    let zhang = district
        .applications(&ApplicationQuery { org_unit_id: unit("张村"), ..Default::default() })
        .await
        .expect("张村");
    let huang = district
        .applications(&ApplicationQuery { org_unit_id: unit("篁村"), ..Default::default() })
        .await
        .expect("篁村");

    assert_eq!(zhang.total, 1);
    assert_eq!(huang.total, 0);
}
