//! On a phone (360 px): a village clerk photographs a posted notice straight from the household
//! card; the photo is stored without its EXIF block and listed on the card.

use jingzhun_shared::PageQuery;
use jingzhun_shared::attachments::RecordType;

use crate::api::notice_photos::{HIDDEN, contains, phone_photo};
use crate::api::workflow::household_with_income;
use crate::browser::driver::Browser;
use crate::helpers::TestApp;

#[tokio::test]
async fn a_clerk_uploads_a_notice_photo_from_the_household_card_on_a_phone() {
    let app = TestApp::spawn().await;
    let clerk = app.login("clerk").await;
    let household = household_with_income(&app, &clerk, 71, 520_000, false).await;
    let photo = std::env::temp_dir().join(format!("jingzhun-notice-{}.jpg", std::process::id()));
    std::fs::write(&photo, phone_photo()).expect("photo file");

    let browser = Browser::phone().await;
    browser.log_in(&app, "clerk").await;
    browser.client.goto(&format!("{}/households/{}", app.base, household.0)).await.expect("open the card");
    let input = browser.wait_for(&format!("#attach-notice-{}", household.0)).await;
    let capture = input.attr("capture").await.expect("attribute");
    let accept = input.attr("accept").await.expect("attribute");
    input.send_keys(&photo.display().to_string()).await.expect("choose the photo");
    let listed = browser.text_when(".attachments .files", |t| t.contains("jingzhun-notice")).await;
    let width: i64 = browser
        .client
        .execute("return document.documentElement.scrollWidth", vec![])
        .await
        .expect("width")
        .as_i64()
        .unwrap_or_default();

    let files = clerk.household_attachments(household.0, &PageQuery::default()).await.expect("files");
    let stored = clerk.attachment(files.items[0].id).await.expect("stored");
    assert_eq!((capture.as_deref(), accept.as_deref()), (Some("environment"), Some("image/*")));
    assert!(listed.contains("公示照片"), "{listed}");
    assert_eq!(files.items[0].record_type, RecordType::Notice);
    assert!(!contains(&stored, HIDDEN) && !contains(&stored, b"Exif"), "stored without EXIF");
    assert!(width <= 360, "the card fits a 360 px screen: {width}");
    browser.close().await;
    let _ = std::fs::remove_file(photo);
}
