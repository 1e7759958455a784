//! Work teams (驻村工作队): a member marks its own day at the post once, never after today; a
//! team outside the caller's scope is 404; leave is decided once by an official; and the
//! month's rate is days present over working days up to today less approved leave.

use chrono::NaiveDate;
use jingzhun_shared::org::CreateUser;
use jingzhun_shared::pairing::{
    AddTeamMember, AskLeave, AttendanceQuery, CadreInput, CreateTeamLog, CreateWorkTeam, DecideLeave, LeaveQuery,
    LeaveStatus, MarkAttendance, TeamLogQuery, TeamRateQuery, WorkTeamQuery,
};
use jingzhun_shared::{Api, CadreId, Role, WorkTeamId};

use crate::api::pairing_cadres::{day, status};
use crate::api::registry::villages;
use crate::helpers::TestApp;

/// 张村's team with 王 (leader, from June 1st) and 李 (from June 8th), 呈阳村's team with 赵;
/// and 王's account.
struct Teams {
    zhang: WorkTeamId,
    far: WorkTeamId,
    cadres: [CadreId; 3],
    wang: Api,
}

async fn teams(app: &TestApp) -> Teams {
    let admin = app.login("admin").await;
    let district = app.login("district").await;
    let [zhang, far] = villages(&admin, ["张村", "呈阳村"]).await;
    let mut cadres = Vec::new();
    for (name, unit) in [("王建国", "区财政局"), ("李海燕", "区教育局"), ("赵明", "区水利局")] {
        let input = CadreInput { name: name.to_owned(), unit: unit.to_owned(), phone: String::new() };
        cadres.push(district.create_cadre(&input).await.expect("cadre").id);
    }
    let team = |village| CreateWorkTeam { village_id: village, since: day(6, 1) };
    let zhang_team = district.create_work_team(&team(zhang)).await.expect("team").id;
    let far_team = district.create_work_team(&team(far)).await.expect("team").id;
    for (team, cadre, leader, since) in [
        (zhang_team, cadres[0], true, day(6, 1)),
        (zhang_team, cadres[1], false, day(6, 8)),
        (far_team, cadres[2], true, day(6, 1)),
    ] {
        district.add_team_member(team, &AddTeamMember { cadre_id: cadre, leader, since }).await.expect("member");
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
    Teams { zhang: zhang_team, far: far_team, cadres: cadres.try_into().expect("three"), wang }
}

fn on(date: NaiveDate) -> MarkAttendance {
    MarkAttendance { cadre_id: None, date }
}

fn leave(cadre: Option<CadreId>, from: NaiveDate, to: NaiveDate) -> AskLeave {
    AskLeave { cadre_id: cadre, from, to, reason: "回单位述职".to_owned() }
}

#[tokio::test]
async fn a_member_marks_its_day_once_never_after_today_and_other_teams_are_out_of_reach() {
    let app = TestApp::spawn_on(day(6, 17)).await;
    let t = teams(&app).await;
    let clerk = app.login("clerk").await;

    let marked = t.wang.mark_attendance(t.zhang, &on(day(6, 17))).await.expect("marked");
    let twice = t.wang.mark_attendance(t.zhang, &on(day(6, 17))).await;
    let tomorrow = t.wang.mark_attendance(t.zhang, &on(day(6, 18))).await;
    let back_dated = t.wang.mark_attendance(t.zhang, &on(day(6, 15))).await;
    let from_the_sheet = clerk
        .mark_attendance(t.zhang, &MarkAttendance { cadre_id: Some(t.cadres[0]), date: day(6, 15) })
        .await
        .expect("the clerk records an earlier day");
    let before_joining =
        clerk.mark_attendance(t.zhang, &MarkAttendance { cadre_id: Some(t.cadres[1]), date: day(6, 5) }).await;
    let not_a_member =
        clerk.mark_attendance(t.zhang, &MarkAttendance { cadre_id: Some(t.cadres[2]), date: day(6, 15) }).await;
    let other_team_by_wang = t.wang.mark_attendance(t.far, &on(day(6, 15))).await;
    let other_team_by_clerk =
        clerk.mark_attendance(t.far, &MarkAttendance { cadre_id: Some(t.cadres[2]), date: day(6, 15) }).await;
    let wang_sees = t.wang.work_teams(&WorkTeamQuery::default()).await.expect("own teams");
    let clerk_sees = clerk.work_teams(&WorkTeamQuery::default()).await.expect("village's team");
    let days =
        clerk.team_attendance(&AttendanceQuery { team_id: Some(t.zhang), ..Default::default() }).await.expect("days");
    let far_days = clerk.team_attendance(&AttendanceQuery { team_id: Some(t.far), ..Default::default() }).await;
    let enterprise = app.login("enterprise").await.work_teams(&WorkTeamQuery::default()).await;
    clerk
        .add_team_log(t.zhang, &CreateTeamLog { date: day(6, 16), text: "召开村民代表大会".to_owned() })
        .await
        .expect("log");
    let future_log = t.wang.add_team_log(t.zhang, &CreateTeamLog { date: day(6, 20), text: "计划".to_owned() }).await;
    let log = t.wang.team_log(&TeamLogQuery::default()).await.expect("log");

    assert_eq!((marked.cadre_id, marked.recorded_by.as_str()), (t.cadres[0], "wang"));
    assert_eq!(status(twice), Some(409));
    assert_eq!(status(tomorrow), Some(422));
    assert_eq!(status(back_dated), Some(422), "a cadre signs in for today only");
    assert_eq!(from_the_sheet.recorded_by, "clerk");
    assert_eq!(status(before_joining), Some(422));
    assert_eq!(status(not_a_member), Some(422));
    assert_eq!(status(other_team_by_wang), Some(404));
    assert_eq!(status(other_team_by_clerk), Some(404), "呈阳村 lies outside the clerk's village");
    assert_eq!(wang_sees.items.iter().map(|w| w.id).collect::<Vec<_>>(), [t.zhang]);
    assert_eq!(clerk_sees.items.len(), 1);
    let members: Vec<_> = clerk_sees.items[0].members.iter().map(|m| (m.name.as_str(), m.leader)).collect();
    assert_eq!(members, [("王建国", true), ("李海燕", false)]);
    assert_eq!(days.total, 2);
    assert_eq!(status(far_days), Some(404));
    assert_eq!(status(enterprise), Some(403));
    assert_eq!(status(future_log), Some(422));
    assert_eq!(log.items.iter().map(|l| l.text.as_str()).collect::<Vec<_>>(), ["召开村民代表大会"]);
}

#[tokio::test]
async fn leave_is_decided_once_by_an_official_and_the_rate_of_a_hand_built_month_leaves_approved_leave_out() {
    let app = TestApp::spawn_on(day(6, 17)).await;
    let t = teams(&app).await;
    let clerk = app.login("clerk").await;
    let township = app.login("township").await;
    // 王: June 1–5 and 8–12 present (from the paper sheet, recorded by the clerk), and a
    // Saturday, kept but neither expected nor counted; a refused leave.
    for d in [1, 2, 3, 4, 5, 6, 8, 9, 10, 11, 12] {
        let input = MarkAttendance { cadre_id: Some(t.cadres[0]), date: day(6, d) };
        clerk.mark_attendance(t.zhang, &input).await.expect("present");
    }
    let refused = t.wang.ask_leave(t.zhang, &leave(None, day(6, 15), day(6, 15))).await.expect("asked");
    // 李 (from June 8th): 8–10 present; leave on 15–16 approved.
    for d in [8, 9, 10] {
        let input = MarkAttendance { cadre_id: Some(t.cadres[1]), date: day(6, d) };
        clerk.mark_attendance(t.zhang, &input).await.expect("present");
    }
    let approved = clerk.ask_leave(t.zhang, &leave(Some(t.cadres[1]), day(6, 15), day(6, 16))).await.expect("asked");
    let june = || TeamRateQuery { month: Some("2020-06".to_owned()), org_unit: None };
    let before = township.team_rates(&june()).await.expect("rates");

    let by_clerk = clerk.decide_leave(approved.id, &DecideLeave { approve: true, note: None }).await;
    let yes = township.decide_leave(approved.id, &DecideLeave { approve: true, note: None }).await.expect("approved");
    let no = township
        .decide_leave(refused.id, &DecideLeave { approve: false, note: Some("近期迎检".to_owned()) })
        .await
        .expect("refused");
    let twice = township.decide_leave(approved.id, &DecideLeave { approve: false, note: None }).await;
    let overlapping = clerk.ask_leave(t.zhang, &leave(Some(t.cadres[1]), day(6, 16), day(6, 19))).await;
    let backwards = t.wang.ask_leave(t.zhang, &leave(None, day(6, 20), day(6, 19))).await;
    let after = township.team_rates(&june()).await.expect("rates");
    let july =
        township.team_rates(&TeamRateQuery { month: Some("2020-07".to_owned()), org_unit: None }).await.expect("july");
    t.wang.mark_attendance(t.zhang, &on(day(6, 17))).await.expect("today");
    let today = clerk.team_rates(&june()).await.expect("rates");
    let pending = township
        .leave_requests(&LeaveQuery { status: Some(LeaveStatus::Pending), ..Default::default() })
        .await
        .expect("list");

    // Working days June 1–17: 13. 王 13 expected; 李 from the 8th: 8, less 2 on leave = 6.
    let zhang = |rates: &jingzhun_shared::pairing::TeamRates| {
        let line = rates.teams.iter().find(|r| r.team_id == t.zhang).expect("张村's team");
        (line.members, line.present_days, line.expected_days, line.rate_bp)
    };
    assert_eq!(zhang(&before), (2, 13, 21, Some(6_190)), "13 working days present of 13 + 8; the Saturday not counted");
    assert_eq!(status(by_clerk), Some(403));
    assert_eq!((yes.status, yes.decided_by.as_deref()), (LeaveStatus::Approved, Some("township")));
    assert_eq!((no.status, no.decision_note.as_deref()), (LeaveStatus::Refused, Some("近期迎检")));
    assert_eq!(status(twice), Some(409));
    assert_eq!(status(overlapping), Some(422));
    assert_eq!(status(backwards), Some(422));
    assert_eq!(zhang(&after), (2, 13, 19, Some(6_842)), "13 of 19: 李's two approved days are not expected");
    assert_eq!(zhang(&today), (2, 14, 19, Some(7_368)), "a day marked raises the rate");
    assert_eq!(zhang(&july).3, None, "nothing is expected of a month after today");
    let far = after.teams.iter().find(|r| r.team_id == t.far);
    assert!(far.is_none(), "the township's rates hold its own villages only");
    assert!(pending.items.is_empty());
}

#[tokio::test]
async fn of_two_officials_deciding_one_leave_at_once_one_decides_and_the_other_is_told_it_is_decided() {
    let app = TestApp::spawn_on(day(6, 17)).await;
    let t = teams(&app).await;
    let township = app.login("township").await;
    let district = app.login("district").await;
    let mut outcomes = Vec::new();
    for k in 0..6 {
        let asked = t.wang.ask_leave(t.zhang, &leave(None, day(6, 22 + k), day(6, 22 + k))).await.expect("asked");
        let (a, b) = tokio::join!(
            township.decide_leave(asked.id, &DecideLeave { approve: true, note: None }),
            district.decide_leave(asked.id, &DecideLeave { approve: false, note: None }),
        );
        let listed = district.leave_requests(&LeaveQuery::default()).await.expect("list");
        let row = listed.items.into_iter().find(|l| l.id == asked.id).expect("the request");
        let code = |r: &Result<_, jingzhun_shared::ClientError>| r.as_ref().err().and_then(|e| e.status());
        outcomes.push((code(&a), code(&b), a.ok().map(|l| l.status), b.ok().map(|l| l.status), row.status));
    }

    for (a, b, by_township, by_district, stored) in outcomes {
        let mut codes = [a, b];
        codes.sort();
        assert_eq!(codes, [None, Some(409)], "one decides, one is refused");
        assert_eq!(by_township.or(by_district), Some(stored), "the stored decision is the one answered");
    }
}
