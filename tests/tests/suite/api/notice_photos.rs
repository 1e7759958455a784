//! Photos of posted notices: taken while a notice stands, stored without what the phone hid in
//! the file (EXIF, GPS), read back only by those who may read the application.

use std::io::Cursor;

use jingzhun_shared::applications::PHOTOS_PER_NOTICE;
use jingzhun_shared::{ApplicationStage, ClientError};

use crate::api::registry::{id_card, new_household};
use crate::api::workflow::{
    compared, exit, exit_with_village_notice, household_with_income, on, record_income, verified,
};
use crate::helpers::TestApp;

/// What a phone would hide in the photo: found in the upload, never in what is stored.
pub(crate) const HIDDEN: &[u8] = b"GPS 29.71N 118.33E";

/// A JPEG of a notice with an EXIF segment carrying [`HIDDEN`].
pub(crate) fn phone_photo() -> Vec<u8> {
    let image = image::RgbImage::from_fn(64, 48, |x, y| image::Rgb([(x * 4) as u8, (y * 5) as u8, 90]));
    let mut jpeg = Vec::new();
    image.write_to(&mut Cursor::new(&mut jpeg), image::ImageFormat::Jpeg).expect("jpeg");
    let mut exif = b"Exif\0\0MM\0*\0\0\0\x08".to_vec();
    exif.extend_from_slice(HIDDEN);
    let length = u16::try_from(exif.len() + 2).expect("short segment").to_be_bytes();
    let mut with_exif = jpeg[..2].to_vec();
    with_exif.extend_from_slice(&[0xFF, 0xE1, length[0], length[1]]);
    with_exif.extend_from_slice(&exif);
    with_exif.extend_from_slice(&jpeg[2..]);
    with_exif
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}

fn status(result: Result<impl std::fmt::Debug, ClientError>) -> Option<u16> {
    result.expect_err("refused").status()
}

#[tokio::test]
async fn a_notice_photo_is_stored_without_exif_or_gps_and_read_back_by_readers_only() {
    let app = TestApp::spawn().await;
    let clerk = app.login("clerk").await;
    let household = household_with_income(&app, &clerk, 41, 520_000, false).await;
    let id = exit_with_village_notice(&app, &clerk, household).await;
    let upload = phone_photo();
    assert!(contains(&upload, HIDDEN) && contains(&upload, b"Exif"), "the upload carries them");

    let with_photo = clerk.add_notice_photo(id, upload).await.expect("stored");
    let photo = with_photo.photos.first().expect("listed").clone();
    let stored = app.login("township").await.notice_photo(id, photo.id).await.expect("read");
    let auditor = app.login("auditor").await.notice_photo(id, photo.id).await;
    let enterprise = app.login("enterprise").await.notice_photo(id, photo.id).await;

    assert_eq!(photo.stage, ApplicationStage::VillageNotice);
    assert_eq!(photo.username, "clerk");
    assert_eq!(stored.get(..2), Some(&[0xFF, 0xD8][..]), "a JPEG");
    assert!(!contains(&stored, HIDDEN), "the GPS text is gone");
    assert!(!contains(&stored, b"Exif"), "no EXIF segment");
    let decoded = image::load_from_memory(&stored).expect("a readable photo");
    assert_eq!((decoded.width(), decoded.height()), (64, 48));
    assert!(auditor.is_ok(), "the auditor reads applications: {auditor:?}");
    assert_eq!(status(enterprise), Some(403));
}

/// An exit of a household of 呈阳村 (another township) at its village notice, all by the admin.
async fn far_village_notice(app: &TestApp) -> jingzhun_shared::ApplicationId {
    let admin = app.login("admin").await;
    let tree = admin.org_tree().await.expect("tree");
    let far = tree.flatten().into_iter().find(|u| u.name == "呈阳村").map(|u| u.id).expect("呈阳村");
    let mut input = new_household(far, "欧阳远", id_card(644));
    input.initial_load = true;
    let household = admin.create_household(&input).await.expect("loaded").id;
    record_income(&admin, household, 2020, 520_000).await;
    let id = admin.create_application(&exit(household)).await.expect("applied").id;
    admin.advance_application(id, &on(2)).await.expect("assessed");
    admin.advance_application(id, &compared(3, true)).await.expect("compared");
    admin.advance_application(id, &verified(4)).await.expect("posted");
    id
}

#[tokio::test]
async fn photos_are_taken_at_a_notice_only_within_scope_and_a_few_a_notice() {
    let app = TestApp::spawn().await;
    let clerk = app.login("clerk").await;
    let household = household_with_income(&app, &clerk, 42, 520_000, false).await;
    let applied = clerk.create_application(&exit(household)).await.expect("applied").id;
    let other = household_with_income(&app, &clerk, 43, 520_000, false).await;
    let at_notice = exit_with_village_notice(&app, &clerk, other).await;

    let before_notice = clerk.add_notice_photo(applied, phone_photo()).await;
    let auditor = app.login("auditor").await.add_notice_photo(at_notice, phone_photo()).await;
    let not_a_photo = clerk.add_notice_photo(at_notice, b"<svg onload=alert(1)>".to_vec()).await;
    let mut taken = Vec::new();
    for _ in 0..=PHOTOS_PER_NOTICE {
        taken.push(clerk.add_notice_photo(at_notice, phone_photo()).await.map(|a| a.photos.len()));
    }
    let far_notice = far_village_notice(&app).await;
    let out_of_scope = clerk.add_notice_photo(far_notice, phone_photo()).await;
    let too_big = clerk.add_notice_photo(at_notice, vec![0xFF; 5 * 1024 * 1024 + 1]).await;

    assert_eq!(status(before_notice), Some(409));
    assert_eq!(status(auditor), Some(403));
    assert_eq!(status(not_a_photo), Some(422));
    let counts: Vec<_> = taken.iter().map(|t| t.as_ref().ok().copied()).collect();
    assert_eq!(counts[..PHOTOS_PER_NOTICE], (1..=PHOTOS_PER_NOTICE).map(Some).collect::<Vec<_>>()[..]);
    assert_eq!(taken.last().and_then(|t| t.as_ref().err()).and_then(ClientError::status), Some(409));
    assert_eq!(status(out_of_scope), Some(404));
    assert_eq!(status(too_big), Some(413));
}
