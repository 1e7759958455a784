use std::collections::BTreeSet;

use jingzhun_shared::ApiError;

use crate::helpers::TestApp;

/// Sends `body` as JSON text to the login route, whatever it holds.
async fn post_login_json(app: &TestApp, body: String) -> reqwest::Response {
    reqwest::Client::new()
        .post(format!("{}/api/v1/auth/login", app.base))
        .header("Content-Type", "application/json")
        .body(body)
        .send()
        .await
        .expect("answer")
}

#[tokio::test]
async fn malformed_json_is_a_400_in_the_wire_format() {
    let app = TestApp::spawn().await;

    let response = post_login_json(&app, "{\"username\": \"clerk\", ".to_owned()).await;

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

    let response = post_login_json(&app, huge).await;

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
async fn the_openapi_document_describes_exactly_the_routes_the_client_declares() {
    let app = TestApp::spawn().await;

    let doc = app.api.openapi().await.expect("document");

    let paths = doc["paths"].as_object().expect("paths");
    let described: BTreeSet<(String, String)> = paths
        .iter()
        .flat_map(|(path, item)| {
            item.as_object().into_iter().flat_map(|methods| methods.keys()).map(|method| (method.clone(), path.clone()))
        })
        .collect();
    let declared: BTreeSet<(String, String)> =
        jingzhun_shared::client::routes().map(|(method, path)| (method.to_owned(), path.to_owned())).collect();
    let undocumented: Vec<_> = declared.difference(&described).collect();
    let unknown_to_the_client: Vec<_> = described.difference(&declared).collect();
    assert!(undocumented.is_empty(), "declared by the client but not described: {undocumented:?}");
    assert!(unknown_to_the_client.is_empty(), "described but missing from the client: {unknown_to_the_client:?}");
    assert!(declared.len() >= 73, "every route of the registry, funds and industry is declared");
}
