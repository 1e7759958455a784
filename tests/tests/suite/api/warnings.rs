//! Return-to-poverty early warning: each rule on hand-built households (fires, does not fire,
//! not twice), the check on a visit (cleared with a reason, or the household monitored),
//! escalation after 15 days, scope, the figures by rule and village, and the demo's warnings.

use std::collections::BTreeSet;

use chrono::{Datelike, NaiveDate};
use jingzhun::entities::household;
use jingzhun_shared::education::{AidProgramme, SchoolStage};
use jingzhun_shared::health::{ClaimKind, HospitalLevel};
use jingzhun_shared::housing::{HousingCheckInput, HousingGrade};
use jingzhun_shared::registry::{CreateMember, HouseholdDto, JoinReason, LeaveMember, LeaveReason, UpdateMember};
use jingzhun_shared::warnings::{
    CheckOutcome, CheckWarning, DisasterReportInput, RunWarnings, WarningDto, WarningQuery, WarningRule,
    WarningSettingsInput, WarningStatsQuery, WarningStatus,
};
use jingzhun_shared::{Api, Fen, HealthStatus, HouseholdId, HouseholdStatus, Labour, MonitoringKind, Relation};
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, TransactionTrait};

use crate::api::registry::{id_card, loaded, new_household, village};
use crate::api::workflow::record_income;
use crate::helpers::TestApp;

fn day(m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2020, m, d).expect("a 2020 day")
}

/// A registered household of 张村 with one member, its head, loaded by the district.
async fn household_no(district: &Api, n: u32) -> HouseholdDto {
    let zhang = village(district, "张村").await;
    district.create_household(&loaded(new_household(zhang, "汪春生", id_card(n)))).await.expect("household")
}

async fn set_status(app: &TestApp, id: HouseholdId, status: HouseholdStatus) {
    household::Entity::update_many()
        .col_expr(household::Column::Status, Expr::value(status.as_str()))
        .filter(household::Column::Id.eq(id.0))
        .exec(&app.db)
        .await
        .expect("status set");
}

async fn run(district: &Api) -> u64 {
    district.run_warnings(&RunWarnings { year: 2020 }).await.expect("run").raised
}

/// The households warned for `rule` in 2020.
async fn warned(api: &Api, rule: WarningRule) -> BTreeSet<HouseholdId> {
    let query = WarningQuery { rule: Some(rule), year: Some(2020), per_page: Some(200), ..Default::default() };
    api.warnings(&query).await.expect("warnings").items.iter().map(|w| w.household_id).collect()
}

async fn only(api: &Api, rule: WarningRule, household: HouseholdId) -> WarningDto {
    let query = WarningQuery { rule: Some(rule), household_id: Some(household), ..Default::default() };
    let page = api.warnings(&query).await.expect("warnings");
    assert_eq!(page.total, 1, "one warning of {rule:?} for {household:?}");
    page.items.into_iter().next().expect("the warning")
}

fn set(ids: &[HouseholdId]) -> BTreeSet<HouseholdId> {
    ids.iter().copied().collect()
}

#[tokio::test]
async fn a_large_medical_cost_warns_over_the_amount_or_half_the_income_and_only_once() {
    let app = TestApp::spawn_on(day(9, 30)).await;
    let (district, health) = (app.login("district").await, app.login("health").await);
    crate::api::health::set_rules(&district, 2020).await;
    let (big, small, poor) =
        (household_no(&district, 901).await, household_no(&district, 902).await, household_no(&district, 903).await);
    for (h, level, total) in [(&big, HospitalLevel::Province, 20_000), (&small, HospitalLevel::County, 3_000)] {
        let c = crate::api::health::claim(h.members[0].id, ClaimKind::Inpatient, level, "2020-05-01", total, 1_000);
        health.create_health_claim(&c).await.expect("claim");
    }
    let c = crate::api::health::claim(
        poor.members[0].id,
        ClaimKind::Inpatient,
        HospitalLevel::County,
        "2020-05-02",
        3_000,
        1_000,
    );
    health.create_health_claim(&c).await.expect("claim");
    record_income(&district, small.id, 2020, 500_000).await;
    record_income(&district, poor.id, 2020, 300_000).await;

    let first = run(&district).await;
    let again = district.run_warnings(&RunWarnings { year: 2020 }).await.expect("second run");

    assert!(first >= 2);
    assert_eq!(again.raised, 0, "{again:?}");
    assert_eq!(warned(&district, WarningRule::MedicalCost).await, set(&[big.id, poor.id]));
    let w = only(&district, WarningRule::MedicalCost, poor.id).await;
    assert_eq!(w.figures.amount_fen, Some(Fen::from_yuan(2_000)));
    assert_eq!(w.figures.reference_fen, Some(Fen::from_yuan(3_000)));
    assert_eq!((w.status, w.escalated, w.raised_on), (WarningStatus::Open, false, day(9, 30)));
    assert!(w.summary.contains("2000.00 元"), "{}", w.summary);
}

#[tokio::test]
async fn income_below_the_line_warns_exited_households_and_a_fall_of_over_30_percent_warns_any() {
    let app = TestApp::spawn_on(day(9, 30)).await;
    let district = app.login("district").await;
    jingzhun::services::registry::poverty_lines::set_poverty_line(&app.db, 2020, Fen::from_yuan(4_000))
        .await
        .expect("line");
    let [below, above, registered, fell, dipped] = [911, 912, 913, 914, 915];
    let mut ids = Vec::new();
    for (n, before, now) in [
        (below, None, 3_000),
        (above, None, 5_000),
        (registered, None, 3_000),
        (fell, Some(10_000), 6_000),
        (dipped, Some(10_000), 8_000),
    ] {
        let h = household_no(&district, n).await;
        if let Some(before) = before {
            record_income(&district, h.id, 2019, before * 100).await;
        }
        record_income(&district, h.id, 2020, now * 100).await;
        ids.push(h.id);
    }
    for id in [ids[0], ids[1]] {
        set_status(&app, id, HouseholdStatus::Exited).await;
    }

    run(&district).await;
    let again = run(&district).await;

    assert_eq!(warned(&district, WarningRule::IncomeBelowLine).await, set(&[ids[0]]));
    assert_eq!(warned(&district, WarningRule::IncomeFall).await, set(&[ids[3]]));
    assert_eq!(again, 0);
    let fall = only(&district, WarningRule::IncomeFall, ids[3]).await;
    assert_eq!(
        (fall.figures.amount_fen, fall.figures.reference_fen),
        (Some(Fen::from_yuan(6_000)), Some(Fen::from_yuan(10_000)))
    );
}

async fn add_member(api: &Api, household: HouseholdId, n: u32, labour: Labour) -> jingzhun_shared::registry::MemberDto {
    let input = CreateMember {
        name: format!("汪家{n}"),
        id_card_no: id_card(n),
        relation: Relation::Spouse,
        health: HealthStatus::Healthy,
        labour,
        join_reason: Some(JoinReason::MarriageIn),
        joined_on: Some(day(1, 5)),
    };
    api.add_member(household, &input).await.expect("member")
}

#[tokio::test]
async fn a_full_labourer_dying_warns_and_a_weak_one_dying_or_a_full_one_marrying_or_moving_out_does_not() {
    let app = TestApp::spawn_on(day(9, 30)).await;
    let district = app.login("district").await;
    let cases = [
        (921, Labour::Full, LeaveReason::Death),
        (922, Labour::Weak, LeaveReason::Death),
        (925, Labour::Full, LeaveReason::MarriageOut),
        (927, Labour::Full, LeaveReason::Moved),
    ];
    let mut homes = Vec::new();
    for (n, labour, reason) in cases {
        let h = household_no(&district, n).await;
        let m = add_member(&district, h.id, n + 100, labour).await;
        let leave = LeaveMember { reason, left_on: day(6, 1), new_head_id: None, version: m.version };
        district.leave_member(m.id, &leave).await.expect("left");
        homes.push(h.id);
    }

    run(&district).await;

    assert_eq!(warned(&district, WarningRule::LabourLoss).await, set(&[homes[0]]));
    let w = only(&district, WarningRule::LabourLoss, homes[0]).await;
    assert_eq!((w.figures.event_on, w.figures.detail.as_deref()), (Some(day(6, 1)), Some("death")));
    assert!(w.summary.contains("死亡"), "{}", w.summary);
}

#[tokio::test]
async fn the_only_labourer_falling_seriously_ill_warns_and_a_chronic_illness_does_not() {
    let app = TestApp::spawn_on(day(9, 30)).await;
    let district = app.login("district").await;
    let (ill, chronic) = (household_no(&district, 941).await, household_no(&district, 942).await);
    for (h, health, labour) in
        [(&ill, HealthStatus::SeriousIllness, Labour::Lost), (&chronic, HealthStatus::Chronic, Labour::Weak)]
    {
        let head = h.members.first().expect("the head");
        let change = UpdateMember {
            name: head.name.clone(),
            id_card_no: head.id_card_no.clone(),
            relation: Relation::Head,
            health,
            labour,
            version: head.version,
        };
        district.update_member(head.id, &change).await.expect("health changed");
    }

    run(&district).await;

    assert_eq!(warned(&district, WarningRule::LabourLoss).await, set(&[ill.id]));
    let w = only(&district, WarningRule::LabourLoss, ill.id).await;
    assert!(w.summary.contains("丧失劳动能力"), "{}", w.summary);
}

#[tokio::test]
async fn an_overdue_loan_a_disaster_and_an_unsafe_house_each_warn_their_household() {
    let app = TestApp::spawn_on(day(9, 30)).await;
    let (district, clerk) = (app.login("district").await, app.login("clerk").await);
    let late = crate::api::credit::borrower(&app, 931).await;
    let on_time = crate::api::credit::borrower(&app, 932).await;
    district
        .create_loan(&crate::api::credit::loan_of(late, day(1, 10).with_year(2017).expect("day"), "W-1"))
        .await
        .expect("loan");
    district
        .create_loan(&crate::api::credit::loan_of(on_time, day(1, 10).with_year(2019).expect("day"), "W-2"))
        .await
        .expect("loan");
    let (struck, spared) = (household_no(&district, 933).await, household_no(&district, 934).await);
    let report = DisasterReportInput {
        household_id: struck.id,
        reported_on: day(7, 20),
        description: "暴雨冲毁茶园".to_owned(),
        loss_fen: Fen::from_yuan(12_000),
    };
    let entered = clerk.create_disaster_report(&report).await.expect("report");
    let (unsafe_, repaired) = (household_no(&district, 935).await, household_no(&district, 936).await);
    for (h, checks) in [
        (&unsafe_, vec![(3, HousingGrade::B), (5, HousingGrade::D)]),
        (&repaired, vec![(3, HousingGrade::C), (8, HousingGrade::A)]),
    ] {
        for (month, grade) in checks {
            let input = HousingCheckInput { household_id: h.id, checked_on: day(month, 1), grade, note: None };
            clerk.create_housing_check(&input).await.expect("check");
        }
    }

    run(&district).await;

    assert_eq!(warned(&district, WarningRule::OverdueLoan).await, set(&[late.0]));
    assert_eq!(warned(&district, WarningRule::Disaster).await, set(&[struck.id]));
    assert_eq!(warned(&district, WarningRule::UnsafeHouse).await, set(&[unsafe_.id]));
    assert_eq!(only(&district, WarningRule::OverdueLoan, late.0).await.figures.event_on.map(|d| d.year()), Some(2020));
    let disaster = only(&clerk, WarningRule::Disaster, struck.id).await;
    assert_eq!(
        (disaster.figures.amount_fen, disaster.figures.record_id),
        (Some(Fen::from_yuan(12_000)), Some(entered.id))
    );
    assert_eq!(entered.reported_by, "张村扶贫专干");
    let house = only(&district, WarningRule::UnsafeHouse, unsafe_.id).await;
    assert_eq!((house.figures.detail.as_deref(), house.figures.event_on), (Some("d"), Some(day(5, 1))));
    let _ = spared;
}

#[tokio::test]
async fn a_school_age_child_without_a_school_record_warns_and_one_with_aid_does_not() {
    let app = TestApp::spawn_on(day(9, 30)).await;
    let (district, clerk) = (app.login("district").await, app.login("clerk").await);
    let zhang = village(&district, "张村").await;
    let (out, _) = crate::api::education::family(&district, zhang, 941, "20120301").await;
    let (at_school, pupil) = crate::api::education::family(&district, zhang, 942, "20110301").await;
    let (toddler, _) = crate::api::education::family(&district, zhang, 943, "20180301").await;
    let aid = crate::api::education::aid(&pupil, SchoolStage::Compulsory, AidProgramme::National, Some(625));
    clerk.create_student_aid(&aid).await.expect("aid");

    run(&district).await;

    let warned = warned(&district, WarningRule::OutOfSchool).await;
    assert!(warned.contains(&out));
    assert!(!warned.contains(&at_school) && !warned.contains(&toddler), "{warned:?}");
}

#[tokio::test]
async fn a_clerk_clears_a_warning_with_a_reason_once_and_monitoring_puts_the_household_under_it() {
    let app = TestApp::spawn_on(day(9, 30)).await;
    let (district, clerk, township) =
        (app.login("district").await, app.login("clerk").await, app.login("township").await);
    let (a, b) = (household_no(&district, 951).await, household_no(&district, 952).await);
    for h in [&a, &b] {
        let report = DisasterReportInput {
            household_id: h.id,
            reported_on: day(8, 1),
            description: "冰雹".to_owned(),
            loss_fen: Fen::from_yuan(800),
        };
        clerk.create_disaster_report(&report).await.expect("report");
    }
    run(&district).await;
    let (wa, wb) = (only(&clerk, WarningRule::Disaster, a.id).await, only(&clerk, WarningRule::Disaster, b.id).await);

    let blank = clerk
        .check_warning(
            wa.id,
            &CheckWarning {
                outcome: CheckOutcome::Clear,
                reason: " ".to_owned(),
                monitoring_kind: None,
                visit_id: None,
            },
        )
        .await;
    let cleared = clerk
        .check_warning(
            wa.id,
            &CheckWarning {
                outcome: CheckOutcome::Clear,
                reason: "入户核实：损失已由保险理赔".to_owned(),
                monitoring_kind: None,
                visit_id: None,
            },
        )
        .await
        .expect("cleared");
    let twice = clerk
        .check_warning(
            wa.id,
            &CheckWarning {
                outcome: CheckOutcome::Monitor,
                reason: "再查".to_owned(),
                monitoring_kind: None,
                visit_id: None,
            },
        )
        .await;
    let monitored = township
        .check_warning(
            wb.id,
            &CheckWarning {
                outcome: CheckOutcome::Monitor,
                reason: "落实产业帮扶，每月走访".to_owned(),
                monitoring_kind: Some(MonitoringKind::Marginal),
                visit_id: None,
            },
        )
        .await
        .expect("monitored");
    let card = clerk.household(b.id).await.expect("card");
    let auditor = app.login("auditor").await.warnings(&WarningQuery::default()).await;

    let blank = blank.expect_err("no reason");
    assert_eq!(blank.status(), Some(422));
    assert!(!blank.api_error().expect("wire").field("reason").is_empty());
    assert_eq!(
        (cleared.status, cleared.checked_on, cleared.check_reason.as_deref()),
        (WarningStatus::Cleared, Some(day(9, 30)), Some("入户核实：损失已由保险理赔"))
    );
    assert_eq!(cleared.checked_by.as_deref(), Some("张村扶贫专干"));
    assert_eq!(twice.expect_err("checked").status(), Some(409));
    assert_eq!(monitored.status, WarningStatus::Monitored);
    assert_eq!(card.monitoring.first().map(|m| (m.kind, m.cleared_on)), Some((MonitoringKind::Marginal, None)));
    assert_eq!(card.monitoring.first().map(|m| m.reason.as_str()), Some("落实产业帮扶，每月走访"));
    assert_eq!(auditor.expect_err("no right").status(), Some(403));
}

#[tokio::test]
async fn an_unchecked_warning_escalates_after_15_days_comes_first_and_counts_by_rule_and_village() {
    let app = TestApp::spawn_on(day(9, 30)).await;
    let (district, clerk) = (app.login("district").await, app.login("clerk").await);
    let old = household_no(&district, 961).await;
    let report = DisasterReportInput {
        household_id: old.id,
        reported_on: day(8, 1),
        description: "山体滑坡".to_owned(),
        loss_fen: Fen::from_yuan(3_000),
    };
    clerk.create_disaster_report(&report).await.expect("report");
    let txn = app.db.begin().await.expect("begin");
    jingzhun::services::warnings::run_rules(&txn, 2020, day(9, 10)).await.expect("an earlier run");
    txn.commit().await.expect("commit");
    let fresh = household_no(&district, 962).await;
    let report = DisasterReportInput {
        household_id: fresh.id,
        reported_on: day(9, 20),
        description: "山洪".to_owned(),
        loss_fen: Fen::from_yuan(500),
    };
    clerk.create_disaster_report(&report).await.expect("report");
    run(&district).await;

    let listed =
        clerk.warnings(&WarningQuery { rule: Some(WarningRule::Disaster), ..Default::default() }).await.expect("list");
    let escalated = clerk.warnings(&WarningQuery { escalated: Some(true), ..Default::default() }).await.expect("list");
    let figures =
        clerk.warning_figures(&WarningStatsQuery { year: 2020, as_of: None, org_unit: None }).await.expect("figures");
    let earlier = clerk
        .warning_figures(&WarningStatsQuery { year: 2020, as_of: Some(day(9, 15)), org_unit: None })
        .await
        .expect("figures");

    let order: Vec<_> = listed.items.iter().map(|w| (w.household_id, w.escalated)).collect();
    assert_eq!(order, vec![(old.id, true), (fresh.id, false)]);
    assert_eq!(escalated.total, 1);
    let disaster = figures.by_rule.iter().find(|r| r.rule == WarningRule::Disaster).expect("rule row");
    assert_eq!((disaster.counts.raised, disaster.counts.open, disaster.counts.escalated), (2, 2, 1));
    assert_eq!(figures.by_village.iter().map(|v| v.name.as_str()).collect::<Vec<_>>(), vec!["张村"]);
    assert_eq!(figures.by_village[0].counts.raised, figures.total.raised);
    let early = earlier.by_rule.iter().find(|r| r.rule == WarningRule::Disaster).expect("rule row");
    assert_eq!((early.counts.raised, early.counts.escalated), (1, 0));
}

#[tokio::test]
async fn a_rule_switched_off_for_the_year_raises_nothing_and_the_settings_are_versioned() {
    let app = TestApp::spawn_on(day(9, 30)).await;
    let (district, clerk) = (app.login("district").await, app.login("clerk").await);
    let defaults = district.warning_settings(2020).await.expect("defaults");
    let input = WarningSettingsInput {
        medical_cost_fen: Fen::from_yuan(8_000),
        medical_income_share_bp: 5_000,
        income_fall_bp: 3_000,
        disabled_rules: vec![WarningRule::Disaster],
        version: 0,
    };
    let saved = district.set_warning_settings(2020, &input).await.expect("saved");
    let stale = district.set_warning_settings(2020, &input).await;
    let by_clerk =
        clerk.set_warning_settings(2020, &WarningSettingsInput { version: saved.version, ..input.clone() }).await;
    let h = household_no(&district, 971).await;
    let report = DisasterReportInput {
        household_id: h.id,
        reported_on: day(8, 1),
        description: "干旱".to_owned(),
        loss_fen: Fen::from_yuan(900),
    };
    clerk.create_disaster_report(&report).await.expect("report");

    run(&district).await;

    assert_eq!(
        (defaults.medical_cost_fen, defaults.income_fall_bp, defaults.version),
        (Fen::from_yuan(5_000), 3_000, 0)
    );
    assert_eq!(
        (saved.medical_cost_fen, saved.disabled_rules.clone(), saved.version),
        (Fen::from_yuan(8_000), vec![WarningRule::Disaster], 1)
    );
    assert_eq!(stale.expect_err("stale").status(), Some(409));
    assert_eq!(by_clerk.expect_err("not the clerk's").status(), Some(403));
    assert!(warned(&district, WarningRule::Disaster).await.is_empty());
}

#[tokio::test]
async fn the_demo_raises_warnings_of_several_rules_from_its_own_records() {
    let app = TestApp::spawn_full().await;
    let district = app.login("district").await;

    let figures = district
        .warning_figures(&WarningStatsQuery { year: 2020, as_of: None, org_unit: None })
        .await
        .expect("figures");
    run(&district).await;
    let again = district.run_warnings(&RunWarnings { year: 2020 }).await.expect("run");

    let fired: Vec<_> = figures.by_rule.iter().filter(|r| r.counts.raised > 0).map(|r| r.rule).collect();
    let rules = [WarningRule::MedicalCost, WarningRule::IncomeFall, WarningRule::LabourLoss, WarningRule::OverdueLoan];
    for rule in rules {
        assert!(fired.contains(&rule), "{rule:?} not among {fired:?}");
    }
    assert_eq!(figures.total.raised, figures.by_village.iter().map(|v| v.counts.raised).sum::<u64>());
    assert_eq!(again.raised, 0, "{again:?}");
}
