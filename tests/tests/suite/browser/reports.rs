//! The annual report page: the demo year as of 30 September in the report's own phrasing, and
//! a figure followed to the records behind it.

use crate::browser::driver::Browser;
use crate::helpers::TestApp;

#[tokio::test]
async fn a_district_official_reads_the_demo_year_s_report_on_a_phone_and_follows_a_figure_to_its_records() {
    let app = TestApp::spawn_full().await;
    let browser = Browser::phone().await;
    browser.log_in(&app, "district").await;
    browser.client.goto(&format!("{}/reports/annual", app.base)).await.expect("open the report");

    browser.fill("#field-report-year", "2020").await;
    // A date input takes its value whole (typed keys follow the browser's locale).
    browser.wait_for("#field-report-as-of").await;
    let set = "const e = document.querySelector('#field-report-as-of'); e.value = '2020-09-30'; \
               e.dispatchEvent(new Event('input', { bubbles: true }));";
    browser.client.execute(set, vec![]).await.expect("set the date");
    let funds = browser.text_when(".report", |t| t.contains("共安排扶贫项目81个")).await;
    let title = browser.text_when(".report-title", |t| t.contains("截至2020年9月30日")).await;
    let page = browser.text_when(".report", |t| t.contains("补偿比例85.77%")).await;

    assert!(funds.contains("资金2531.239万元"), "{funds}");
    assert!(title.starts_with("xx区2020年"), "{title}");
    assert!(page.contains("新增扶贫小额信贷1645万元"), "{page}");
    assert!(page.contains("建档立卡贫困户") && page.contains("反馈问题") && page.contains("防返贫监测预警"), "{page}");

    // At the year's end the registry is in the report, and its figure opens its households.
    let clear = "const e = document.querySelector('#field-report-as-of'); e.value = ''; \
                 e.dispatchEvent(new Event('input', { bubbles: true }));";
    browser.client.execute(clear, vec![]).await.expect("clear the date");
    let link = browser.text_when(".remaining-link", |t| t.contains("724")).await;
    assert!(link.contains("未脱贫724户"), "{link}");
    browser.click(".remaining-link").await;
    let pager = browser.text_when(".pager", |t| t.contains("724 条")).await;
    assert!(pager.contains("724 条"), "the remaining households listed: {pager}");
    browser.close().await;
}
