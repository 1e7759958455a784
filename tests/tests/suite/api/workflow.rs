use chrono::NaiveDate;
use jingzhun::services::registry::poverty_lines;
use jingzhun_shared::applications::{ApplicationQuery, ApplicationStep, CreateApplication, ExitChecklist};
use jingzhun_shared::registry::IncomeInput;
use jingzhun_shared::{
    Api, ApplicationId, ApplicationKind, ApplicationStage, ApplicationStatus, Fen, HouseholdId, HouseholdStatus,
};

use crate::api::registry::{id_card, new_household, village};
use crate::helpers::TestApp;

fn day(d: u32) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(2020, 11, d)
}

fn on(d: u32) -> ApplicationStep {
    ApplicationStep { on: day(d), note: None }
}

const ALL_MET: ExitChecklist = ExitChecklist {
    food: true,
    clothing: true,
    compulsory_education: true,
    basic_medical: true,
    safe_housing: true,
    safe_drinking_water: true,
};

/// The head of the households [`household_with_income`] files.
pub(crate) const HEAD: &str = "程德胜";

/// A household of 张村 with one member and a 2020 per-capita income of `per_capita` fen.
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
    input.pending = pending;
    let household = clerk.create_household(&input).await.expect("created");
    let income = IncomeInput {
        year: 2020,
        wage_fen: Fen::new(per_capita),
        operating_fen: Fen::new(0),
        property_fen: Fen::new(0),
        transfer_fen: Fen::new(0),
        expenses_fen: Fen::new(0),
    };
    clerk.record_income(household.id, &income).await.expect("income");
    household.id
}

pub(crate) fn exit(household_id: HouseholdId) -> CreateApplication {
    CreateApplication {
        household_id,
        kind: ApplicationKind::Exit,
        year: 2020,
        checklist: Some(ALL_MET),
        reason: None,
        on: day(1),
    }
}

/// The clerk's exit application for `household`, assessed on the 2nd, its village notice posted on the 3rd.
async fn exit_with_village_notice(clerk: &Api, household: HouseholdId) -> ApplicationId {
    let id = clerk.create_application(&exit(household)).await.expect("applied").id;
    clerk.advance_application(id, &on(2)).await.expect("assessed");
    clerk.advance_application(id, &on(3)).await.expect("notice posted on the 3rd");
    id
}

#[tokio::test]
async fn an_exit_goes_through_every_stage_and_the_announcement_changes_the_household() {
    let app = TestApp::spawn().await;
    let (clerk, township, district) =
        (app.login("clerk").await, app.login("township").await, app.login("district").await);
    let household = household_with_income(&app, &clerk, 1, 520_000, false).await;

    let created = clerk.create_application(&exit(household)).await.expect("applied");
    let id = created.id;
    clerk.advance_application(id, &on(2)).await.expect("village assessed");
    clerk.advance_application(id, &on(3)).await.expect("village notice");
    let waiting =
        township.applications(&ApplicationQuery { waiting: Some(true), ..Default::default() }).await.expect("queue");
    township.advance_application(id, &on(10)).await.expect("township reviewed");
    township.advance_application(id, &on(11)).await.expect("township notice");
    district.advance_application(id, &on(18)).await.expect("district compared");
    let done = district.advance_application(id, &on(19)).await.expect("announced");

    assert_eq!(created.stage, ApplicationStage::Applied);
    assert_eq!(waiting.items.iter().map(|a| a.id).collect::<Vec<_>>(), [id]);
    assert_eq!(done.stage, ApplicationStage::DistrictAnnounced);
    assert_eq!(done.status, ApplicationStatus::Approved);
    let stages: Vec<_> = done.history.iter().map(|h| h.stage).collect();
    assert_eq!(stages, ApplicationStage::ALL);
    let who: Vec<_> = done.history.iter().map(|h| h.username.as_str()).collect();
    assert_eq!(who, ["clerk", "clerk", "clerk", "township", "township", "district", "district"]);
    assert_eq!(done.history.last().map(|h| h.on), day(19));
    let card = clerk.household(household).await.expect("household");
    assert_eq!(card.status, HouseholdStatus::Exited);
    assert_eq!(card.exit_year, Some(2020));
}

#[tokio::test]
async fn a_notice_cannot_be_left_before_seven_days() {
    let app = TestApp::spawn().await;
    let (clerk, township) = (app.login("clerk").await, app.login("township").await);
    let household = household_with_income(&app, &clerk, 2, 520_000, false).await;
    let id = exit_with_village_notice(&clerk, household).await;

    let early = township.advance_application(id, &on(9)).await.expect_err("six days");
    let in_time = township.advance_application(id, &on(10)).await;

    assert_eq!(early.status(), Some(409));
    assert_eq!(early.api_error().map(|e| e.code.as_str()), Some("notice_too_short"));
    assert!(in_time.is_ok(), "seven days later: {in_time:?}");
}

#[tokio::test]
async fn only_the_stage_s_role_takes_the_step() {
    let app = TestApp::spawn().await;
    let (clerk, township) = (app.login("clerk").await, app.login("township").await);
    let household = household_with_income(&app, &clerk, 3, 520_000, false).await;
    let id = clerk.create_application(&exit(household)).await.expect("applied").id;

    let township_too_early = township.advance_application(id, &on(2)).await.expect_err("the clerk's step");
    clerk.advance_application(id, &on(2)).await.expect("assessed");
    clerk.advance_application(id, &on(3)).await.expect("notice");
    let clerk_too_far = clerk.advance_application(id, &on(12)).await.expect_err("the township's step");
    let township_applies = township.create_application(&exit(household)).await.expect_err("clerks apply");

    assert_eq!(township_too_early.status(), Some(403));
    assert_eq!(clerk_too_far.status(), Some(403));
    assert_eq!(township_applies.status(), Some(403));
}

#[tokio::test]
async fn entry_requires_income_below_the_line() {
    let app = TestApp::spawn().await;
    let clerk = app.login("clerk").await;
    let rich = household_with_income(&app, &clerk, 4, 450_000, true).await;
    let poor = household_with_income(&app, &clerk, 5, 300_000, true).await;
    let entry = |household_id| CreateApplication {
        household_id,
        kind: ApplicationKind::Entry,
        year: 2020,
        checklist: None,
        reason: None,
        on: day(1),
    };

    let refused = clerk.create_application(&entry(rich)).await.expect_err("income above the line");
    let accepted = clerk.create_application(&entry(poor)).await.expect("income below the line");

    assert_eq!(refused.status(), Some(422));
    assert!(!refused.api_error().expect("wire error").field("year").is_empty());
    assert_eq!(accepted.kind, ApplicationKind::Entry);
    assert_eq!(clerk.household(poor).await.expect("card").status, HouseholdStatus::Pending);
}

#[tokio::test]
async fn exit_requires_the_whole_checklist_and_income_above_the_line() {
    let app = TestApp::spawn().await;
    let clerk = app.login("clerk").await;
    let still_poor = household_with_income(&app, &clerk, 6, 390_000, false).await;
    let better_off = household_with_income(&app, &clerk, 7, 520_000, false).await;
    let mut missing_water = exit(better_off);
    missing_water.checklist = Some(ExitChecklist { safe_drinking_water: false, ..ALL_MET });

    let income_refused = clerk.create_application(&exit(still_poor)).await.expect_err("income");
    let checklist_refused = clerk.create_application(&missing_water).await.expect_err("checklist");

    assert_eq!(income_refused.status(), Some(422));
    assert_eq!(checklist_refused.status(), Some(422));
    assert!(!checklist_refused.api_error().expect("wire error").field("checklist").is_empty());
}

#[tokio::test]
async fn a_rejection_needs_a_reason_and_closes_the_application() {
    let app = TestApp::spawn().await;
    let (clerk, township) = (app.login("clerk").await, app.login("township").await);
    let household = household_with_income(&app, &clerk, 8, 520_000, false).await;
    let id = exit_with_village_notice(&clerk, household).await;

    let without_reason = township.reject_application(id, &on(10)).await.expect_err("reason required");
    let rejected = township
        .reject_application(id, &ApplicationStep { on: day(10), note: Some("收入核实不符".to_owned()) })
        .await
        .expect("rejected");
    let after = township.advance_application(id, &on(11)).await.expect_err("closed");

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
    let household = household_with_income(&app, &clerk, 9, 520_000, false).await;
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
