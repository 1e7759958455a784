//! Members change (edit, join, leave with reason and date), the period's changes by reason,
//! and the category's history.

use chrono::NaiveDate;
use jingzhun::demo_registry;
use jingzhun_shared::page::PageQuery;
use jingzhun_shared::registry::{
    ChangeCategory, ChangesQuery, CreateMember, HouseholdDto, HouseholdQuery, IncomeInput, JoinReason, LeaveMember,
    LeaveReason, MemberDto, UpdateHousehold, UpdateMember,
};
use jingzhun_shared::{Api, Fen, HealthStatus, HouseholdCategory, Labour, Relation};

use crate::api::registry::{id_card, new_household, village};
use crate::helpers::TestApp;

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("date")
}

/// The office's today in these tests.
fn today() -> NaiveDate {
    day(2020, 11, 12)
}

fn joining(name: &str, n: u32, relation: Relation, reason: JoinReason, on: NaiveDate) -> CreateMember {
    CreateMember {
        name: name.to_owned(),
        id_card_no: id_card(n),
        relation,
        health: HealthStatus::Healthy,
        labour: Labour::Full,
        join_reason: Some(reason),
        joined_on: Some(on),
    }
}

/// A household of 张村 with its head and a spouse who married in on 1 March 2020.
async fn household_of_two(api: &Api, n: u32) -> (HouseholdDto, MemberDto) {
    let zhang = village(api, "张村").await;
    let household = api.create_household(&new_household(zhang, "章德胜", id_card(n))).await.expect("household");
    let spouse = joining("章秀英", n + 1, Relation::Spouse, JoinReason::MarriageIn, day(2020, 3, 1));
    let spouse = api.add_member(household.id, &spouse).await.expect("spouse");
    (household, spouse)
}

fn leaving(member: &MemberDto, reason: LeaveReason, on: NaiveDate) -> LeaveMember {
    LeaveMember { reason, left_on: on, new_head_id: None, version: member.version }
}

#[tokio::test]
async fn a_clerk_edits_a_member_and_a_stale_edit_is_409() {
    let app = TestApp::spawn_on(today()).await;
    let clerk = app.login("clerk").await;
    let (household, spouse) = household_of_two(&clerk, 801).await;
    let edit = |name: &str, version| UpdateMember {
        name: name.to_owned(),
        id_card_no: id_card(803),
        relation: Relation::Spouse,
        health: HealthStatus::Chronic,
        labour: Labour::Weak,
        version,
    };

    let edited = clerk.update_member(spouse.id, &edit("章秀兰", spouse.version)).await.expect("edited");
    let stale = clerk.update_member(spouse.id, &edit("章秀梅", spouse.version)).await.expect_err("stale");
    let second_head = UpdateMember { relation: Relation::Head, ..edit("章秀兰", edited.version) };
    let refused = clerk.update_member(spouse.id, &second_head).await.expect_err("a second head");

    assert_eq!((edited.name.as_str(), edited.id_card_no.as_str()), ("章秀兰", id_card(803).as_str()));
    assert_eq!(edited.health, Some(HealthStatus::Chronic));
    assert_eq!(edited.version, spouse.version + 1);
    assert_eq!(stale.status(), Some(409));
    assert_eq!(refused.status(), Some(422));
    assert!(!refused.api_error().expect("wire error").field("relation").is_empty());
    let card = clerk.household(household.id).await.expect("card");
    assert_eq!(card.members[1].name, "章秀兰", "the stale edit lost nothing");
}

#[tokio::test]
async fn a_new_member_s_join_date_may_not_lie_after_today_or_before_the_birth() {
    let app = TestApp::spawn_on(today()).await;
    let clerk = app.login("clerk").await;
    let (household, _) = household_of_two(&clerk, 811).await;

    let future = joining("章小宝", 813, Relation::Child, JoinReason::Birth, day(2020, 11, 13));
    let future = clerk.add_member(household.id, &future).await.expect_err("after today");
    let unborn = joining("章小宝", 814, Relation::Child, JoinReason::Birth, day(2019, 4, 1));
    let unborn = CreateMember { id_card_no: birth_card(day(2019, 5, 1)), ..unborn };
    let unborn = clerk.add_member(household.id, &unborn).await.expect_err("before the birth");
    let without = CreateMember {
        join_reason: None,
        joined_on: None,
        ..joining("章小宝", 815, Relation::Child, JoinReason::Birth, today())
    };
    let without = clerk.add_member(household.id, &without).await.expect_err("no reason or date");

    assert_eq!(future.status(), Some(422));
    assert!(future.api_error().expect("wire").field("joined_on")[0].contains("晚于今天"));
    assert_eq!(unborn.status(), Some(422));
    assert!(unborn.api_error().expect("wire").field("joined_on")[0].contains("出生"));
    let without = without.api_error().expect("wire");
    assert!(!without.field("join_reason").is_empty() && !without.field("joined_on").is_empty());
}

#[tokio::test]
async fn a_member_who_leaves_stays_on_file_but_no_longer_counts() {
    let app = TestApp::spawn_on(today()).await;
    demo_registry::load(&app.db).await.expect("demo registry");
    let clerk = app.login("clerk").await;
    let (household, spouse) = household_of_two(&clerk, 821).await;
    let income = IncomeInput {
        year: 2020,
        wage_fen: Fen::new(900_000),
        operating_fen: Fen::ZERO,
        property_fen: Fen::ZERO,
        transfer_fen: Fen::ZERO,
        expenses_fen: Fen::ZERO,
    };
    let before = clerk.record_income(household.id, &income).await.expect("income");

    let left =
        clerk.leave_member(spouse.id, &leaving(&spouse, LeaveReason::Death, day(2020, 8, 3))).await.expect("left");
    let twice = clerk.leave_member(spouse.id, &leaving(&left, LeaveReason::Death, day(2020, 8, 4))).await;

    let card = clerk.household(household.id).await.expect("card");
    assert_eq!(card.members.len(), 2, "the person stays on file");
    assert_eq!(card.people, 1);
    assert_eq!((left.left_on, left.leave_reason), (Some(day(2020, 8, 3)), Some(LeaveReason::Death)));
    assert_eq!(twice.expect_err("left already").status(), Some(409));
    let q = HouseholdQuery { q: Some("章德胜".to_owned()), ..Default::default() };
    let listed = clerk.households(&q).await.expect("list");
    assert_eq!(listed.items.iter().find(|h| h.id == household.id).map(|h| h.members), Some(1));
    let after = clerk.income_records(household.id, &PageQuery::default()).await.expect("income").items;
    assert_eq!((before.members, before.per_capita_net_fen), (2, Fen::new(450_000)));
    assert_eq!((after[0].members, after[0].per_capita_net_fen), (1, Fen::new(900_000)));
    let admin = app.login("admin").await;
    let trail = admin
        .audit_events(&jingzhun_shared::org::AuditQuery {
            entity: Some("member".into()),
            entity_id: Some(spouse.id.to_string()),
            ..Default::default()
        })
        .await
        .expect("trail");
    assert!(trail.items.iter().any(|e| e.action == "leave"), "leaving is audited");
}

#[tokio::test]
async fn leaving_after_today_or_before_joining_is_422() {
    let app = TestApp::spawn_on(today()).await;
    let clerk = app.login("clerk").await;
    let (_, spouse) = household_of_two(&clerk, 831).await;

    let future = clerk.leave_member(spouse.id, &leaving(&spouse, LeaveReason::Moved, day(2020, 11, 13))).await;
    let early = clerk.leave_member(spouse.id, &leaving(&spouse, LeaveReason::Moved, day(2020, 2, 28))).await;
    let ancient = clerk.leave_member(spouse.id, &leaving(&spouse, LeaveReason::Moved, day(1999, 12, 31))).await;

    for (error, says) in [(future, "晚于今天"), (early, "增员日期"), (ancient, "早于")] {
        let error = error.expect_err("refused");
        assert_eq!(error.status(), Some(422));
        let message = &error.api_error().expect("wire").field("left_on")[0];
        assert!(message.contains(says), "{message}");
    }
}

#[tokio::test]
async fn leaving_is_404_out_of_scope_and_403_for_a_role_that_does_not_write() {
    let app = TestApp::spawn_on(today()).await;
    let district = app.login("district").await;
    let huang = village(&district, "篁村").await;
    let other = district.create_household(&new_household(huang, "胡德胜", id_card(841))).await.expect("household");
    let member = joining("胡秀英", 842, Relation::Spouse, JoinReason::MarriageIn, day(2020, 3, 1));
    let member = district.add_member(other.id, &member).await.expect("member");
    let clerk = app.login("clerk").await;
    let auditor = app.login("auditor").await;

    let out_of_scope = clerk.leave_member(member.id, &leaving(&member, LeaveReason::Army, day(2020, 9, 1))).await;
    let read_only = auditor.leave_member(member.id, &leaving(&member, LeaveReason::Army, day(2020, 9, 1))).await;
    let edit = UpdateMember {
        name: "胡秀兰".to_owned(),
        id_card_no: id_card(842),
        relation: Relation::Spouse,
        health: HealthStatus::Healthy,
        labour: Labour::Full,
        version: member.version,
    };
    let edit_out_of_scope = clerk.update_member(member.id, &edit).await;

    assert_eq!(out_of_scope.expect_err("not theirs").status(), Some(404));
    assert_eq!(read_only.expect_err("reads only").status(), Some(403));
    assert_eq!(edit_out_of_scope.expect_err("not theirs").status(), Some(404));
    assert_eq!(district.household(other.id).await.expect("card").people, 2, "nothing changed");
}

#[tokio::test]
async fn the_head_leaves_only_after_naming_a_new_head() {
    let app = TestApp::spawn_on(today()).await;
    let clerk = app.login("clerk").await;
    let (household, spouse) = household_of_two(&clerk, 851).await;
    let head = household.members[0].clone();

    let unnamed = clerk.leave_member(head.id, &leaving(&head, LeaveReason::Death, day(2020, 8, 10))).await;
    let named = LeaveMember { new_head_id: Some(spouse.id), ..leaving(&head, LeaveReason::Death, day(2020, 8, 10)) };
    clerk.leave_member(head.id, &named).await.expect("left, with a new head");

    let unnamed = unnamed.expect_err("a new head is needed");
    assert_eq!(unnamed.status(), Some(422));
    assert!(!unnamed.api_error().expect("wire").field("new_head_id").is_empty());
    let card = clerk.household(household.id).await.expect("card");
    assert_eq!(card.head_member_id, Some(spouse.id));
    assert_eq!(card.people, 1);
    let listed = clerk.households(&HouseholdQuery::default()).await.expect("list");
    assert_eq!(listed.items.iter().find(|h| h.id == household.id).map(|h| h.head_name.as_str()), Some("章秀英"));
}

#[tokio::test]
async fn the_changes_of_a_period_count_joins_and_leaves_by_reason() {
    let app = TestApp::spawn_on(today()).await;
    let clerk = app.login("clerk").await;
    let (household, spouse) = household_of_two(&clerk, 861).await;
    let baby = joining("章小宝", 863, Relation::Child, JoinReason::Birth, day(2020, 8, 20));
    let baby = CreateMember { id_card_no: birth_card(day(2020, 8, 20)), ..baby };
    clerk.add_member(household.id, &baby).await.expect("born");
    clerk.leave_member(spouse.id, &leaving(&spouse, LeaveReason::MarriageOut, day(2020, 8, 25))).await.expect("left");
    let period = |from, to| ChangesQuery { from: Some(from), to: Some(to), org_unit: None };

    let august = clerk.registry_changes(&period(day(2020, 8, 1), day(2020, 8, 31))).await.expect("August");
    let march = clerk.registry_changes(&period(day(2020, 3, 1), day(2020, 3, 31))).await.expect("March");
    let backwards = clerk.registry_changes(&period(day(2020, 9, 1), day(2020, 8, 1))).await;
    let district = app.login("district").await;
    let huang = village(&district, "篁村").await;
    let in_huang = ChangesQuery { org_unit: Some(huang), ..period(day(2020, 8, 1), day(2020, 8, 31)) };
    let elsewhere = district.registry_changes(&in_huang).await.expect("篁村");

    assert_eq!((august.added, august.removed, august.net), (1, 1, 0));
    let born = august.added_by_reason.iter().find(|c| c.reason == JoinReason::Birth).map(|c| c.people);
    let married = august.removed_by_reason.iter().find(|c| c.reason == LeaveReason::MarriageOut).map(|c| c.people);
    assert_eq!((born, married), (Some(1), Some(1)));
    assert_eq!(august.added_by_reason.len(), JoinReason::ALL.len(), "every reason listed");
    assert_eq!((march.added, march.removed, march.net), (1, 0, 1), "the spouse married in on 1 March");
    assert_eq!(backwards.expect_err("to before from").status(), Some(422));
    assert_eq!(elsewhere.added, 0, "another village counts its own");
}

/// A valid number of someone born on `birth`.
fn birth_card(birth: NaiveDate) -> String {
    let first17 = format!("341004{}001", birth.format("%Y%m%d"));
    jingzhun_shared::IdCardNo::complete(&first17).expect("valid").as_str().to_owned()
}

#[tokio::test]
async fn a_category_change_is_kept_in_the_history_and_the_plain_update_cannot_make_it() {
    let app = TestApp::spawn_on(today()).await;
    let clerk = app.login("clerk").await;
    let (household, _) = household_of_two(&clerk, 871).await;
    let household = clerk.household(household.id).await.expect("card");
    let change = |category, on, version| ChangeCategory {
        category,
        changed_on: on,
        reason: "民政部门认定为低保对象".to_owned(),
        document_no: "民社〔2020〕17号".to_owned(),
        version,
    };
    let sneaky = UpdateHousehold {
        category: HouseholdCategory::Wubao,
        causes: household.causes.clone(),
        phone: None,
        latitude: None,
        longitude: None,
        version: household.version,
    };

    let refused = clerk.update_household(household.id, &sneaky).await.expect_err("not by the plain update");
    let dibao = clerk
        .change_category(household.id, &change(HouseholdCategory::Dibao, day(2020, 6, 1), household.version))
        .await
        .expect("to dibao");
    let stale = clerk
        .change_category(household.id, &change(HouseholdCategory::Wubao, day(2020, 7, 1), household.version))
        .await
        .expect_err("stale");
    let future = clerk
        .change_category(household.id, &change(HouseholdCategory::Wubao, day(2020, 12, 1), dibao.version))
        .await
        .expect_err("after today");
    let earlier = clerk
        .change_category(household.id, &change(HouseholdCategory::Wubao, day(2020, 5, 1), dibao.version))
        .await
        .expect_err("before the last change");
    let wubao = clerk
        .change_category(household.id, &change(HouseholdCategory::Wubao, day(2020, 9, 1), dibao.version))
        .await
        .expect("to wubao");

    assert_eq!(refused.status(), Some(422));
    assert!(!refused.api_error().expect("wire").field("category").is_empty());
    assert_eq!(stale.status(), Some(409));
    assert_eq!((future.status(), earlier.status()), (Some(422), Some(422)));
    let card = clerk.household(household.id).await.expect("card");
    assert_eq!(card.category, HouseholdCategory::Wubao);
    assert_eq!(card.version, wubao.version);
    let steps: Vec<_> = card.category_history.iter().map(|c| (c.from_category, c.to_category, c.changed_on)).collect();
    assert_eq!(
        steps,
        [
            (HouseholdCategory::General, HouseholdCategory::Dibao, day(2020, 6, 1)),
            (HouseholdCategory::Dibao, HouseholdCategory::Wubao, day(2020, 9, 1)),
        ]
    );
    assert_eq!(card.category_history[0].document_no, "民社〔2020〕17号");
}

#[tokio::test]
async fn the_demo_s_august_adjustment_is_308_added_293_removed_net_15() {
    let app = TestApp::spawn_on(today()).await;
    demo_registry::load(&app.db).await.expect("demo registry");
    let district = app.login("district").await;
    let august = ChangesQuery { from: Some(day(2020, 8, 1)), to: Some(day(2020, 8, 31)), org_unit: None };

    let changes = district.registry_changes(&august).await.expect("changes");
    let july = district
        .registry_changes(&ChangesQuery { from: Some(day(2020, 7, 1)), to: Some(day(2020, 7, 31)), org_unit: None })
        .await
        .expect("July");

    assert_eq!((changes.added, changes.removed, changes.net), (308, 293, 15));
    let died = changes.removed_by_reason.iter().find(|c| c.reason == LeaveReason::Death).map(|c| c.people);
    assert!(died.is_some_and(|n| n > 0 && n < 293), "spread over reasons: {died:?}");
    assert_eq!((july.added, july.removed), (0, 0));
}
