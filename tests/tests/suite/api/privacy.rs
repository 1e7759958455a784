//! Personal data by need: what a masked reader sees of a household and of the audit trail, the
//! export, the duplicate-number message, and the checks the crawl in `access` applies.

use calamine::Reader;
use jingzhun_shared::privacy::HIDDEN_FIELDS;
use jingzhun_shared::registry::{CreateMember, HouseholdQuery, JoinReason, UpdateHousehold};
use jingzhun_shared::{ClientError, HealthStatus, Labour, OrgUnitId, Relation};
use serde_json::Value;

use crate::api::registry::{id_card, new_household, village};
use crate::helpers::TestApp;

/// The phone the tests file, to be looked for in what masked readers get.
const PHONE: &str = "13912345678";

/// Whether `text` holds a whole ID-card number (17 digits and a digit or X) or a mobile number
/// (11 digits starting with 1), each standing alone.
fn holds_number(text: &str) -> Option<String> {
    let chars: Vec<char> = text.chars().collect();
    let mut start = 0;
    while start < chars.len() {
        if !chars[start].is_ascii_digit() {
            start += 1;
            continue;
        }
        let mut end = start;
        while end < chars.len() && (chars[end].is_ascii_digit() || (end - start == 17 && chars[end] == 'X')) {
            end += 1;
        }
        let run: String = chars[start..end].iter().collect();
        if run.len() == 18 || (run.len() == 11 && run.starts_with('1')) {
            return Some(run);
        }
        start = end;
    }
    None
}

/// Fails when `value` holds a hidden field with a value, a whole ID or phone number, or a
/// health value.
pub fn assert_no_personal_data(value: &Value, context: &str) {
    match value {
        Value::Object(map) => {
            for (key, field) in map {
                assert!(
                    !HIDDEN_FIELDS.contains(&key.as_str()) || field.is_null(),
                    "{context}: `{key}` = {field} reaches a reader without need"
                );
                assert_no_personal_data(field, context);
            }
        }
        Value::Array(items) => items.iter().for_each(|item| assert_no_personal_data(item, context)),
        Value::String(text) => {
            assert_eq!(holds_number(text), None, "{context}: a whole number in {text:?}");
            let health = HealthStatus::ALL.iter().any(|h| text == h.as_str() || text == h.zh());
            assert!(!health, "{context}: a health value {text:?}");
        }
        _ => {}
    }
}

/// The same for every cell of a downloaded workbook.
pub fn assert_no_personal_data_in_xlsx(bytes: &[u8], context: &str) {
    let mut book = calamine::open_workbook_auto_from_rs(std::io::Cursor::new(bytes.to_vec())).expect("a workbook");
    for name in book.sheet_names() {
        let range = book.worksheet_range(&name).expect("sheet");
        for cell in range.used_cells() {
            assert_eq!(holds_number(&cell.2.to_string()), None, "{context}: sheet {name} cell {:?}", (cell.0, cell.1));
        }
    }
}

/// As the clerk: a household with a phone, a member, an edit; and a failed login. Their audit
/// events keep the whole records, which masked readers must not see.
pub async fn leave_personal_data_in_the_trail(app: &TestApp) -> jingzhun_shared::HouseholdId {
    let clerk = app.login("clerk").await;
    let zhang = village(&clerk, "张村").await;
    let mut input = new_household(zhang, "司马青", id_card(501));
    input.head.phone = Some(PHONE.to_owned());
    input.head.health = Some(HealthStatus::Chronic);
    input.latitude = Some(29.71);
    input.longitude = Some(117.5);
    let household = clerk.create_household(&input).await.expect("created");
    let member = CreateMember {
        name: "司马红".to_owned(),
        id_card_no: id_card(502),
        relation: Relation::Spouse,
        health: HealthStatus::SeriousIllness,
        labour: Labour::Full,
        join_reason: Some(JoinReason::MarriageIn),
        joined_on: chrono::NaiveDate::from_ymd_opt(2020, 5, 1),
    };
    clerk.add_member(household.id, &member).await.expect("member added");
    let update = UpdateHousehold {
        category: household.category,
        causes: household.causes.clone(),
        phone: Some("13987654321".to_owned()),
        latitude: Some(29.72),
        longitude: Some(117.6),
        version: household.version + 1,
    };
    clerk.update_household(household.id, &update).await.expect("updated");
    let _ = app.api.login("clerk", "13912345678-typed-as-a-name").await;
    household.id
}

#[tokio::test]
async fn the_auditor_sees_a_household_masked_and_cannot_search_by_number() {
    let app = TestApp::spawn().await;
    let id = leave_personal_data_in_the_trail(&app).await;
    let auditor = app.login("auditor").await;
    let clerk = app.login("clerk").await;

    let masked = auditor.household(id).await.expect("the auditor reads the card");
    let whole = clerk.household(id).await.expect("the clerk reads the card");
    let prefix = id_card(501)[..14].to_owned();
    let search = HouseholdQuery { q: Some(prefix), ..Default::default() };
    let by_number_auditor = auditor.households(&search).await.expect("list");
    let by_number_clerk = clerk.households(&search).await.expect("list");

    assert!(masked.masked && !whole.masked);
    assert_eq!((masked.phone.as_deref(), masked.latitude, masked.longitude), (None, None, None));
    for m in &masked.members {
        assert_eq!((m.birth_date, m.sex, m.health), (None, None, None), "{}", m.name);
        assert!(m.id_card_no.contains("**********"));
    }
    assert_eq!(whole.phone.as_deref(), Some("13987654321"));
    assert!(whole.members.iter().all(|m| m.birth_date.is_some() && m.health.is_some()));
    assert_eq!(by_number_auditor.total, 0, "a number search confirms nothing to a masked reader");
    assert_eq!(by_number_clerk.items.first().map(|h| h.id), Some(id));
    assert_no_personal_data(&serde_json::to_value(&masked).expect("json"), "auditor's card");
}

#[tokio::test]
async fn the_enterprise_reaches_no_registry_record() {
    let app = TestApp::spawn().await;
    let id = leave_personal_data_in_the_trail(&app).await;
    let enterprise = app.login("enterprise").await;

    let list = enterprise.households(&HouseholdQuery::default()).await;
    let card = enterprise.household(id).await;

    for result in [list.map(|_| ()), card.map(|_| ())] {
        assert!(matches!(result, Err(ClientError::Api { status: 403, .. })), "{result:?}");
    }
}

#[tokio::test]
async fn the_audit_trail_is_masked_for_the_auditor_and_whole_for_the_admin() {
    let app = TestApp::spawn().await;
    leave_personal_data_in_the_trail(&app).await;
    let query = jingzhun_shared::org::AuditQuery { per_page: Some(200), ..Default::default() };

    let seen = app.login("auditor").await.audit_events(&query).await.expect("trail");
    let whole = app.login("admin").await.audit_events(&query).await.expect("trail");

    let seen = serde_json::to_value(&seen).expect("json");
    assert_no_personal_data(&seen, "auditor's trail");
    let whole = serde_json::to_value(&whole).expect("json").to_string();
    assert!(whole.contains(PHONE) && whole.contains(&id_card(502)), "the admin reads the trail whole");
}

#[tokio::test]
async fn answers_with_personal_data_are_not_stored_by_caches() {
    let app = TestApp::spawn().await;
    let id = leave_personal_data_in_the_trail(&app).await;
    let clerk = app.login("clerk").await;

    let response = reqwest::Client::new()
        .get(format!("{}/api/v1/households/{}", app.base, id.0))
        .bearer_auth(clerk.token().unwrap_or_default())
        .send()
        .await
        .expect("answer");

    assert_eq!(response.status().as_u16(), 200);
    let cache = response.headers().get("cache-control").and_then(|v| v.to_str().ok()).map(str::to_owned);
    assert_eq!(cache.as_deref(), Some("no-store"));
}

#[tokio::test]
async fn a_number_registered_elsewhere_is_refused_without_naming_the_household() {
    let app = TestApp::spawn().await;
    let admin = app.login("admin").await;
    let clerk = app.login("clerk").await;
    let far = admin.org_tree().await.expect("tree");
    let far = far.flatten().into_iter().find(|u| u.name == "呈阳村").map(|u| u.id).unwrap_or(OrgUnitId(0));
    let elsewhere = admin.create_household(&new_household(far, "欧阳远", id_card(601))).await.expect("filed");
    let zhang = village(&clerk, "张村").await;
    let mine = clerk.create_household(&new_household(zhang, "欧阳近", id_card(602))).await.expect("filed");

    let outside = clerk.create_household(&new_household(zhang, "欧阳某", id_card(601))).await;
    let inside = clerk.create_household(&new_household(zhang, "欧阳某", id_card(602))).await;

    let message = |result: Result<_, ClientError>| match result {
        Err(ClientError::Api { status: 422, error }) => error.field("head.id_card_no").join(" "),
        other => panic!("expected a 422, got {other:?}"),
    };
    let (outside, inside) = (message(outside), message(inside));
    assert!(outside.contains("其他地方") && !outside.contains(&elsewhere.number) && !outside.contains("欧阳远"));
    assert!(inside.contains(&mine.number), "inside the clerk's scope the household is named: {inside}");
}

#[tokio::test]
async fn the_export_is_for_writers_whole_and_recorded_once() {
    let app = TestApp::spawn().await;
    let district = app.login("district").await;
    let auditor = app.login("auditor").await;
    let total = district.households(&HouseholdQuery::default()).await.expect("list").total;

    let bytes = district.export_households(&HouseholdQuery::default()).await.expect("export");
    let refused = auditor.export_households(&HouseholdQuery::default()).await;
    let trail = app
        .login("admin")
        .await
        .audit_events(&jingzhun_shared::org::AuditQuery {
            entity: Some("household_export".to_owned()),
            ..Default::default()
        })
        .await
        .expect("trail");

    assert!(matches!(refused, Err(ClientError::Api { status: 403, .. })), "{refused:?}");
    let mut book = calamine::open_workbook_auto_from_rs(std::io::Cursor::new(bytes)).expect("workbook");
    let rows = book.worksheet_range("农户").expect("sheet");
    let heads: std::collections::BTreeSet<String> =
        rows.rows().skip(1).filter_map(|r| r.get(1).map(ToString::to_string)).collect();
    assert_eq!(u64::try_from(heads.len()).ok(), Some(total), "one head number per household, none cut off");
    assert_eq!(trail.items.len(), 1);
    let after = trail.items[0].after.clone().unwrap_or_default();
    assert_eq!(after["households"].as_u64(), Some(total));
    assert_eq!(after["people"].as_u64(), u64::try_from(rows.height() - 1).ok());
}

#[tokio::test]
async fn an_import_names_no_household_outside_the_writer_s_scope() {
    let app = TestApp::spawn().await;
    let admin = app.login("admin").await;
    let clerk = app.login("clerk").await;
    let tree = admin.org_tree().await.expect("tree");
    let far = tree.flatten().into_iter().find(|u| u.name == "呈阳村").map(|u| u.id).unwrap_or(OrgUnitId(0));
    let elsewhere = admin.create_household(&new_household(far, "欧阳远", id_card(611))).await.expect("filed");
    let other = admin.create_household(&new_household(far, "欧阳远", id_card(613))).await.expect("filed");
    let zhang = clerk.org_tree().await.expect("tree");
    let code = zhang.flatten().into_iter().find(|u| u.name == "张村").map(|u| u.code.clone()).expect("张村");
    let (far_head, mine, far_member) = (id_card(611), id_card(612), id_card(613));
    let mut file = jingzhun_shared::registry::IMPORT_COLUMNS.join(",");
    // A household led by a number filed in another township, and a new household one of whose
    // members is that number.
    for row in [
        [&code, &far_head, "一般贫困户", "", "", "欧阳远", &far_head, "户主", "健康", "普通劳动力"],
        [&code, &mine, "一般贫困户", "", "", "欧阳近", &mine, "户主", "健康", "普通劳动力"],
        [&code, &mine, "一般贫困户", "", "", "欧阳远", &far_member, "子女", "健康", "普通劳动力"],
    ] {
        file.push('\n');
        file.push_str(&row.join(","));
    }
    let query = jingzhun_shared::registry::ImportQuery {
        format: "csv".to_owned(),
        commit: false,
        progress: None,
        initial_load: false,
    };

    let report = clerk.import_households(&query, file.into_bytes()).await.expect("checked");

    assert!(report.errors.len() >= 2, "{report:?}");
    for error in &report.errors {
        assert!(error.message.contains("其他地方"), "{error:?}");
        for far in [&elsewhere, &other] {
            let named = [far.number.as_str(), "欧阳远", &far.id.0.to_string()];
            assert!(!named.iter().any(|n| error.message.contains(n)), "{error:?}");
        }
    }
}
