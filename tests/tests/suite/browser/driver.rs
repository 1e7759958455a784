//! Starts chromedriver and a headless Chromium, at 360 × 740 (a phone) or 1280 × 900 (a
//! desktop), with a fresh profile.

use std::net::TcpListener;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use fantoccini::{Client, ClientBuilder, Locator};

use crate::helpers::TempDir;

/// A browser session; chromedriver and the profile go away when it is dropped.
pub struct Browser {
    pub client: Client,
    driver: Child,
    _profile: TempDir,
}

impl Browser {
    /// A phone-sized headless Chromium. Panics (fails the test) when chromium or chromedriver
    /// is missing: a browser test never passes without a browser.
    pub async fn phone() -> Self {
        Self::start(true).await
    }

    /// A desktop-sized (1280 × 900) headless Chromium, as an official's browser.
    pub async fn desktop() -> Self {
        Self::start(false).await
    }

    async fn start(phone: bool) -> Self {
        let port = TcpListener::bind("127.0.0.1:0").and_then(|l| l.local_addr()).expect("free port").port();
        // The browser lives in China like the office's phones: its "today" is the server's
        // (China Standard Time), also when the machine's clock has passed midnight there but
        // not in UTC.
        let driver = Command::new("chromedriver")
            .env("TZ", "Asia/Shanghai")
            .arg(format!("--port={port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("chromedriver is installed (apt-get install chromium-driver)");
        let profile = TempDir::new();
        let binary = ["/usr/bin/chromium", "/usr/bin/chromium-browser"]
            .into_iter()
            .find(|p| std::path::Path::new(p).exists())
            .expect("chromium is installed (apt-get install chromium)");
        let args = [
            "--headless=new".to_owned(),
            "--no-sandbox".to_owned(),
            "--disable-gpu".to_owned(),
            "--disable-dev-shm-usage".to_owned(),
            "--disable-background-networking".to_owned(),
            "--disable-component-update".to_owned(),
            "--disable-sync".to_owned(),
            "--no-first-run".to_owned(),
            if phone { "--window-size=360,740" } else { "--window-size=1280,900" }.to_owned(),
            format!("--user-data-dir={}", profile.0.display()),
        ];
        let mut caps = serde_json::Map::new();
        // Desktop Chrome will not shrink a window below 500 px; mobile emulation gives the page a
        // real 360 × 740 viewport, as on a cheap phone.
        let mobile =
            serde_json::json!({ "deviceMetrics": { "width": 360, "height": 740, "pixelRatio": 2.0, "touch": true } });
        let mut options = serde_json::json!({ "binary": binary, "args": args });
        if phone {
            options["mobileEmulation"] = mobile;
        }
        caps.insert("goog:chromeOptions".to_owned(), options);
        let url = format!("http://127.0.0.1:{port}");
        let started = Instant::now();
        let client = loop {
            let connector = hyper_util::client::legacy::connect::HttpConnector::new();
            match ClientBuilder::new(connector).capabilities(caps.clone()).connect(&url).await {
                Ok(client) => break client,
                Err(error) if started.elapsed() < Duration::from_secs(20) => {
                    let _ = error;
                    tokio::time::sleep(Duration::from_millis(200)).await;
                }
                Err(error) => panic!("cannot start Chromium through chromedriver: {error}"),
            }
        };
        Browser { client, driver, _profile: profile }
    }

    /// Opens the login page of `app` and logs in as `username` with the demo password, waiting
    /// until the app shell shows the user's unit.
    pub async fn log_in(&self, app: &crate::helpers::TestApp, username: &str) {
        self.client.goto(&format!("{}/login", app.base)).await.expect("open login page");
        self.fill("#field-username", username).await;
        self.fill("#field-password", "jingzhun-demo").await;
        self.click("button[type=submit]").await;
        self.wait_for(".who-unit").await;
    }

    /// Follows the navigation link named `name`, opening the drawer first on a phone.
    pub async fn follow_nav(&self, phone: bool, name: &str) {
        if phone {
            self.click(".menu-button").await;
        }
        let link = format!("//nav[contains(@class, 'sidebar')]//a[normalize-space() = '{name}']");
        let found = self.client.wait().for_element(Locator::XPath(&link)).await.expect("a navigation link");
        // The drawer slides in; its links take a click once it is there.
        let started = Instant::now();
        while let Err(error) = found.click().await {
            assert!(started.elapsed() < Duration::from_secs(5), "cannot follow {name}: {error}");
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    /// Types into the input with this CSS selector.
    pub async fn fill(&self, css: &str, text: &str) {
        let input = self.wait_for(css).await;
        input.clear().await.expect("clear input");
        input.send_keys(text).await.expect("type");
    }

    pub async fn click(&self, css: &str) {
        self.wait_for(css).await.click().await.expect("click");
    }

    /// The element, once it exists (up to 15 s: the first load compiles the wasm).
    pub async fn wait_for(&self, css: &str) -> fantoccini::elements::Element {
        self.client
            .wait()
            .at_most(Duration::from_secs(15))
            .for_element(Locator::Css(css))
            .await
            .unwrap_or_else(|e| panic!("element {css} did not appear: {e}"))
    }

    /// Waits until the element's text satisfies `check`; returns the last text seen.
    pub async fn text_when(&self, css: &str, check: impl Fn(&str) -> bool) -> String {
        let started = Instant::now();
        loop {
            let text = match self.client.find(Locator::Css(css)).await {
                Ok(element) => element.text().await.unwrap_or_default(),
                Err(_) => String::new(),
            };
            if check(&text) || started.elapsed() > Duration::from_secs(15) {
                return text;
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    pub async fn close(self) {
        let _ = self.client.clone().close().await;
    }
}

impl Drop for Browser {
    fn drop(&mut self) {
        let _ = self.driver.kill();
        let _ = self.driver.wait();
    }
}
