use jingzhun_shared::ApiError;

use crate::helpers::TestApp;

#[tokio::test]
async fn malformed_json_is_a_400_in_the_wire_format() {
    let app = TestApp::spawn().await;

    let response = reqwest::Client::new()
        .post(format!("{}/api/v1/auth/login", app.base))
        .header("Content-Type", "application/json")
        .body("{\"username\": \"clerk\", ")
        .send()
        .await
        .expect("answer");

    assert_eq!(response.status().as_u16(), 400);
    let body: ApiError = response.json().await.expect("wire error body");
    assert_eq!(body.code, "bad_request");
    assert!(!body.message.is_empty());
}

#[tokio::test]
async fn json_of_the_wrong_shape_is_a_400_not_a_500() {
    let app = TestApp::spawn().await;

    let response = reqwest::Client::new()
        .post(format!("{}/api/v1/auth/login", app.base))
        .json(&serde_json::json!({ "username": 42 }))
        .send()
        .await
        .expect("answer");

    assert_eq!(response.status().as_u16(), 400);
}

#[tokio::test]
async fn an_oversized_body_is_a_413() {
    let app = TestApp::spawn().await;
    let huge = format!("{{\"username\": \"{}\", \"password\": \"x\"}}", "a".repeat(2 * 1024 * 1024));

    let response = reqwest::Client::new()
        .post(format!("{}/api/v1/auth/login", app.base))
        .header("Content-Type", "application/json")
        .body(huge)
        .send()
        .await
        .expect("answer");

    assert_eq!(response.status().as_u16(), 413);
    let body: ApiError = response.json().await.expect("wire error body");
    assert_eq!(body.code, "payload_too_large");
}

#[tokio::test]
async fn an_unknown_api_path_is_a_json_404_and_a_bad_id_a_400() {
    let app = TestApp::spawn().await;
    let admin = app.login("admin").await;

    let unknown = reqwest::get(format!("{}/api/v1/no-such-thing", app.base)).await.expect("answer");
    let bad_id = reqwest::Client::new()
        .get(format!("{}/api/v1/org-units/abc", app.base))
        .bearer_auth(admin.token().expect("token"))
        .send()
        .await
        .expect("answer");

    assert_eq!(unknown.status().as_u16(), 404);
    assert_eq!(unknown.json::<ApiError>().await.expect("wire error").code, "not_found");
    assert_eq!(bad_id.status().as_u16(), 400);
}

#[tokio::test]
async fn pages_carry_security_headers_and_health_answers() {
    let app = TestApp::spawn().await;

    let health = app.api.health().await.expect("healthy");
    let response = reqwest::get(format!("{}/healthz", app.base)).await.expect("answer");

    assert_eq!(health.status, "ok");
    let headers = response.headers();
    let csp = headers.get("content-security-policy").and_then(|v| v.to_str().ok()).unwrap_or_default();
    assert!(csp.contains("script-src 'self'"));
    assert!(!csp.contains("unsafe-eval'") || csp.contains("wasm-unsafe-eval"));
    assert_eq!(headers.get("x-content-type-options").and_then(|v| v.to_str().ok()), Some("nosniff"));
    assert_eq!(headers.get("x-frame-options").and_then(|v| v.to_str().ok()), Some("DENY"));
}

#[tokio::test]
async fn the_openapi_document_describes_every_route() {
    let app = TestApp::spawn().await;

    let doc = app.api.openapi().await.expect("document");

    let paths = doc["paths"].as_object().expect("paths");
    let expected = [
        ("/healthz", "get"),
        ("/api/v1/openapi.json", "get"),
        ("/api/v1/auth/login", "post"),
        ("/api/v1/auth/me", "get"),
        ("/api/v1/org-units", "get"),
        ("/api/v1/org-units", "post"),
        ("/api/v1/org-units/{id}", "get"),
        ("/api/v1/org-units/{id}", "patch"),
        ("/api/v1/users", "get"),
        ("/api/v1/users", "post"),
        ("/api/v1/users/{id}/disable", "post"),
        ("/api/v1/users/{id}/enable", "post"),
        ("/api/v1/audit-events", "get"),
        ("/api/v1/households", "get"),
        ("/api/v1/households", "post"),
        ("/api/v1/households/{id}", "get"),
        ("/api/v1/households/{id}", "put"),
        ("/api/v1/households/{id}/members", "get"),
        ("/api/v1/households/{id}/members", "post"),
        ("/api/v1/households/{id}/income-records", "get"),
        ("/api/v1/households/{id}/income-records", "post"),
        ("/api/v1/applications", "get"),
        ("/api/v1/applications", "post"),
        ("/api/v1/applications/{id}", "get"),
        ("/api/v1/applications/{id}/advance", "post"),
        ("/api/v1/applications/{id}/reject", "post"),
        ("/api/v1/registry/overview", "get"),
        ("/api/v1/households/import", "post"),
        ("/api/v1/households/import-progress/{token}", "get"),
        ("/api/v1/households/import-template.xlsx", "get"),
        ("/api/v1/households/export.xlsx", "get"),
        ("/api/v1/settings/poverty-lines", "get"),
        ("/api/v1/settings/poverty-lines/{year}", "put"),
        ("/api/v1/fund-batches", "get"),
        ("/api/v1/fund-batches", "post"),
        ("/api/v1/fund-batches/{id}", "get"),
        ("/api/v1/fund-batches/{id}", "delete"),
        ("/api/v1/fund-batches/{id}/ledger.xlsx", "get"),
        ("/api/v1/projects", "get"),
        ("/api/v1/projects", "post"),
        ("/api/v1/projects/{id}", "get"),
        ("/api/v1/projects/{id}", "patch"),
        ("/api/v1/projects/{id}", "delete"),
        ("/api/v1/projects/{id}/expenditures", "get"),
        ("/api/v1/projects/{id}/expenditures", "post"),
        ("/api/v1/expenditures/{id}", "delete"),
        ("/api/v1/expenditures/import", "post"),
        ("/api/v1/expenditures/import-template.xlsx", "get"),
        ("/api/v1/funds/rates", "get"),
        ("/api/v1/funds/by-kind", "get"),
        ("/api/v1/subsidy-menu", "get"),
        ("/api/v1/subsidy-menu", "post"),
        ("/api/v1/subsidy-menu/{id}", "put"),
        ("/api/v1/subsidy-menu/{id}", "delete"),
        ("/api/v1/industry-subsidies", "get"),
        ("/api/v1/industry-subsidies", "post"),
        ("/api/v1/industry-subsidies/{id}", "delete"),
        ("/api/v1/business-entities", "get"),
        ("/api/v1/business-entities", "post"),
        ("/api/v1/business-entities/{id}", "get"),
        ("/api/v1/business-entities/{id}", "put"),
        ("/api/v1/business-entities/{id}", "delete"),
        ("/api/v1/pv-stations", "get"),
        ("/api/v1/pv-stations", "post"),
        ("/api/v1/pv-stations/{id}", "get"),
        ("/api/v1/pv-stations/{id}", "put"),
        ("/api/v1/pv-stations/{id}", "delete"),
        ("/api/v1/pv-stations/{id}/dividends", "get"),
        ("/api/v1/pv-stations/{id}/dividends", "post"),
        ("/api/v1/asset-investments", "get"),
        ("/api/v1/asset-investments", "post"),
        ("/api/v1/asset-investments/{id}", "put"),
        ("/api/v1/industry/summary", "get"),
    ];
    for (path, method) in expected {
        assert!(paths.get(path).and_then(|p| p.get(method)).is_some(), "{method} {path} is described");
    }
    let described: usize = paths.values().map(|p| p.as_object().map_or(0, |m| m.len())).sum();
    assert_eq!(described, expected.len(), "no route is described that the test does not know");
}
