//! The officials' dashboard on a phone and on a desktop: the demo year's figures as cards, the
//! charts and tables, nothing wider than the screen, and each figure opening the list of the
//! records it counts.

use crate::browser::driver::Browser;
use crate::helpers::TestApp;

/// The number `css`'s text holds once it is not empty.
async fn shown_number(browser: &Browser, css: &str) -> u64 {
    let text = browser.text_when(css, |t| t.trim().parse::<u64>().is_ok()).await;
    text.trim().parse().unwrap_or_else(|_| panic!("{css} shows a number, not {text:?}"))
}

/// Opens the dashboard and waits until its figures, charts and tables are there.
async fn open_dashboard(browser: &Browser, app: &TestApp) {
    browser.client.goto(&app.base).await.expect("open the start page");
    browser.wait_for(".units-table table").await;
    browser.wait_for(".villages-table table").await;
    browser.wait_for(".figure.overdue-loans").await;
}

#[tokio::test]
async fn a_district_official_s_dashboard_fits_the_screen_and_each_figure_opens_its_records() {
    let app = TestApp::spawn_full().await;
    for (phone, width) in [(true, 360), (false, 1280)] {
        let browser = if phone { Browser::phone().await } else { Browser::desktop().await };
        browser.log_in(&app, "district").await;
        open_dashboard(&browser, &app).await;

        let title = browser.text_when(".dashboard-title", |t| !t.is_empty()).await;
        assert_eq!(title, "xx区2020年", "the latest year with records");
        assert_eq!(shown_number(&browser, ".figure.remaining .stat-value").await, 724);
        assert_eq!(shown_number(&browser, ".figure.projects .stat-value").await, 81);
        let charts = browser.client.execute("return document.querySelectorAll('svg.chart[role=img]').length", vec![]);
        let charts = charts.await.expect("js").as_u64().unwrap_or_default();
        assert!(charts >= 6, "charts by batch, kind, month, category, exit year and health kind: {charts}");
        let rates = browser.text_when(".rates", |t| t.contains("完工率")).await;
        assert!(rates.contains("完工率"), "{rates}");
        let scroll = browser.client.execute("return document.documentElement.scrollWidth", vec![]).await;
        let scroll = scroll.expect("js").as_u64().unwrap_or(u64::MAX);
        assert!(scroll <= width, "the page never scrolls sideways: {scroll} > {width}");

        browser.click(".figure.remaining").await;
        // The pager reads "0 条" until the page of households is there.
        let pager = browser.text_when(".pager", |t| t.contains("724 条")).await;
        assert!(pager.contains("724 条"), "the remaining households: {pager}");

        open_dashboard(&browser, &app).await;
        let overdue = shown_number(&browser, ".figure.overdue-loans .stat-value").await;
        assert!(overdue > 0, "the demo has overdue loans");
        browser.click(".figure.overdue-loans").await;
        let pager = browser.text_when(".pager", |t| t.contains(&format!("{overdue} 条"))).await;
        assert!(pager.contains(&format!("{overdue} 条")), "the overdue loans ({overdue}): {pager}");

        open_dashboard(&browser, &app).await;
        let under_way = shown_number(&browser, ".figure.under-way .stat-value").await;
        assert!(under_way > 0, "81 projects, 69 completed by September");
        browser.click(".figure.under-way").await;
        let expected = format!("{under_way} 条");
        let pager = browser.text_when(".pager", |t| t.contains(&expected)).await;
        assert!(pager.contains(&expected), "the projects under way ({under_way}): {pager}");

        open_dashboard(&browser, &app).await;
        let missing = shown_number(&browser, ".figure.not-visited .stat-value").await;
        browser.click(".figure.not-visited").await;
        let visits = browser.text_when(".visits .stat-value", |t| t.contains('/')).await;
        let (visited, paired) = visits.split_once('/').expect("visited / paired");
        let (visited, paired): (u64, u64) = (visited.trim().parse().expect("n"), paired.trim().parse().expect("n"));
        assert!(paired > 0, "the demo pairs households: {visits}");
        assert_eq!(paired - visited, missing, "the households not visited this month: {visits}");
        browser.close().await;
    }
}

#[tokio::test]
async fn a_village_clerk_keeps_the_start_page() {
    let app = TestApp::spawn().await;
    let browser = Browser::phone().await;
    browser.log_in(&app, "clerk").await;

    assert_eq!(browser.text_when("h1", |t| !t.is_empty()).await, "工作台");
    assert!(browser.client.find(fantoccini::Locator::Css(".dashboard")).await.is_err(), "no dashboard for a clerk");
    browser.close().await;
}

#[tokio::test]
async fn a_township_official_s_dashboard_counts_the_township_on_a_phone() {
    let app = TestApp::spawn_full().await;
    let browser = Browser::phone().await;
    browser.log_in(&app, "township").await;
    open_dashboard(&browser, &app).await;

    let title = browser.text_when(".dashboard-title", |t| !t.is_empty()).await;
    assert_eq!(title, "东山镇2020年");
    let remaining = shown_number(&browser, ".figure.remaining .stat-value").await;
    assert!(remaining > 0 && remaining < 724, "the township's part of the 724: {remaining}");
    let units = browser.text_when(".units-table", |t| t.contains("村")).await;
    assert!(units.contains("张村"), "the township's villages: {units}");
    let scroll = browser.client.execute("return document.documentElement.scrollWidth", vec![]).await;
    let scroll = scroll.expect("js").as_u64().unwrap_or(u64::MAX);
    assert!(scroll <= 360, "the page never scrolls sideways: {scroll}");

    browser.click(".figure.remaining").await;
    let expected = format!("{remaining} 条");
    let pager = browser.text_when(".pager", |t| t.contains(&expected)).await;
    assert!(pager.contains(&expected), "the township's remaining households ({remaining}): {pager}");
    browser.close().await;
}
