//! Rectification (问题整改): the status flow step by step with the district's approval and
//! evidence, reopening, overdue problems on a set clock, scope by role, and the demo
//! campaign's counts (also as of a past date) computed through the API.

use chrono::NaiveDate;
use jingzhun_shared::attachments::{AttachmentTarget, RecordType};
use jingzhun_shared::org::AuditQuery;
use jingzhun_shared::oversight::{
    AccountabilityInput, AccountabilityKind, AccountabilityQuery, BoardQuery, CloseProblem, InspectionInput,
    InspectionQuery, InspectionSource, MeasureDone, MeasureInput, OversightFiguresQuery, ProblemAction,
    ProblemCategory, ProblemDto, ProblemInput, ProblemQuery, ProblemStatus, ReopenProblem, SubmitProblem,
};
use jingzhun_shared::{Api, OrgUnitId};

use crate::api::registry::village;
use crate::helpers::TestApp;

fn date(month: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2020, month, day).expect("a 2020 day")
}

fn status<T: std::fmt::Debug>(result: Result<T, jingzhun_shared::ClientError>) -> Option<u16> {
    result.expect_err("refused").status()
}

/// A district official's new problem in `unit`, due `deadline`, of a new unannounced visit.
async fn problem_in(district: &Api, unit: OrgUnitId, deadline: NaiveDate) -> ProblemDto {
    let visit = InspectionInput {
        source: InspectionSource::UnannouncedVisit,
        name: "区委随机暗访".to_owned(),
        received_on: date(8, 1),
    };
    let inspection = district.create_inspection(&visit).await.expect("inspection");
    let input = ProblemInput {
        inspection_id: inspection.id,
        description: "贫困户危房改造后缺口资金未兜底".to_owned(),
        category: ProblemCategory::Housing,
        org_unit_id: unit,
        household_id: None,
        responsible_units: "区住建局、东山镇".to_owned(),
        leader: "汪副区长".to_owned(),
        deadline,
    };
    district.create_problem(&input).await.expect("problem")
}

fn measure(text: &str) -> MeasureInput {
    MeasureInput { description: text.to_owned(), due: date(9, 20) }
}

fn evidence(text: &str) -> CloseProblem {
    CloseProblem { note: None, evidence: text.to_owned() }
}

/// A photo of the rectification hung on problem `id` as its evidence.
async fn attach_evidence(api: &Api, id: i64) {
    attach_photo(api, id, [30, 140, 60]).await;
}

/// A photo of one colour hung on problem `id`: another colour is another file.
async fn attach_photo(api: &Api, id: i64, colour: [u8; 3]) {
    let image = image::RgbImage::from_pixel(8, 8, image::Rgb(colour));
    let mut png = Vec::new();
    image.write_to(&mut std::io::Cursor::new(&mut png), image::ImageFormat::Png).expect("png");
    let target = AttachmentTarget { record_type: RecordType::Problem, record_id: id };
    api.upload_attachment(&target, "整改照片.png", png).await.expect("evidence attached");
}

#[tokio::test]
async fn a_problem_is_closed_only_after_measures_and_submission_by_the_district_with_evidence() {
    let app = TestApp::spawn_on(date(9, 30)).await;
    let (district, clerk) = (app.login("district").await, app.login("clerk").await);
    let zhang = village(&clerk, "张村").await;
    let problem = problem_in(&district, zhang, date(9, 20)).await;

    let early = status(clerk.submit_problem(problem.id, &SubmitProblem::default()).await);
    let first = clerk.add_measure(problem.id, &measure("逐户核查危房改造缺口")).await.expect("measure");
    let too_soon = status(district.close_problem(problem.id, &evidence("核查台账")).await);
    clerk.submit_problem(problem.id, &SubmitProblem { note: Some("已整改".to_owned()) }).await.expect("submitted");
    let by_clerk = status(clerk.close_problem(problem.id, &evidence("核查台账")).await);
    let blank = district.close_problem(problem.id, &evidence("  ")).await.expect_err("no evidence");
    let none_done = district.close_problem(problem.id, &evidence("核查台账")).await.expect_err("no measure done");
    clerk.measure_done(first.id, &MeasureDone { done_on: date(9, 30) }).await.expect("done");
    let no_file = district.close_problem(problem.id, &evidence("核查台账")).await.expect_err("no evidence file");
    attach_evidence(&clerk, problem.id).await;
    let closed = district.close_problem(problem.id, &evidence("缺口资金拨付凭证与核查台账")).await.expect("closed");

    assert_eq!(problem.status, ProblemStatus::Open);
    assert_eq!(problem.days_overdue, Some(10));
    assert_eq!((early, too_soon, by_clerk), (Some(409), Some(409), Some(403)));
    assert_eq!(blank.status(), Some(422));
    assert!(!blank.api_error().expect("wire error").field("evidence").is_empty());
    assert_eq!(none_done.status(), Some(422));
    assert_eq!(no_file.status(), Some(422));
    assert!(!no_file.api_error().expect("wire error").field("evidence").is_empty());
    assert_eq!(closed.problem.status, ProblemStatus::Closed);
    assert_eq!(closed.problem.days_overdue, None);
    let actions: Vec<_> = closed.history.iter().map(|s| s.action).collect();
    let expected =
        [ProblemAction::Created, ProblemAction::MeasureAdded, ProblemAction::Submitted, ProblemAction::Closed];
    assert_eq!(actions, expected);
    assert_eq!(closed.history.last().and_then(|s| s.evidence.as_deref()), Some("缺口资金拨付凭证与核查台账"));
    assert!(closed.history.iter().all(|s| s.on == date(9, 30)));
}

#[tokio::test]
async fn a_closed_problem_is_reopened_only_with_a_reason_and_rectified_again() {
    let app = TestApp::spawn_on(date(9, 30)).await;
    let (district, clerk) = (app.login("district").await, app.login("clerk").await);
    let problem = problem_in(&district, village(&clerk, "张村").await, date(10, 20)).await;
    let m = clerk.add_measure(problem.id, &measure("补齐档案")).await.expect("measure");
    clerk.measure_done(m.id, &MeasureDone { done_on: date(9, 30) }).await.expect("done");
    clerk.submit_problem(problem.id, &SubmitProblem::default()).await.expect("submitted");
    attach_evidence(&clerk, problem.id).await;
    district.close_problem(problem.id, &evidence("档案目录")).await.expect("closed");

    let locked = status(clerk.measure_done(m.id, &MeasureDone { done_on: date(9, 30) }).await);
    let no_reason = status(district.reopen_problem(problem.id, &ReopenProblem { reason: String::new() }).await);
    let by_clerk = status(clerk.reopen_problem(problem.id, &ReopenProblem { reason: "复核不实".to_owned() }).await);
    let reopened = district
        .reopen_problem(problem.id, &ReopenProblem { reason: "复核发现档案不全".to_owned() })
        .await
        .expect("ok");
    let straight_back = status(clerk.submit_problem(problem.id, &SubmitProblem::default()).await);
    clerk.add_measure(problem.id, &measure("重新补齐档案")).await.expect("a new measure");
    let again = clerk.problem(problem.id).await.expect("read");

    assert_eq!((locked, no_reason, by_clerk, straight_back), (Some(409), Some(422), Some(403), Some(409)));
    assert_eq!(reopened.problem.status, ProblemStatus::Reopened);
    assert_eq!(reopened.history.last().and_then(|s| s.note.as_deref()), Some("复核发现档案不全"));
    assert_eq!(again.problem.status, ProblemStatus::Rectifying);
    assert_eq!((again.problem.measures, again.problem.measures_done), (2, 1));
}

#[tokio::test]
async fn a_reopened_problem_closes_only_on_a_measure_done_and_evidence_uploaded_after_the_reopen() {
    let app = TestApp::spawn_on(date(9, 30)).await;
    let (district, clerk) = (app.login("district").await, app.login("clerk").await);
    let problem = problem_in(&district, village(&clerk, "张村").await, date(10, 20)).await;
    let old = clerk.add_measure(problem.id, &measure("补齐档案")).await.expect("measure");
    clerk.measure_done(old.id, &MeasureDone { done_on: date(9, 30) }).await.expect("done");
    clerk.submit_problem(problem.id, &SubmitProblem::default()).await.expect("submitted");
    attach_evidence(&clerk, problem.id).await;
    district.close_problem(problem.id, &evidence("档案目录")).await.expect("closed");
    let reason = ReopenProblem { reason: "复核发现档案不全".to_owned() };
    district.reopen_problem(problem.id, &reason).await.expect("reopened");

    let new = clerk.add_measure(problem.id, &measure("重新补齐档案")).await.expect("a new measure");
    clerk.submit_problem(problem.id, &SubmitProblem::default()).await.expect("submitted again");
    let on_old_measure = district.close_problem(problem.id, &evidence("档案目录")).await.expect_err("old measure");
    clerk.measure_done(new.id, &MeasureDone { done_on: date(9, 30) }).await.expect("done");
    attach_evidence(&clerk, problem.id).await;
    let on_old_file = district.close_problem(problem.id, &evidence("档案目录")).await.expect_err("old evidence");
    attach_photo(&clerk, problem.id, [200, 40, 40]).await;
    let closed = district.close_problem(problem.id, &evidence("补齐后的档案目录")).await.expect("closed again");

    for refused in [&on_old_measure, &on_old_file] {
        assert_eq!(refused.status(), Some(422));
        assert!(refused.api_error().expect("wire error").field("evidence").iter().any(|m| m.contains("退回后")));
    }
    assert_eq!(closed.problem.status, ProblemStatus::Closed);
    assert_eq!((closed.problem.measures, closed.problem.measures_done), (2, 2));
}

/// A server on 30 September of the demo year with the demo campaign loaded.
async fn campaign_on(day: NaiveDate) -> TestApp {
    let app = TestApp::spawn_on(day).await;
    jingzhun::demo_oversight::load(&app.db).await.expect("demo rectification loads");
    app
}

#[tokio::test]
async fn overdue_problems_come_first_for_the_district_and_leave_the_list_once_closed() {
    let app = campaign_on(date(9, 30)).await;
    let district = app.login("district").await;
    let overdue = ProblemQuery { overdue: Some(true), ..Default::default() };

    let all = district.problems(&ProblemQuery { per_page: Some(5), ..Default::default() }).await.expect("list");
    let before = district.problems(&overdue).await.expect("overdue");
    let submitted = before.items.iter().find(|p| p.status == ProblemStatus::Submitted).expect("a submitted one");
    attach_evidence(&district, submitted.id).await;
    district.close_problem(submitted.id, &evidence("督查整改报告")).await.expect("closed");
    let after = district.problems(&overdue).await.expect("overdue");
    let board = district.rectification_board(&BoardQuery::default()).await.expect("board");

    let days: Vec<_> = all.items.iter().map(|p| p.days_overdue).collect();
    assert_eq!(days, [Some(15), Some(15), Some(5), None, None]);
    assert_eq!(all.total, 64);
    assert_eq!(before.total, 3);
    assert_eq!(after.total, 2);
    assert!(after.items.iter().all(|p| p.id != submitted.id));
    assert_eq!((board.total.open, board.total.overdue, board.total.closed), (7, 2, 57));
    let dongshan = board.by_unit.iter().find(|u| u.name == "东山镇").expect("东山镇");
    assert_eq!(dongshan.counts.overdue, 2);
    let sources: u64 = board.by_source.iter().map(|s| s.counts.open + s.counts.closed).sum();
    assert_eq!(sources, 64);
}

#[tokio::test]
async fn the_demo_campaign_has_the_seed_s_counts_now_and_as_of_a_past_date() {
    let app = campaign_on(date(9, 30)).await;
    let district = app.login("district").await;
    let figures = |as_of| OversightFiguresQuery { year: 2020, as_of, org_unit_id: None };

    let now = district.oversight_figures(&figures(None)).await.expect("figures");
    let july = district.oversight_figures(&figures(Some(date(7, 18)))).await.expect("figures of 18 July");
    let inspections = district.inspections(&InspectionQuery::default()).await.expect("inspections");
    let campaign = inspections.items.iter().find(|i| i.name.contains("专项整改行动")).expect("the campaign");
    let problems = ProblemQuery { inspection_id: Some(campaign.id), per_page: Some(50), ..Default::default() };
    let problems = district.problems(&problems).await.expect("its problems");
    let talks = district.accountability(&AccountabilityQuery::default()).await.expect("accountability");
    let zhang = village(&district, "张村").await;
    let in_zhang = OversightFiguresQuery { org_unit_id: Some(zhang), ..figures(None) };
    let in_zhang = district.oversight_figures(&in_zhang).await.expect("张村's figures");

    assert_eq!((now.inspections, now.problems, now.measures, now.measures_done), (9, 64, 140, 134));
    assert_eq!((now.closed, now.overdue, now.close_rate_bp), (56, 3, 8_750));
    assert_eq!((july.inspections, july.problems, july.closed, july.overdue, july.close_rate_bp), (5, 48, 23, 2, 4_792));
    assert_eq!((campaign.problems, campaign.closed), (20, 20));
    let categories: std::collections::HashSet<_> = problems.items.iter().map(|p| p.category).collect();
    assert_eq!(categories.len(), 13);
    assert_eq!(problems.items.iter().map(|p| p.measures).sum::<u64>(), 60);
    assert_eq!(talks.total, 11);
    assert_eq!((in_zhang.overdue, in_zhang.closed + in_zhang.overdue < in_zhang.problems), (3, true));
    assert!(in_zhang.inspections < now.inspections);
}

#[tokio::test]
async fn townships_and_clerks_see_their_subtree_and_others_are_refused() {
    let app = campaign_on(date(9, 30)).await;
    let (district, township, clerk) =
        (app.login("district").await, app.login("township").await, app.login("clerk").await);
    let all = ProblemQuery { per_page: Some(200), ..Default::default() };

    let everything = district.problems(&all).await.expect("district list");
    let theirs = township.problems(&all).await.expect("township list");
    let own = clerk.problems(&all).await.expect("clerk list");
    let elsewhere = everything.items.iter().find(|p| !theirs.items.iter().any(|t| t.id == p.id)).expect("outside");
    let hidden = status(clerk.problem(elsewhere.id).await);
    let no_measure = status(township.add_measure(elsewhere.id, &measure("越权")).await);
    let mut refused = Vec::new();
    for name in ["enterprise", "cadre", "health"] {
        refused.push(status(app.login(name).await.problems(&ProblemQuery::default()).await));
    }
    let auditor = app.login("auditor").await;
    let audited = auditor.problems(&ProblemQuery::default()).await.expect("auditor reads");
    let talks = auditor.accountability(&AccountabilityQuery::default()).await.expect("auditor reads talks");
    let by_auditor = status(auditor.add_measure(elsewhere.id, &measure("只读")).await);

    assert!(own.total > 0 && own.total < theirs.total && theirs.total < everything.total);
    assert!(own.items.iter().all(|p| p.org_unit_name == "张村"));
    assert_eq!((hidden, no_measure, by_auditor), (Some(404), Some(404), Some(403)));
    assert_eq!(refused, [Some(403), Some(403), Some(403)]);
    assert_eq!(audited.total, 64);
    assert!(talks.items.iter().all(|t| t.person.ends_with("**") && t.person.chars().count() == 3));
    let all_talks = AccountabilityQuery { per_page: Some(200), ..Default::default() };
    let district_talks = district.accountability(&all_talks).await.expect("district reads talks");
    let township_talks = township.accountability(&all_talks).await.expect("township reads talks");
    assert!(township_talks.total < district_talks.total, "{} < {}", township_talks.total, district_talks.total);
    assert!(
        township_talks.items.iter().all(|t| t.problem_id.is_some_and(|p| theirs.items.iter().any(|q| q.id == p))),
        "a township reads only talks about its own problems"
    );
}

#[tokio::test]
async fn a_township_lists_only_inspections_with_problems_in_its_township_counting_only_those() {
    let app = campaign_on(date(9, 30)).await;
    let (district, township, clerk) =
        (app.login("district").await, app.login("township").await, app.login("clerk").await);
    let tree = district.org_tree().await.expect("tree");
    let elsewhere = tree.children.iter().find(|t| t.unit.name != "东山镇").expect("another township");
    let theirs = problem_in(&district, elsewhere.unit.id, date(10, 30)).await;
    let all = InspectionQuery { per_page: Some(100), ..Default::default() };

    let for_district = district.inspections(&all).await.expect("district reads");
    let for_township = township.inspections(&all).await.expect("township reads");
    let for_clerk = clerk.inspections(&all).await.expect("clerk reads");
    let problems = ProblemQuery { per_page: Some(200), ..Default::default() };
    let township_problems = township.problems(&problems).await.expect("township's problems");

    assert!(for_district.items.iter().any(|i| i.id == theirs.inspection_id));
    assert!(!for_township.items.iter().any(|i| i.id == theirs.inspection_id));
    assert!(for_township.total > 0 && for_township.total < for_district.total);
    assert!(for_clerk.total > 0 && for_clerk.total <= for_township.total);
    for i in &for_township.items {
        let own = township_problems.items.iter().filter(|p| p.inspection_id == i.id).count() as u64;
        assert_eq!(i.problems, own, "{} counts the township's problems only", i.name);
    }
    let counted: u64 = for_township.items.iter().map(|i| i.problems).sum();
    assert_eq!(counted, township_problems.total);
}

#[tokio::test]
async fn the_rectification_migration_goes_down_and_up_again() {
    let app = TestApp::spawn().await;
    let name = "m20261201_000024_create_rectification";
    use sea_orm::{ConnectionTrait, Statement};
    let count = async |db: &sea_orm::DatabaseConnection| {
        let backend = db.get_database_backend();
        db.query_one_raw(Statement::from_string(backend, "SELECT COUNT(*) AS n FROM problem_step")).await.is_ok()
    };

    crate::helpers::undo_from(&app.db, name).await;
    let gone = !count(&app.db).await;
    crate::helpers::migrate_again_from(&app.db, name).await;
    let back = count(&app.db).await;

    assert!(gone && back);
}

#[tokio::test]
async fn the_auditor_sees_only_the_surname_of_a_cadre_talked_to_in_the_list_and_in_the_trail() {
    let app = TestApp::spawn_on(date(9, 30)).await;
    let district = app.login("district").await;
    let talk = AccountabilityInput {
        person: "汪建国".to_owned(),
        unit: "东山镇扶贫工作站".to_owned(),
        on: date(9, 28),
        kind: AccountabilityKind::Talk,
        reason: "整改工作落实不力".to_owned(),
        problem_id: None,
    };
    let recorded = district.create_accountability(&talk).await.expect("recorded");
    let auditor = app.login("auditor").await;

    let listed = auditor.accountability(&AccountabilityQuery::default()).await.expect("list");
    let query = AuditQuery { entity: Some("accountability".to_owned()), ..Default::default() };
    let trail = auditor.audit_events(&query).await.expect("trail");
    let by_district = district.accountability(&AccountabilityQuery::default()).await.expect("list");

    assert_eq!(recorded.person, "汪建国");
    assert_eq!(by_district.items[0].person, "汪建国");
    assert_eq!(listed.items[0].person, "汪**");
    assert_eq!(trail.items[0].after.as_ref().map(|a| a["person"].clone()), Some(serde_json::json!("汪**")));
}
