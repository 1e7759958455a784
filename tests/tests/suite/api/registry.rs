use chrono::NaiveDate;
use jingzhun::demo_registry;
use jingzhun_shared::page::PageQuery;
use jingzhun_shared::registry::{
    CreateHousehold, CreateMember, HouseholdQuery, IncomeInput, JoinReason, NewHead, OverviewQuery, UpdateHousehold,
};
use jingzhun_shared::{
    Api, Fen, HealthStatus, HouseholdCategory, HouseholdStatus, IdCardNo, Labour, OrgUnitId, PovertyCause, Relation,
};

use crate::helpers::TestApp;

/// A valid ID-card number, different for each `n`.
pub fn id_card(n: u32) -> String {
    let first17 = format!("341004198{}{:02}{:02}{:03}", n % 10, 1 + n % 12, 1 + n % 28, n % 1000);
    IdCardNo::complete(&first17).expect("valid number").as_str().to_owned()
}

pub async fn village(api: &Api, name: &str) -> OrgUnitId {
    let [id] = villages(api, [name]).await;
    id
}

/// The ids of the villages named, in order, from one look at the caller's org tree.
pub async fn villages<const N: usize>(api: &Api, names: [&str; N]) -> [OrgUnitId; N] {
    let tree = api.org_tree().await.expect("tree");
    let units = tree.flatten();
    names.map(|name| units.iter().find(|u| u.name == name).map(|u| u.id).expect("village in scope"))
}

pub fn new_household(village_id: OrgUnitId, head: &str, card: String) -> CreateHousehold {
    CreateHousehold {
        village_id,
        category: HouseholdCategory::General,
        causes: vec![PovertyCause::Illness],
        head: NewHead { name: head.to_owned(), id_card_no: card, phone: None, health: None, labour: None },
        latitude: None,
        longitude: None,
        initial_load: false,
    }
}

/// `input` as the district's initial load: registered at once.
pub fn loaded(mut input: CreateHousehold) -> CreateHousehold {
    input.initial_load = true;
    input
}

#[tokio::test]
async fn a_clerk_files_a_household_in_their_village_and_finds_it() {
    let app = TestApp::spawn().await;
    let clerk = app.login("clerk").await;
    let zhang = village(&clerk, "张村").await;

    let created = clerk.create_household(&new_household(zhang, "汪大明", id_card(1))).await.expect("created");
    let found = clerk
        .households(&HouseholdQuery { q: Some("大明".to_owned()), ..Default::default() })
        .await
        .expect("search by name");
    let by_id = clerk
        .households(&HouseholdQuery { q: Some(id_card(1)[..10].to_owned()), ..Default::default() })
        .await
        .expect("search by ID prefix");

    assert_eq!(created.status, HouseholdStatus::Pending, "until its entry application is announced");
    assert_eq!(created.version, 1);
    assert_eq!(created.members.len(), 1);
    assert_eq!(created.members[0].relation, Relation::Head);
    assert_eq!(found.total, 1);
    assert_eq!(found.items[0].head_name, "汪大明");
    assert!(found.items[0].head_id_card_masked.contains("**********"));
    assert_eq!(by_id.items.first().map(|h| h.id), Some(created.id));
}

#[tokio::test]
async fn a_bad_check_digit_and_a_missing_cause_are_reported_together() {
    let app = TestApp::spawn().await;
    let clerk = app.login("clerk").await;
    let zhang = village(&clerk, "张村").await;
    let mut bad = id_card(2);
    let last = if bad.ends_with('1') { '2' } else { '1' };
    bad.replace_range(17.., &last.to_string());
    let mut input = new_household(zhang, "程小红", bad);
    input.causes.clear();

    let error = clerk.create_household(&input).await.expect_err("invalid");

    let body = error.api_error().expect("wire error");
    assert_eq!(error.status(), Some(422));
    assert!(body.field("head.id_card_no")[0].contains("校验位"));
    assert!(!body.field("causes").is_empty());
}

#[tokio::test]
async fn the_same_id_card_cannot_be_on_file_twice_and_the_error_names_the_household() {
    let app = TestApp::spawn().await;
    let clerk = app.login("clerk").await;
    let zhang = village(&clerk, "张村").await;
    let first = clerk.create_household(&new_household(zhang, "方建国", id_card(3))).await.expect("created");

    let error = clerk.create_household(&new_household(zhang, "方建国", id_card(3))).await.expect_err("duplicate");
    let member_error = clerk
        .add_member(
            first.id,
            &CreateMember {
                name: "方秀英".to_owned(),
                id_card_no: id_card(3),
                relation: Relation::Spouse,
                health: HealthStatus::Healthy,
                labour: Labour::Full,
                join_reason: Some(JoinReason::MarriageIn),
                joined_on: NaiveDate::from_ymd_opt(2020, 5, 1),
            },
        )
        .await
        .expect_err("duplicate member");

    assert_eq!(error.status(), Some(422));
    let message = &error.api_error().expect("wire error").field("head.id_card_no")[0];
    assert!(message.contains(&first.number), "names the household: {message}");
    assert_eq!(member_error.status(), Some(422));
}

#[tokio::test]
async fn a_clerk_gets_404_for_a_household_of_another_village() {
    let app = TestApp::spawn().await;
    let district = app.login("district").await;
    let huang = village(&district, "篁村").await;
    let other = district.create_household(&new_household(huang, "胡德胜", id_card(4))).await.expect("created");
    let clerk = app.login("clerk").await;

    let error = clerk.household(other.id).await.expect_err("out of scope");
    let list = clerk.households(&HouseholdQuery::default()).await.expect("list");

    assert_eq!(error.status(), Some(404));
    assert!(list.items.iter().all(|h| h.village.name == "张村"));
}

#[tokio::test]
async fn a_stale_update_is_409_and_loses_nothing() {
    let app = TestApp::spawn().await;
    let clerk = app.login("clerk").await;
    let zhang = village(&clerk, "张村").await;
    let created = clerk.create_household(&new_household(zhang, "吴春生", id_card(5))).await.expect("created");
    let update = |phone: &str, version| UpdateHousehold {
        category: HouseholdCategory::General,
        causes: vec![PovertyCause::Disability],
        phone: Some(phone.to_owned()),
        latitude: None,
        longitude: None,
        version,
    };

    let first = clerk.update_household(created.id, &update("13900000000", created.version)).await.expect("updated");
    let stale = clerk.update_household(created.id, &update("13900000001", created.version)).await.expect_err("stale");

    assert_eq!(stale.status(), Some(409));
    let now = clerk.household(created.id).await.expect("read");
    assert_eq!(now.phone.as_deref(), Some("13900000000"));
    assert_eq!(now.version, first.version);
    assert_eq!(first.version, created.version + 1);
}

#[tokio::test]
async fn auditors_see_masked_numbers_and_a_full_read_by_a_clerk_is_audited() {
    let app = TestApp::spawn().await;
    let clerk = app.login("clerk").await;
    let zhang = village(&clerk, "张村").await;
    let created = clerk.create_household(&new_household(zhang, "许金水", id_card(6))).await.expect("created");

    let full = clerk.household(created.id).await.expect("clerk reads");
    let auditor = app.login("auditor").await;
    let masked = auditor.household(created.id).await.expect("auditor reads");

    assert_eq!(full.members[0].id_card_no, id_card(6));
    assert!(!full.masked);
    assert!(masked.masked);
    assert_eq!(masked.members[0].id_card_no, format!("{}**********{}", &id_card(6)[..4], &id_card(6)[14..]));
    let admin = app.login("admin").await;
    let trail = admin
        .audit_events(&jingzhun_shared::org::AuditQuery {
            entity: Some("household".into()),
            entity_id: Some(created.id.to_string()),
            ..Default::default()
        })
        .await
        .expect("trail");
    let reads: Vec<_> = trail.items.iter().filter(|e| e.action == "read_personal_data").collect();
    assert_eq!(reads.len(), 1, "the clerk's full read, not the auditor's masked one");
    assert_eq!(reads[0].username.as_deref(), Some("clerk"));
}

#[tokio::test]
async fn per_capita_income_is_net_income_over_members_against_the_line() {
    let app = TestApp::spawn().await;
    demo_registry::load(&app.db).await.expect("demo registry");
    let clerk = app.login("clerk").await;
    let zhang = village(&clerk, "张村").await;
    let created = clerk.create_household(&new_household(zhang, "叶海燕", id_card(7))).await.expect("created");
    clerk
        .add_member(
            created.id,
            &CreateMember {
                name: "叶文杰".to_owned(),
                id_card_no: id_card(8),
                relation: Relation::Child,
                health: HealthStatus::Healthy,
                labour: Labour::NoCapacity,
                join_reason: Some(JoinReason::Birth),
                joined_on: NaiveDate::from_ymd_opt(2020, 5, 1),
            },
        )
        .await
        .expect("member");

    let record = clerk
        .record_income(
            created.id,
            &IncomeInput {
                year: 2020,
                wage_fen: Fen::new(600_000),
                operating_fen: Fen::new(150_000),
                property_fen: Fen::new(10_000),
                transfer_fen: Fen::new(50_001),
                expenses_fen: Fen::new(20_000),
            },
        )
        .await
        .expect("recorded");

    // (6,000 + 1,500 + 100 + 500.01 − 200) / 2 = 3,950.005 元 → 395,000 fen, rounded down.
    assert_eq!(record.members, 2);
    assert_eq!(record.per_capita_net_fen, Fen::new(395_000));
    assert_eq!(record.poverty_line_fen, Some(Fen::new(400_000)));
    assert_eq!(record.above_line, Some(false));
    assert_eq!(clerk.income_records(created.id, &PageQuery::default()).await.expect("list").items.len(), 1);
}

#[tokio::test]
async fn the_demo_registry_reproduces_the_seed_figures() {
    let app = TestApp::spawn().await;
    demo_registry::load(&app.db).await.expect("demo registry");
    let district = app.login("district").await;

    let overview = district.registry_overview(&OverviewQuery { year: Some(2020) }).await.expect("overview");

    assert_eq!((overview.households, overview.people), (2235, 4621));
    assert_eq!((overview.remaining_households, overview.remaining_people), (724, 1595));
    let by = |c| overview.by_category.iter().find(|x| x.category == c).map(|x| (x.households, x.people));
    assert_eq!(by(HouseholdCategory::Dibao), Some((556, 1243)));
    assert_eq!(by(HouseholdCategory::Wubao), Some((28, 34)));
    assert_eq!(by(HouseholdCategory::General), Some((140, 318)));
    assert_eq!((overview.poor_villages, overview.exited_villages), (12, 4));
    let clerk = app.login("clerk").await;
    let mine = clerk.registry_overview(&OverviewQuery { year: Some(2020) }).await.expect("clerk overview");
    assert!(mine.households > 0 && mine.households < overview.households, "a clerk counts their village only");
}

#[tokio::test]
async fn the_list_filters_by_township_status_and_category() {
    let app = TestApp::spawn().await;
    demo_registry::load(&app.db).await.expect("demo registry");
    let district = app.login("district").await;
    let tree = district.org_tree().await.expect("tree");
    let dongshan = tree.children.iter().find(|t| t.unit.name == "东山镇").expect("东山镇");
    let villages: Vec<&str> = dongshan.children.iter().map(|v| v.unit.name.as_str()).collect();

    let in_township = district
        .households(&HouseholdQuery { township_id: Some(dongshan.unit.id), per_page: Some(200), ..Default::default() })
        .await
        .expect("township filter");
    let wubao = district
        .households(&HouseholdQuery {
            status: Some(HouseholdStatus::Registered),
            category: Some(HouseholdCategory::Wubao),
            ..Default::default()
        })
        .await
        .expect("status and category filter");

    assert!(in_township.total > 0);
    assert!(in_township.items.iter().all(|h| villages.contains(&h.village.name.as_str())));
    assert_eq!(wubao.total, 28);
    assert!(
        wubao.items.iter().all(|h| h.category == HouseholdCategory::Wubao && h.status == HouseholdStatus::Registered)
    );
}

#[tokio::test]
async fn the_district_sets_a_year_s_poverty_line_and_a_clerk_may_not() {
    let app = TestApp::spawn().await;
    let district = app.login("district").await;
    let clerk = app.login("clerk").await;
    let line = jingzhun_shared::registry::PovertyLine {
        year: 2021,
        poverty_line_fen: Fen::new(420_000),
        exit_needs_previous_year: false,
    };

    let saved = district.set_poverty_line(line.year, &line).await.expect("saved");
    let refused = clerk.set_poverty_line(line.year, &line).await.expect_err("clerks read only");
    let lines = clerk.poverty_lines(&PageQuery::default()).await.expect("list").items;

    assert_eq!(saved, line);
    assert_eq!(refused.status(), Some(403));
    assert!(lines.contains(&line));
}

#[tokio::test]
async fn a_member_without_labour_capacity_is_spelled_none_on_the_wire() {
    let app = TestApp::spawn().await;
    demo_registry::load(&app.db).await.expect("demo registry");
    let clerk = app.login("clerk").await;
    let zhang = village(&clerk, "张村").await;
    let created = clerk.create_household(&new_household(zhang, "叶海燕", id_card(9))).await.expect("created");

    let response = reqwest::Client::new()
        .post(format!("{}/api/v1/households/{}/members", app.base, created.id))
        .bearer_auth(clerk.token().expect("token"))
        .json(&serde_json::json!({
            "name": "叶小文",
            "id_card_no": id_card(10),
            "relation": "child",
            "health": "healthy",
            "labour": "none",
            "join_reason": "birth",
            "joined_on": "2020-05-01",
        }))
        .send()
        .await
        .expect("answer");

    assert_eq!(response.status().as_u16(), 201);
    let member: serde_json::Value = response.json().await.expect("member");
    assert_eq!(member["labour"], "none");
}
