//! Who may change what: every writing route of the OpenAPI document, as every role, on a
//! record in the caller's scope and one outside it, with a body made from the route's own
//! schema (well-formed, so the role is what decides). A role without the right gets 403, one
//! with it never gets 401, 403 or a server error (a scoped role gets 404 outside its scope).

use jingzhun_shared::{Capability, Role};
use serde_json::{Map, Value, json};

use crate::api::access::{MISSING, Who, callers, permitted, scoped_ids};
use crate::helpers::TestApp;

/// The one table: every writing route with who may call it. A route the document describes
/// and this table lacks fails the test.
const WRITES: &[(&str, &str, Who)] = &[
    ("post", "/api/v1/org-units", Who::Can(Capability::ManageOrgUnits)),
    ("patch", "/api/v1/org-units/{id}", Who::Can(Capability::ManageOrgUnits)),
    ("post", "/api/v1/users", Who::Can(Capability::ManageUsers)),
    ("post", "/api/v1/users/{id}/disable", Who::Can(Capability::ManageUsers)),
    ("post", "/api/v1/users/{id}/enable", Who::Can(Capability::ManageUsers)),
    ("post", "/api/v1/users/{id}/password", Who::Can(Capability::ManageUsers)),
    ("post", "/api/v1/auth/password", Who::User),
    ("post", "/api/v1/households", Who::Can(Capability::EditRegistry)),
    ("put", "/api/v1/households/{id}", Who::Can(Capability::EditRegistry)),
    ("post", "/api/v1/households/{id}/members", Who::Can(Capability::EditRegistry)),
    ("put", "/api/v1/members/{id}", Who::Can(Capability::EditRegistry)),
    ("post", "/api/v1/members/{id}/leave", Who::Can(Capability::EditRegistry)),
    ("post", "/api/v1/households/{id}/category", Who::Can(Capability::EditRegistry)),
    ("post", "/api/v1/households/{id}/income-records", Who::Can(Capability::EditRegistry)),
    ("post", "/api/v1/households/import", Who::Can(Capability::EditRegistry)),
    ("post", "/api/v1/households/{id}/monitoring", Who::Can(Capability::MonitorHouseholds)),
    ("post", "/api/v1/households/{id}/monitoring/clear", Who::Can(Capability::MonitorHouseholds)),
    ("put", "/api/v1/settings/poverty-lines/{year}", Who::Can(Capability::SetPovertyLine)),
    ("post", "/api/v1/applications", Who::Can(Capability::FileApplication)),
    ("post", "/api/v1/applications/{id}/advance", Who::Stage),
    ("post", "/api/v1/applications/{id}/reject", Who::Stage),
    ("post", "/api/v1/applications/{id}/photos", Who::Stage),
    ("post", "/api/v1/fund-batches", Who::Can(Capability::EditFunds)),
    ("patch", "/api/v1/fund-batches/{id}", Who::Can(Capability::EditFunds)),
    ("delete", "/api/v1/fund-batches/{id}", Who::Can(Capability::EditFunds)),
    ("post", "/api/v1/projects", Who::Can(Capability::EditFunds)),
    ("patch", "/api/v1/projects/{id}", Who::Can(Capability::EditFunds)),
    ("delete", "/api/v1/projects/{id}", Who::Can(Capability::EditFunds)),
    ("post", "/api/v1/projects/{id}/expenditures", Who::Can(Capability::EditFunds)),
    ("delete", "/api/v1/expenditures/{id}", Who::Can(Capability::EditFunds)),
    ("post", "/api/v1/expenditures/import", Who::Can(Capability::EditFunds)),
    ("post", "/api/v1/subsidy-menu", Who::Can(Capability::EditFunds)),
    ("put", "/api/v1/subsidy-menu/{id}", Who::Can(Capability::EditFunds)),
    ("delete", "/api/v1/subsidy-menu/{id}", Who::Can(Capability::EditFunds)),
    ("post", "/api/v1/industry-subsidies", Who::Can(Capability::EditRegistry)),
    ("delete", "/api/v1/industry-subsidies/{id}", Who::Can(Capability::EditRegistry)),
    ("post", "/api/v1/business-entities", Who::Can(Capability::EditFunds)),
    ("put", "/api/v1/business-entities/{id}", Who::Can(Capability::EditFunds)),
    ("delete", "/api/v1/business-entities/{id}", Who::Can(Capability::EditFunds)),
    ("post", "/api/v1/pv-stations", Who::Can(Capability::EditFunds)),
    ("put", "/api/v1/pv-stations/{id}", Who::Can(Capability::EditFunds)),
    ("delete", "/api/v1/pv-stations/{id}", Who::Can(Capability::EditFunds)),
    ("post", "/api/v1/pv-stations/{id}/incomes", Who::Can(Capability::EditFunds)),
    ("post", "/api/v1/pv-stations/{id}/distributions", Who::Can(Capability::EditFunds)),
    ("put", "/api/v1/industry/year-settings/{year}", Who::Can(Capability::EditFunds)),
    ("post", "/api/v1/health-claims", Who::Can(Capability::EditHealth)),
    ("post", "/api/v1/health-claims/import", Who::Can(Capability::EditHealth)),
    ("post", "/api/v1/loans/import", Who::Can(Capability::EditFunds)),
    ("put", "/api/v1/health-claims/{id}", Who::Can(Capability::EditHealth)),
    ("put", "/api/v1/health-settings/{year}", Who::Can(Capability::EditHealth)),
    ("post", "/api/v1/premium-subsidies", Who::Can(Capability::EditHealth)),
    ("delete", "/api/v1/premium-subsidies/{id}", Who::Can(Capability::EditHealth)),
    ("post", "/api/v1/doctor-signings", Who::Can(Capability::EditHealth)),
    ("put", "/api/v1/doctor-signings/{id}", Who::Can(Capability::EditHealth)),
    ("post", "/api/v1/asset-investments", Who::Can(Capability::EditFunds)),
    ("put", "/api/v1/asset-investments/{id}", Who::Can(Capability::EditFunds)),
    ("put", "/api/v1/villages/{id}/profile", Who::Can(Capability::EditVillages)),
    ("put", "/api/v1/villages/{id}/checks", Who::Can(Capability::EditVillages)),
    ("post", "/api/v1/villages/{id}/exit", Who::Can(Capability::FileVillageExit)),
    ("post", "/api/v1/villages/{id}/exit/notice", Who::Can(Capability::FileVillageExit)),
    ("post", "/api/v1/villages/{id}/exit/announce", Who::Can(Capability::EditVillages)),
    ("post", "/api/v1/villages/{id}/exit/reject", Who::Can(Capability::FileVillageExit)),
    ("put", "/api/v1/settings/village-exit/{year}", Who::Can(Capability::EditVillages)),
    ("post", "/api/v1/student-aid", Who::Can(Capability::EditRegistry)),
    ("delete", "/api/v1/student-aid/{id}", Who::Can(Capability::EditRegistry)),
    ("post", "/api/v1/student-aid/import", Who::Can(Capability::EditRegistry)),
    ("put", "/api/v1/education/year-settings/{year}", Who::Can(Capability::EditFunds)),
    ("post", "/api/v1/employments", Who::Can(Capability::EditRegistry)),
    ("delete", "/api/v1/employments/{id}", Who::Can(Capability::EditRegistry)),
    ("post", "/api/v1/employments/import", Who::Can(Capability::EditRegistry)),
    ("post", "/api/v1/employment-bases", Who::Can(Capability::EditFunds)),
    ("put", "/api/v1/employment-bases/{id}", Who::Can(Capability::EditFunds)),
    ("post", "/api/v1/trainings", Who::Can(Capability::EditRegistry)),
    ("delete", "/api/v1/trainings/{id}", Who::Can(Capability::EditRegistry)),
    ("post", "/api/v1/transport-subsidies", Who::Can(Capability::EditRegistry)),
    ("delete", "/api/v1/transport-subsidies/{id}", Who::Can(Capability::EditRegistry)),
    ("post", "/api/v1/trainings/import", Who::Can(Capability::EditRegistry)),
    ("post", "/api/v1/housing-checks/import", Who::Can(Capability::EditRegistry)),
    ("post", "/api/v1/housing-renovations/import", Who::Can(Capability::EditRegistry)),
    ("post", "/api/v1/assistance-payments/import", Who::Can(Capability::EditRegistry)),
    ("post", "/api/v1/transport-subsidies/import", Who::Can(Capability::EditRegistry)),
    ("post", "/api/v1/loans", Who::Can(Capability::EditFunds)),
    ("post", "/api/v1/loans/{id}/repayments", Who::Can(Capability::EditFunds)),
    ("post", "/api/v1/loans/{id}/extensions", Who::Can(Capability::EditFunds)),
    ("post", "/api/v1/loans/{id}/returns", Who::Can(Capability::EditFunds)),
    ("post", "/api/v1/interest-subsidy-batches", Who::Can(Capability::EditFunds)),
    ("post", "/api/v1/interest-subsidy-batches/{id}/approve", Who::Can(Capability::EditFunds)),
    ("post", "/api/v1/interest-subsidy-batches/{id}/pay", Who::Can(Capability::EditFunds)),
    ("put", "/api/v1/credit-plans/{year}", Who::Can(Capability::EditFunds)),
    ("post", "/api/v1/risk-fund", Who::Can(Capability::EditFunds)),
    ("post", "/api/v1/enterprises", Who::Can(Capability::ManagePairing)),
    ("put", "/api/v1/enterprises/{id}", Who::Can(Capability::ManagePairing)),
    ("post", "/api/v1/pairings", Who::Can(Capability::ManagePairing)),
    ("post", "/api/v1/assistance-logs", Who::Can(Capability::LogAssistance)),
    ("put", "/api/v1/assistance-logs/{id}", Who::Can(Capability::LogAssistance)),
    ("post", "/api/v1/assistance-logs/{id}/confirm", Who::Can(Capability::ManagePairing)),
    ("post", "/api/v1/assistance-logs/{id}/photos", Who::Can(Capability::LogAssistance)),
    ("post", "/api/v1/donations", Who::Can(Capability::ManagePairing)),
    ("post", "/api/v1/cadres", Who::Can(Capability::ManageCadres)),
    ("post", "/api/v1/cadre-pairings", Who::Can(Capability::ManageCadres)),
    ("post", "/api/v1/visits", Who::Can(Capability::RecordVisit)),
    ("post", "/api/v1/assistance-plans", Who::Can(Capability::PlanAssistance)),
    ("post", "/api/v1/assistance-plans/{id}/done", Who::Can(Capability::PlanAssistance)),
    ("delete", "/api/v1/assistance-plans/{id}", Who::Can(Capability::PlanAssistance)),
    ("post", "/api/v1/work-teams", Who::Can(Capability::ManageCadres)),
    ("post", "/api/v1/work-teams/{id}/members", Who::Can(Capability::ManageCadres)),
    ("post", "/api/v1/work-teams/{id}/attendance", Who::Can(Capability::RecordAttendance)),
    ("post", "/api/v1/work-teams/{id}/leave", Who::Can(Capability::RecordAttendance)),
    ("post", "/api/v1/work-teams/leave/{id}/decision", Who::Can(Capability::ApproveLeave)),
    ("post", "/api/v1/work-teams/{id}/log", Who::Can(Capability::RecordAttendance)),
    ("post", "/api/v1/housing-checks", Who::Can(Capability::EditRegistry)),
    ("post", "/api/v1/housing-checks/{id}/photos", Who::Can(Capability::EditRegistry)),
    ("post", "/api/v1/housing-renovations", Who::Can(Capability::EditRegistry)),
    ("put", "/api/v1/housing-renovations/{id}", Who::Can(Capability::EditRegistry)),
    ("put", "/api/v1/social-security/standards/{year}", Who::Can(Capability::SetPovertyLine)),
    ("post", "/api/v1/assistance-payments", Who::Can(Capability::EditRegistry)),
    ("post", "/api/v1/ecology-compensations", Who::Can(Capability::EditRegistry)),
    ("post", "/api/v1/ecology-compensations/import", Who::Can(Capability::EditRegistry)),
    ("post", "/api/v1/inspections", Who::Can(Capability::ManageRectification)),
    ("post", "/api/v1/problems", Who::Can(Capability::ManageRectification)),
    ("post", "/api/v1/problems/{id}/submit", Who::Can(Capability::RectifyProblems)),
    ("post", "/api/v1/problems/{id}/close", Who::Can(Capability::ManageRectification)),
    ("post", "/api/v1/attachments", Who::Can(Capability::AttachFiles)),
    ("delete", "/api/v1/attachments/{id}", Who::Can(Capability::AttachFiles)),
    ("post", "/api/v1/problems/{id}/reopen", Who::Can(Capability::ManageRectification)),
    ("post", "/api/v1/problems/{id}/measures", Who::Can(Capability::RectifyProblems)),
    ("put", "/api/v1/measures/{id}/done", Who::Can(Capability::RectifyProblems)),
    ("post", "/api/v1/accountability", Who::Can(Capability::ManageRectification)),
    ("post", "/api/v1/warnings/run", Who::Can(Capability::RunWarnings)),
    ("post", "/api/v1/warnings/{id}/check", Who::Can(Capability::CheckWarnings)),
    ("put", "/api/v1/warning-settings/{year}", Who::Can(Capability::RunWarnings)),
    ("post", "/api/v1/disaster-reports", Who::Can(Capability::CheckWarnings)),
];

/// Routes any caller may use, with or without an account; not part of the table.
const OPEN: &[&str] = &["/api/v1/auth/login"];

/// A well-formed value of `schema`: required properties only, the first enum value, a date in
/// 2020, and 1 for numbers.
fn sample(doc: &Value, schema: &Value) -> Value {
    sample_with(doc, schema, &json!("一"))
}

/// [`sample`] with every string (that is not a date or an enum) set to `text`.
fn sample_with(doc: &Value, schema: &Value, text: &Value) -> Value {
    if let Some(reference) = schema.get("$ref").and_then(Value::as_str) {
        let name = reference.rsplit('/').next().unwrap_or_default();
        return sample_with(doc, &doc["components"]["schemas"][name], text);
    }
    if let Some(first) = schema.get("enum").and_then(Value::as_array).and_then(|v| v.first()) {
        return first.clone();
    }
    if let Some(parts) = schema.get("allOf").and_then(Value::as_array) {
        // A flattened type: the object of every part's properties together.
        let mut object = Map::new();
        for part in parts {
            if let Value::Object(fields) = sample_with(doc, part, text) {
                object.extend(fields);
            }
        }
        return Value::Object(object);
    }
    if let Some(options) = schema.get("oneOf").or(schema.get("anyOf")).and_then(Value::as_array) {
        let chosen = options.iter().find(|o| o.get("type") != Some(&json!("null")));
        return chosen.map_or(Value::Null, |o| sample_with(doc, o, text));
    }
    let kind = match schema.get("type") {
        Some(Value::Array(kinds)) => kinds.iter().find(|k| *k != "null").cloned().unwrap_or(Value::Null),
        Some(kind) => kind.clone(),
        None => Value::Null,
    };
    match kind.as_str() {
        Some("object") => {
            let mut object = Map::new();
            let required = schema.get("required").and_then(Value::as_array).cloned().unwrap_or_default();
            for name in required.iter().filter_map(Value::as_str) {
                object.insert(name.to_owned(), sample_with(doc, &schema["properties"][name], text));
            }
            Value::Object(object)
        }
        Some("string") if schema.get("format") == Some(&json!("date")) => json!("2020-06-01"),
        Some("string") => text.clone(),
        Some("integer") => json!(1),
        Some("number") => json!(1.0),
        Some("boolean") => json!(false),
        Some("array") => json!([]),
        _ => Value::Null,
    }
}

/// A clerk account of 张村 for the user routes to act on.
async fn target_user(app: &TestApp) -> jingzhun_shared::org::CreateUser {
    let clerk = app.login("clerk").await.me().await.expect("me");
    jingzhun_shared::org::CreateUser {
        username: "matrix_target".to_owned(),
        display_name: Some("矩阵测试".to_owned()),
        password: "matrix-target-password".to_owned(),
        role: Role::VillageClerk,
        org_unit_id: clerk.org_unit.id,
        enterprise_id: None,
        cadre_id: None,
    }
}

/// What a caller may get: `None` means anything but 401, 403 and a server error.
fn expected(who: Who, role: Role, inside: bool) -> Option<u16> {
    if !permitted(who, role) {
        return Some(403);
    }
    match role {
        Role::VillageClerk | Role::TownshipOfficial if !inside => Some(404),
        _ => None,
    }
}

#[tokio::test]
async fn every_role_changes_exactly_what_the_table_allows_in_and_out_of_scope() {
    let app = TestApp::spawn_full().await;
    let callers = callers(&app).await;
    let target = app.login("admin").await.create_user(&target_user(&app).await).await.expect("user").id;
    let doc = app.api.openapi().await.expect("document");
    let mut described = Vec::new();
    for (path, item) in doc["paths"].as_object().expect("paths") {
        for method in item.as_object().into_iter().flat_map(|m| m.keys()).filter(|m| *m != "get") {
            if !OPEN.contains(&path.as_str()) {
                described.push((method.clone(), path.clone()));
            }
        }
    }
    let missing: Vec<_> =
        described.iter().filter(|(m, p)| !WRITES.iter().any(|(wm, wp, _)| wm == m && wp == p)).collect();
    assert!(missing.is_empty(), "writing routes the access table does not cover: {missing:?}");
    assert_eq!(described.len(), WRITES.len(), "access table rows for routes that do not exist");

    let mut wrong = Vec::new();
    // The roles without a right go first, so a delete by a writer leaves nothing untested.
    let mut order: Vec<_> = callers.values().collect();
    for (method, path, who) in WRITES {
        order.sort_by_key(|c| permitted(*who, c.role));
        let operation = &doc["paths"][*path][*method];
        let body = operation["requestBody"]["content"]["application/json"]["schema"].clone();
        let body = (!body.is_null()).then(|| sample(&doc, &body));
        let cases: Vec<(String, bool)> = if path.starts_with("/api/v1/users/") {
            // A user no caller logs in as, so disabling it locks nobody out of the test.
            vec![(path.replace("{id}", &target.0.to_string()), true)]
        } else if path.contains("{id}") {
            let (inside, outside) = scoped_ids(&app, &callers, path).await;
            let url = |id: i64| path.replace("{id}", &id.to_string());
            vec![(url(outside), outside == MISSING), (url(inside), true)]
        } else {
            vec![(path.replace("{year}", "2020"), true)]
        };
        for (url, inside) in cases {
            for caller in &order {
                let request = reqwest::Client::new()
                    .request(method.to_uppercase().parse().expect("method"), format!("{}{url}", app.base))
                    .bearer_auth(&caller.token);
                let request = match &body {
                    Some(body) => request.json(body),
                    None if url.ends_with("/import") || url.ends_with("/photos") => request
                        .query(&[("format", "xlsx")])
                        .header("content-type", "application/octet-stream")
                        .body(vec![0u8; 64]),
                    None => request,
                };
                let got = request.send().await.expect("server answers").status().as_u16();
                let fine = match expected(*who, caller.role, inside) {
                    Some(want) => got == want,
                    None => got != 401 && got != 403 && got < 500,
                };
                // A stage role may meet an application standing at another role's stage.
                let not_their_stage = *who == Who::Stage && got == 403 && permitted(*who, caller.role);
                if !fine && !not_their_stage {
                    wrong.push(format!("{:?} {} {url}: {got}", caller.role, method.to_uppercase()));
                }
            }
        }
    }
    assert!(wrong.is_empty(), "{} answers differ from the table:\n{}", wrong.len(), wrong.join("\n"));
}

#[tokio::test]
async fn text_past_every_column_is_refused_never_a_server_error() {
    let app = TestApp::spawn_full().await;
    let admin = app.login("admin").await;
    let token = admin.token().unwrap_or_default().to_owned();
    let callers = callers(&app).await;
    let doc = app.api.openapi().await.expect("document");
    let long = json!("很".repeat(300));
    let mut failed = Vec::new();
    for (method, path, _) in WRITES {
        let schema = &doc["paths"][*path][*method]["requestBody"]["content"]["application/json"]["schema"];
        if schema.is_null() {
            continue;
        }
        let (inside, _) = scoped_ids(&app, &callers, path).await;
        let url = path.replace("{id}", &inside.to_string()).replace("{year}", "2020");
        let got = reqwest::Client::new()
            .request(method.to_uppercase().parse().expect("method"), format!("{}{url}", app.base))
            .bearer_auth(&token)
            .json(&sample_with(&doc, schema, &long))
            .send()
            .await
            .expect("server answers")
            .status()
            .as_u16();
        if got >= 500 {
            failed.push(format!("{} {url}: {got}", method.to_uppercase()));
        }
    }
    assert!(failed.is_empty(), "300-character text answered with a server error:\n{}", failed.join("\n"));
}
