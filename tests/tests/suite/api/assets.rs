//! The frontend's files: the bundle's hashed assets sent precompressed as the browser accepts
//! them and cacheable for a year; `index.html` (the app) and `login.html` (the login module, at
//! `/login`) revalidated; nothing outside the folder.

use crate::helpers::{TempDir, TestApp};

/// A built frontend of its own: index.html and one asset with distinct brotli and gzip copies,
/// so the body tells which copy was sent.
fn frontend() -> TempDir {
    let dir = TempDir::new();
    std::fs::create_dir_all(dir.0.join("assets")).expect("assets folder");
    std::fs::write(dir.0.join("index.html"), "<!doctype html><title>精准</title>").expect("index");
    std::fs::write(dir.0.join("assets/app-1.wasm"), b"plain wasm").expect("wasm");
    std::fs::write(dir.0.join("assets/app-1.wasm.br"), b"brotli copy").expect("br");
    std::fs::write(dir.0.join("assets/app-1.wasm.gz"), b"gzip copy").expect("gz");
    std::fs::write(dir.0.join("assets/app-1.css"), b"body{}").expect("css");
    std::fs::write(dir.0.join("secret.txt"), b"outside").expect("outside");
    dir
}

async fn get(app: &TestApp, path: &str, accept: Option<&str>) -> (u16, reqwest::header::HeaderMap, Vec<u8>) {
    let mut request = reqwest::Client::new().get(format!("{}{path}", app.base));
    if let Some(accept) = accept {
        request = request.header("Accept-Encoding", accept);
    }
    let response = request.send().await.expect("answer");
    let status = response.status().as_u16();
    let headers = response.headers().clone();
    (status, headers, response.bytes().await.expect("body").to_vec())
}

fn header<'a>(headers: &'a reqwest::header::HeaderMap, name: &str) -> &'a str {
    headers.get(name).and_then(|v| v.to_str().ok()).unwrap_or("")
}

#[tokio::test]
async fn an_asset_is_sent_as_the_smallest_copy_the_browser_accepts_and_cached_for_a_year() {
    let dir = frontend();
    let app = TestApp::spawn_with(|config| config.static_dir = dir.0.clone()).await;

    let (status, headers, body) = get(&app, "/assets/app-1.wasm", Some("gzip, deflate, br")).await;
    assert_eq!(status, 200);
    assert_eq!(body, b"brotli copy");
    assert_eq!(header(&headers, "content-encoding"), "br");
    assert_eq!(header(&headers, "content-type"), "application/wasm");
    assert!(header(&headers, "vary").to_ascii_lowercase().contains("accept-encoding"));
    let cache = header(&headers, "cache-control");
    assert!(cache.contains("max-age=31536000") && cache.contains("immutable"), "{cache}");

    let (_, headers, body) = get(&app, "/assets/app-1.wasm", Some("gzip")).await;
    assert_eq!((body.as_slice(), header(&headers, "content-encoding")), (&b"gzip copy"[..], "gzip"));

    let (_, headers, body) = get(&app, "/assets/app-1.wasm", Some("br;q=0, gzip;q=0")).await;
    assert_eq!(body, b"plain wasm");
    assert_eq!(header(&headers, "content-encoding"), "");

    let (_, headers, body) = get(&app, "/assets/app-1.wasm", None).await;
    assert_eq!((body.as_slice(), header(&headers, "content-encoding")), (&b"plain wasm"[..], ""));
}

#[tokio::test]
async fn an_asset_without_compressed_copies_is_sent_as_it_is() {
    let dir = frontend();
    let app = TestApp::spawn_with(|config| config.static_dir = dir.0.clone()).await;

    let (status, headers, body) = get(&app, "/assets/app-1.css", Some("br")).await;

    assert_eq!((status, body.as_slice()), (200, &b"body{}"[..]));
    assert!(header(&headers, "content-type").starts_with("text/css"));
    assert_ne!(header(&headers, "content-encoding"), "br");
}

#[tokio::test]
async fn the_page_itself_is_revalidated_on_every_load() {
    let dir = frontend();
    let app = TestApp::spawn_with(|config| config.static_dir = dir.0.clone()).await;

    for path in ["/", "/index.html", "/households/12"] {
        let (status, headers, body) = get(&app, path, None).await;
        assert_eq!(status, 200, "{path}");
        assert!(String::from_utf8_lossy(&body).contains("精准"), "{path}");
        assert_eq!(header(&headers, "cache-control"), "no-cache", "{path}");
    }
}

#[tokio::test]
async fn no_asset_path_reaches_outside_the_assets_folder() {
    let dir = frontend();
    let app = TestApp::spawn_with(|config| config.static_dir = dir.0.clone()).await;

    for path in ["/assets/..%2fsecret.txt", "/assets/%2e%2e%2fsecret.txt", "/assets/.hidden", "/assets/missing.wasm"] {
        let (status, _, body) = get(&app, path, Some("br")).await;
        assert!(!String::from_utf8_lossy(&body).contains("outside"), "{path}");
        assert_eq!(status, 404, "{path}");
    }
}

#[tokio::test]
async fn the_login_page_is_the_login_module_and_every_other_page_the_app() {
    let dir = frontend();
    std::fs::write(dir.0.join("login.html"), "<!doctype html><title>登录 · 精准</title>").expect("login page");
    let app = TestApp::spawn_with(|config| config.static_dir = dir.0.clone()).await;

    for path in ["/login?next=%2Ffunds", "/login.html"] {
        let (status, headers, body) = get(&app, path, None).await;
        assert_eq!(status, 200, "{path}");
        assert!(String::from_utf8_lossy(&body).contains("登录 · 精准"), "{path}");
        assert_eq!(header(&headers, "cache-control"), "no-cache", "{path}");
    }
    for path in ["/", "/funds", "/login/other"] {
        let (status, _, body) = get(&app, path, None).await;
        assert_eq!(status, 200, "{path}");
        assert!(!String::from_utf8_lossy(&body).contains("登录"), "{path} is the app");
    }
}

#[tokio::test]
async fn without_a_login_module_the_app_logs_in_itself() {
    let dir = frontend();
    let app = TestApp::spawn_with(|config| config.static_dir = dir.0.clone()).await;

    let (status, _, body) = get(&app, "/login", None).await;

    assert_eq!(status, 200);
    assert_eq!(String::from_utf8_lossy(&body), "<!doctype html><title>精准</title>");
}
