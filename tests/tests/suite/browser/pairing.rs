//! On a phone: the demo enterprise logs people hired with a photo from the camera and sees its
//! total rise; the clerk picks the cadre it records for, records a visit from the start page,
//! the household leaves "not visited this month" and its card shows the visit by that cadre.

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
    // The page opens on the demo's year; the log is dated today, so look at this year.
    let this_year = chrono::Datelike::year(&jingzhun::clock::office_today()).to_string();
    browser.wait_for(&format!("#pairing-year option[value='{this_year}']")).await.click().await.expect("this year");
    browser.text_when("h2", |t| t.starts_with(&this_year)).await;
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

/// How many rows of the not-visited list name `head`.
async fn rows_naming(browser: &Browser, head: &str) -> usize {
    let rows = browser.client.find_all(fantoccini::Locator::Css(".not-visited-row strong")).await.expect("rows");
    let mut naming = 0;
    for row in rows {
        naming += usize::from(row.text().await.unwrap_or_default() == head);
    }
    naming
}

/// The rows of the not-visited list.
async fn rows(browser: &Browser) -> usize {
    browser.client.find_all(fantoccini::Locator::Css(".not-visited-row")).await.expect("rows").len()
}

#[tokio::test]
async fn a_clerk_records_a_visit_for_a_chosen_cadre_and_the_household_leaves_the_list_and_shows_it() {
    let app = TestApp::spawn_full().await;
    let clerk = app.login("clerk").await;
    let coverage = clerk.visit_coverage(&Default::default()).await.expect("coverage");
    let first = coverage.not_visited.first().expect("a household of 张村 not visited this month").clone();
    // A cadre other than the first household's, so that picking it changes the list.
    let chosen = coverage.not_visited.iter().find(|h| h.cadre_id != first.cadre_id).expect("a second cadre").clone();
    let of_chosen = coverage.not_visited.iter().filter(|h| h.cadre_id == chosen.cadre_id).count();

    let browser = Browser::phone().await;
    browser.log_in(&app, "clerk").await;
    let shown = browser.text_when(".not-visited-row strong", |t| !t.is_empty()).await;
    browser.click(&format!("#visit-cadre option[value='{}']", chosen.cadre_id.0)).await;
    let narrowed = browser.text_when(".not-visited-row strong", |t| t == chosen.head_name).await;
    let listed = rows(&browser).await;
    let before = rows_naming(&browser, &chosen.head_name).await;
    browser.click(".not-visited-row .record-visit").await;
    let recorded_for = browser.text_when(".visit-for", |t| !t.is_empty()).await;
    browser.click(".visit-form input[value=policy_publicity]").await;
    browser.fill("#field-visit-problems", "屋顶漏雨").await;
    browser.click(".visit-form button[type=submit]").await;
    let mut after = before;
    for _ in 0..100 {
        // A household with open warnings is offered their check on this visit first.
        if let Ok(done) = browser.client.find(fantoccini::Locator::Css(".visit-done")).await {
            let _ = done.click().await;
        }
        after = rows_naming(&browser, &chosen.head_name).await;
        if after < before {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    let visits = jingzhun_shared::pairing::VisitQuery { household_id: Some(chosen.household_id), ..Default::default() };
    let recorded = clerk.visits(&visits).await.expect("visits").items;
    browser.client.goto(&format!("{}/households/{}", app.base, chosen.household_id)).await.expect("open the card");
    let card = browser.text_when(".household-visits", |t| t.contains("屋顶漏雨")).await;

    assert_eq!(shown, first.head_name, "the start page lists the village's first household not visited");
    assert_eq!((narrowed, listed), (chosen.head_name.clone(), of_chosen.min(20)), "the chosen cadre's households only");
    assert!(recorded_for.contains(&chosen.cadre_name), "{recorded_for}");
    assert_eq!(after, before - 1, "the visited household left the list");
    let ours: Vec<_> = recorded
        .iter()
        .filter(|v| v.problems.as_deref() == Some("屋顶漏雨"))
        .map(|v| (v.cadre_id, v.recorded_by.as_str()))
        .collect();
    assert_eq!(ours, [(chosen.cadre_id, "clerk")], "recorded by the clerk for the chosen cadre");
    assert!(card.contains(&chosen.cadre_name) && card.contains("宣传扶贫政策"), "{card}");
    browser.close().await;
}
