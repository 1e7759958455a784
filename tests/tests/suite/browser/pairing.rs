//! On a phone: the demo enterprise logs people hired with a photo from the camera and sees its
//! total rise; the clerk records a visit and the household leaves "not visited this month".

use crate::api::notice_photos::phone_photo;
use crate::browser::driver::Browser;
use crate::helpers::TestApp;

#[tokio::test]
async fn the_enterprise_logs_labour_hired_with_a_photo_and_sees_its_total_rise() {
    let app = TestApp::spawn_full().await;
    let photo = std::env::temp_dir().join(format!("jingzhun-hired-{}.jpg", std::process::id()));
    std::fs::write(&photo, phone_photo()).expect("photo file");

    let browser = Browser::phone().await;
    browser.log_in(&app, "enterprise").await;
    browser.client.goto(&format!("{}/pairing", app.base)).await.expect("open the portal");
    let before = browser.text_when(".labour-hired", |t| !t.is_empty()).await;
    browser.fill("#field-count", "3").await;
    browser.wait_for("#assistance-photo").await.send_keys(&photo.display().to_string()).await.expect("attach");
    browser.click(".assistance-form button[type=submit]").await;
    let after = browser.text_when(".labour-hired", |t| t != before).await;

    let logs = app.login("district").await.assistance_logs(&Default::default()).await.expect("logs");
    assert_eq!(before.parse::<i64>().ok().map(|n| n + 3), after.parse().ok(), "{before} → {after}");
    assert_eq!(logs.items[0].photos.len(), 1, "the photo came along");
    browser.close().await;
    let _ = std::fs::remove_file(photo);
}

#[tokio::test]
async fn a_clerk_records_a_visit_and_the_household_leaves_the_not_visited_list() {
    let app = TestApp::spawn_full().await;

    let browser = Browser::phone().await;
    browser.log_in(&app, "clerk").await;
    browser.client.goto(&format!("{}/visits", app.base)).await.expect("open visits");
    let first = browser.text_when(".not-visited-row strong", |t| !t.is_empty()).await;
    let rows = browser.client.find_all(fantoccini::Locator::Css(".not-visited-row")).await.expect("rows").len();
    browser.click(".not-visited-row .record-visit").await;
    browser.click(".visit-form input[value=policy_publicity]").await;
    browser.fill("#field-visit-problems", "屋顶漏雨").await;
    browser.click(".visit-form button[type=submit]").await;
    let mut left = rows;
    for _ in 0..100 {
        left = browser.client.find_all(fantoccini::Locator::Css(".not-visited-row")).await.expect("rows").len();
        if left < rows {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }

    assert!(!first.is_empty());
    assert_eq!(left, rows - 1, "the visited household left the list");
    browser.close().await;
}
