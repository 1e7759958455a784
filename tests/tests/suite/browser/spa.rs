use crate::helpers::TestApp;

#[tokio::test]
async fn client_routes_fall_back_to_the_app_page_and_assets_are_hashed() {
    let app = TestApp::spawn_empty().await;

    let page = reqwest::get(format!("{}/org-units", app.base)).await.expect("answer");

    assert_eq!(page.status().as_u16(), 200);
    assert!(
        page.headers().get("content-type").and_then(|v| v.to_str().ok()).is_some_and(|v| v.starts_with("text/html"))
    );
    let html = page.text().await.expect("body");
    assert!(html.contains("<script type=\"module\" src=\"/assets/boot-"), "the boot script is a hashed file: {html}");
    assert!(!html.contains("<script>"), "no inline script (the CSP forbids it)");
}
