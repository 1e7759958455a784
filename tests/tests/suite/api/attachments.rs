//! Attachments: files checked by their content (images re-encoded without EXIF or GPS, PDFs
//! kept, anything else refused), stored once per hash, read by whoever reads the record they
//! hang on (personal documents only with the right, every read audited), a problem closed
//! only with evidence, and the evidence packs' contents.

use std::io::{Cursor, Read};

use jingzhun_shared::attachments::{AttachmentKind, AttachmentTarget, RecordType};
use jingzhun_shared::org::AuditQuery;
use jingzhun_shared::oversight::{
    CloseProblem, InspectionInput, InspectionSource, MeasureDone, MeasureInput, ProblemCategory, ProblemInput,
    ProblemStatus, SubmitProblem,
};
use jingzhun_shared::{Api, ClientError, HouseholdId, PageQuery};

use crate::api::notice_photos::{HIDDEN, contains, phone_photo};
use crate::api::registry::{id_card, new_household, village};
use crate::api::workflow::household_with_income;
use crate::helpers::TestApp;

const PDF: &[u8] = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n";

fn png(seed: u8) -> Vec<u8> {
    let image = image::RgbImage::from_pixel(16, 12, image::Rgb([seed, 120, 40]));
    let mut out = Vec::new();
    image.write_to(&mut Cursor::new(&mut out), image::ImageFormat::Png).expect("png");
    out
}

fn on(record_type: RecordType, record_id: i64) -> AttachmentTarget {
    AttachmentTarget { record_type, record_id }
}

fn household(id: HouseholdId) -> impl Fn(RecordType) -> AttachmentTarget {
    move |record_type| on(record_type, id.0)
}

fn status<T: std::fmt::Debug>(result: Result<T, ClientError>) -> Option<u16> {
    result.expect_err("refused").status()
}

fn field_of(result: Result<impl std::fmt::Debug, ClientError>, field: &str) -> (Option<u16>, bool) {
    let error = result.expect_err("refused");
    let named = error.api_error().is_some_and(|e| !e.field(field).is_empty());
    (error.status(), named)
}

/// The entries of a zip and their bytes.
fn unzip(bytes: &[u8]) -> Vec<(String, Vec<u8>)> {
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).expect("a zip");
    (0..archive.len())
        .map(|i| {
            let mut entry = archive.by_index(i).expect("entry");
            let mut data = Vec::new();
            entry.read_to_end(&mut data).expect("read");
            (entry.name().expect("an entry name").to_string(), data)
        })
        .collect()
}

async fn personal_reads(admin: &Api, entity: &str) -> usize {
    let query = AuditQuery { entity: Some(entity.to_owned()), per_page: Some(200), ..Default::default() };
    let events = admin.audit_events(&query).await.expect("trail");
    events.items.iter().filter(|e| e.action == "read_personal_data").count()
}

#[tokio::test]
async fn an_image_is_stored_without_exif_a_pdf_as_it_came_and_anything_else_is_refused() {
    let app = TestApp::spawn().await;
    let clerk = app.login("clerk").await;
    let to = household(household_with_income(&app, &clerk, 61, 520_000, false).await);
    let upload = phone_photo();
    assert!(contains(&upload, HIDDEN) && contains(&upload, b"Exif"), "the upload carries them");

    let photo = clerk.upload_attachment(&to(RecordType::Notice), "IMG_0001.jpg", upload).await.expect("photo");
    let pdf =
        clerk.upload_attachment(&to(RecordType::ExitAcknowledgement), "确认书.pdf", PDF.to_vec()).await.expect("pdf");
    let stored_photo = clerk.attachment(photo.id).await.expect("read");
    let stored_pdf = clerk.attachment(pdf.id).await.expect("read");
    let text =
        field_of(clerk.upload_attachment(&to(RecordType::Notice), "a.jpg", b"<html>hi</html>".to_vec()).await, "file");
    let gif = field_of(
        clerk.upload_attachment(&to(RecordType::Notice), "a.gif", b"GIF89a\x01\x00\x01\x00".to_vec()).await,
        "file",
    );
    let mut cut = png(1);
    cut.truncate(cut.len() / 2);
    let truncated = status(clerk.upload_attachment(&to(RecordType::Notice), "cut.png", cut).await);

    assert_eq!((photo.kind, photo.personal, photo.name.as_str()), (AttachmentKind::Image, false, "IMG_0001.jpg"));
    assert_eq!(stored_photo.get(..2), Some(&[0xFF, 0xD8][..]), "a JPEG");
    assert!(!contains(&stored_photo, HIDDEN), "the GPS text is gone");
    assert!(!contains(&stored_photo, b"Exif"), "no EXIF segment");
    assert_eq!(photo.size, u64::try_from(stored_photo.len()).expect("size"));
    assert_eq!((pdf.kind, pdf.personal), (AttachmentKind::Pdf, true));
    assert_eq!(stored_pdf, PDF, "a PDF is kept byte for byte");
    assert_eq!(text, (Some(422), true));
    assert_eq!(gif, (Some(422), true));
    assert_eq!(truncated, Some(422));
}

#[tokio::test]
async fn the_same_file_is_stored_once_and_a_second_upload_answers_the_row_it_has() {
    let app = TestApp::spawn().await;
    let clerk = app.login("clerk").await;
    let first = household_with_income(&app, &clerk, 62, 520_000, false).await;
    let second = household_with_income(&app, &clerk, 63, 520_000, false).await;

    let a = clerk.upload_attachment(&household(first)(RecordType::Notice), "公示.png", png(7)).await.expect("a");
    let again =
        clerk.upload_attachment(&household(first)(RecordType::Notice), "又一次.png", png(7)).await.expect("again");
    let elsewhere =
        clerk.upload_attachment(&household(second)(RecordType::Notice), "公示.png", png(7)).await.expect("b");
    let other = clerk.upload_attachment(&household(first)(RecordType::Notice), "另一张.png", png(8)).await.expect("c");
    let listed = clerk.household_attachments(first.0, &PageQuery::default()).await.expect("list");

    assert_eq!(again.id, a.id, "the same file on the same record is one row");
    assert_ne!(elsewhere.id, a.id);
    assert_eq!(elsewhere.sha256, a.sha256, "stored under the same hash");
    assert_ne!(other.sha256, a.sha256);
    assert_eq!(listed.items.iter().map(|f| f.id).collect::<Vec<_>>(), [a.id, other.id]);
    assert_eq!(listed.total, 2);
}

/// A household of 呈阳村 (another township), loaded by the admin, with a notice photo.
async fn far_household_with_a_file(app: &TestApp) -> (HouseholdId, i64) {
    let admin = app.login("admin").await;
    let far = village(&admin, "呈阳村").await;
    let mut input = new_household(far, "欧阳远", id_card(655));
    input.initial_load = true;
    let id = admin.create_household(&input).await.expect("loaded").id;
    let file = admin.upload_attachment(&household(id)(RecordType::Notice), "远.png", png(3)).await.expect("file");
    (id, file.id)
}

#[tokio::test]
async fn files_follow_their_records_scope_and_personal_documents_are_for_those_who_read_personal_data() {
    let app = TestApp::spawn().await;
    let (clerk, admin) = (app.login("clerk").await, app.login("admin").await);
    let to = household(household_with_income(&app, &clerk, 64, 520_000, false).await);
    let id = to(RecordType::Notice).record_id;
    let notice = clerk.upload_attachment(&to(RecordType::Notice), "公示.png", png(11)).await.expect("notice");
    let signed = clerk
        .upload_attachment(&to(RecordType::ExitAcknowledgement), "确认书.pdf", PDF.to_vec())
        .await
        .expect("signed");
    let (far, far_file) = far_household_with_a_file(&app).await;
    let (auditor, enterprise, township) =
        (app.login("auditor").await, app.login("enterprise").await, app.login("township").await);
    let reads_before = personal_reads(&admin, "attachment").await;

    let by_township = township.attachment(signed.id).await;
    let audited = personal_reads(&admin, "attachment").await;
    let auditor_list = auditor.household_attachments(id, &PageQuery::default()).await.expect("auditor list");
    let auditor_signed = status(auditor.attachment(signed.id).await);
    let auditor_notice = auditor.attachment(notice.id).await;
    let enterprise_notice = status(enterprise.attachment(notice.id).await);
    let clerk_far = (
        status(clerk.attachment(far_file).await),
        status(clerk.household_attachments(far.0, &PageQuery::default()).await),
    );
    let upload_far = status(clerk.upload_attachment(&household(far)(RecordType::Notice), "x.png", png(4)).await);
    let by_auditor = status(auditor.upload_attachment(&to(RecordType::Notice), "x.png", png(5)).await);
    let voucher_by_clerk =
        status(clerk.upload_attachment(&on(RecordType::PaymentVoucher, 1), "v.pdf", PDF.to_vec()).await);
    let missing = status(admin.upload_attachment(&on(RecordType::Problem, 999_999), "p.png", png(6)).await);

    assert_eq!(by_township.expect("the township reads it"), PDF);
    assert_eq!(audited, reads_before + 1, "a personal document's read is audited");
    assert_eq!(auditor_list.items.iter().map(|f| f.id).collect::<Vec<_>>(), [notice.id], "no personal document listed");
    assert_eq!(auditor_signed, Some(403));
    assert!(auditor_notice.is_ok(), "the auditor reads the notice photo");
    assert_eq!(enterprise_notice, Some(403));
    assert_eq!(clerk_far, (Some(404), Some(404)));
    assert_eq!(upload_far, Some(404));
    assert_eq!(by_auditor, Some(403));
    assert_eq!(voucher_by_clerk, Some(403), "a clerk does not write projects");
    assert_eq!(missing, Some(404));
}

fn date(month: u32, day: u32) -> chrono::NaiveDate {
    chrono::NaiveDate::from_ymd_opt(2020, month, day).expect("a 2020 day")
}

/// A problem of 张村 with a measure done and submitted, as the clerk rectifies it.
async fn submitted_problem(district: &Api, clerk: &Api) -> i64 {
    let visit = InspectionInput {
        source: InspectionSource::UnannouncedVisit,
        name: "区委随机暗访".to_owned(),
        received_on: date(8, 1),
    };
    let inspection = district.create_inspection(&visit).await.expect("inspection");
    let input = ProblemInput {
        inspection_id: inspection.id,
        description: "危房改造档案不全".to_owned(),
        category: ProblemCategory::Housing,
        org_unit_id: village(clerk, "张村").await,
        household_id: None,
        responsible_units: "东山镇".to_owned(),
        leader: "汪副区长".to_owned(),
        deadline: date(10, 20),
    };
    let problem = district.create_problem(&input).await.expect("problem");
    let measure = MeasureInput { description: "补齐档案".to_owned(), due: date(9, 20) };
    let m = clerk.add_measure(problem.id, &measure).await.expect("measure");
    clerk.measure_done(m.id, &MeasureDone { done_on: date(9, 30) }).await.expect("done");
    clerk.submit_problem(problem.id, &SubmitProblem::default()).await.expect("submitted");
    problem.id
}

#[tokio::test]
async fn a_problem_is_closed_only_with_an_evidence_file_and_its_pack_holds_the_history_and_the_files() {
    let app = TestApp::spawn_on(date(9, 30)).await;
    let (district, clerk) = (app.login("district").await, app.login("clerk").await);
    let id = submitted_problem(&district, &clerk).await;

    let without = field_of(district.close_problem(id, &CloseProblem::default()).await, "evidence");
    let evidence =
        clerk.upload_attachment(&on(RecordType::Problem, id), "整改照片.png", png(9)).await.expect("evidence");
    let closed = district.close_problem(id, &CloseProblem { note: None, evidence: "整改前后照片".to_owned() }).await;
    let pack = unzip(&app.login("auditor").await.problem_dossier(id).await.expect("pack"));
    let listed = clerk.problem_attachments(id, &PageQuery::default()).await.expect("list");

    assert_eq!(without, (Some(422), true));
    assert_eq!(closed.expect("closed").problem.status, ProblemStatus::Closed);
    assert_eq!(listed.items.iter().map(|f| f.id).collect::<Vec<_>>(), [evidence.id]);
    let index =
        pack.iter().find(|(name, _)| name == "index.html").map(|(_, b)| String::from_utf8_lossy(b).into_owned());
    let index = index.expect("an index page");
    for text in ["危房改造档案不全", "补齐档案", "审核销号", "整改前后照片", "整改照片.png", "已销号"]
    {
        assert!(index.contains(text), "the index says {text}");
    }
    let file = pack.iter().find(|(name, _)| name.starts_with("files/")).expect("the evidence file");
    assert_eq!(file.1, clerk.attachment(evidence.id).await.expect("stored"));
    assert!(index.contains(&file.0), "the index links the file");
}

#[tokio::test]
async fn a_file_is_removed_by_its_uploader_or_the_district_audited_and_its_bytes_go_with_the_last_link() {
    let app = TestApp::spawn().await;
    let (clerk, township, district) =
        (app.login("clerk").await, app.login("township").await, app.login("district").await);
    let (auditor, admin) = (app.login("auditor").await, app.login("admin").await);
    let first = household_with_income(&app, &clerk, 67, 520_000, false).await;
    let second = household_with_income(&app, &clerk, 68, 520_000, false).await;
    let a = clerk.upload_attachment(&household(first)(RecordType::Notice), "公示.png", png(21)).await.expect("a");
    let b = clerk.upload_attachment(&household(second)(RecordType::Notice), "公示.png", png(21)).await.expect("b");
    let c = clerk.upload_attachment(&household(first)(RecordType::Notice), "另一张.png", png(22)).await.expect("c");
    let store = &app.state.attachments;

    let for_clerk = clerk.household_attachments(first.0, &PageQuery::default()).await.expect("list");
    let for_township = township.household_attachments(first.0, &PageQuery::default()).await.expect("list");
    let by_township = status(township.delete_attachment(a.id).await);
    let by_auditor = status(auditor.delete_attachment(a.id).await);
    clerk.delete_attachment(a.id).await.expect("the uploader removes it");
    let kept_for_b = store.read(&a.sha256).await.is_ok();
    let row_gone = status(clerk.attachment(a.id).await);
    let twice = status(clerk.delete_attachment(a.id).await);
    district.delete_attachment(b.id).await.expect("a district official removes it");
    let bytes_gone = store.read(&a.sha256).await.is_err();
    let left = clerk.household_attachments(first.0, &PageQuery::default()).await.expect("list");
    let trail = AuditQuery { entity: Some("attachment".to_owned()), per_page: Some(200), ..Default::default() };
    let trail = admin.audit_events(&trail).await.expect("trail");

    assert!(for_clerk.items.iter().all(|f| f.deletable), "the uploader may remove both");
    assert!(for_township.items.iter().all(|f| !f.deletable), "the township did not upload them");
    assert_eq!((by_township, by_auditor), (Some(403), Some(403)));
    assert!(kept_for_b, "the bytes stay while another record links them");
    assert_eq!((row_gone, twice), (Some(404), Some(404)));
    assert!(bytes_gone, "the bytes go with the last link");
    assert!(store.read(&c.sha256).await.is_ok());
    assert_eq!(left.items.iter().map(|f| f.id).collect::<Vec<_>>(), [c.id]);
    let removed: Vec<&str> =
        trail.items.iter().filter(|e| e.action == "delete").filter_map(|e| e.entity_id.as_deref()).collect();
    assert_eq!(removed, [b.id.to_string(), a.id.to_string()], "each removal audited, newest first");
}

#[tokio::test]
async fn a_closed_problems_evidence_cannot_be_removed_until_it_is_reopened() {
    let app = TestApp::spawn_on(date(9, 30)).await;
    let (district, clerk) = (app.login("district").await, app.login("clerk").await);
    let id = submitted_problem(&district, &clerk).await;
    let evidence = clerk.upload_attachment(&on(RecordType::Problem, id), "整改照片.png", png(23)).await.expect("file");
    district.close_problem(id, &CloseProblem { note: None, evidence: "整改照片".to_owned() }).await.expect("closed");

    let listed = district.problem_attachments(id, &PageQuery::default()).await.expect("list");
    let by_district = status(district.delete_attachment(evidence.id).await);
    let by_clerk = status(clerk.delete_attachment(evidence.id).await);
    let reason = jingzhun_shared::oversight::ReopenProblem { reason: "照片不清".to_owned() };
    district.reopen_problem(id, &reason).await.expect("reopened");
    clerk.delete_attachment(evidence.id).await.expect("removed once reopened");
    let after = clerk.problem_attachments(id, &PageQuery::default()).await.expect("list");

    assert!(listed.items.iter().all(|f| !f.deletable));
    assert_eq!((by_district, by_clerk), (Some(409), Some(409)));
    assert!(after.items.is_empty());
}

#[tokio::test]
async fn a_households_pack_holds_its_personal_documents_only_for_those_who_read_personal_data() {
    let app = TestApp::spawn().await;
    let (clerk, admin) = (app.login("clerk").await, app.login("admin").await);
    let to = household(household_with_income(&app, &clerk, 65, 520_000, false).await);
    let id = to(RecordType::Notice).record_id;
    clerk.upload_attachment(&to(RecordType::Notice), "公示.png", png(21)).await.expect("notice");
    clerk.upload_attachment(&to(RecordType::ExitAcknowledgement), "确认书.pdf", PDF.to_vec()).await.expect("signed");
    let before = personal_reads(&admin, "household_dossier").await;

    let full = unzip(&app.login("district").await.household_dossier(id).await.expect("district's pack"));
    let audited = personal_reads(&admin, "household_dossier").await;
    let masked = unzip(&app.login("auditor").await.household_dossier(id).await.expect("auditor's pack"));
    let enterprise = status(app.login("enterprise").await.household_dossier(id).await);

    let names = |pack: &[(String, Vec<u8>)]| pack.iter().map(|(n, _)| n.clone()).collect::<Vec<_>>();
    let index = |pack: &[(String, Vec<u8>)]| {
        pack.iter()
            .find(|(n, _)| n == "index.html")
            .map(|(_, b)| String::from_utf8_lossy(b).into_owned())
            .unwrap_or_default()
    };
    assert_eq!(names(&full).len(), 3, "index and two files: {:?}", names(&full));
    assert!(full.iter().any(|(_, bytes)| bytes == PDF), "the acknowledgement as it came");
    assert!(index(&full).contains("脱贫确认书") && index(&full).contains("贫困户档案"));
    assert_eq!(audited, before + 1, "a pack with personal documents is a personal read");
    assert_eq!(names(&masked).len(), 2, "the auditor's pack lacks the acknowledgement: {:?}", names(&masked));
    assert!(!index(&masked).contains("确认书.pdf"));
    assert_eq!(enterprise, Some(403));
}

#[tokio::test]
async fn a_projects_vouchers_and_announcement_are_written_by_the_district_and_packed_with_its_payments() {
    use crate::api::funds::{batch, pay, project, start};
    let app = TestApp::spawn().await;
    let (district, clerk) = (app.login("district").await, app.login("clerk").await);
    let zhang = village(&district, "张村").await;
    let b = batch(&district, 1).await;
    let p =
        start(&district, &project(&district, &b, zhang, jingzhun_shared::ProjectKind::Industry, 1_000_000).await).await;
    pay(&district, &p, 250_000, "PZ-2020-0501").await.expect("paid");

    let voucher = district.upload_attachment(&on(RecordType::PaymentVoucher, p.id.0), "凭证.pdf", PDF.to_vec()).await;
    let notice = district.upload_attachment(&on(RecordType::Project, p.id.0), "项目公告.png", png(31)).await;
    let by_clerk = status(clerk.upload_attachment(&on(RecordType::Project, p.id.0), "公告.png", png(32)).await);
    let listed = clerk.project_attachments(p.id.0, &PageQuery::default()).await.expect("the clerk reads them");
    let pack = unzip(&app.login("auditor").await.project_dossier(p.id.0).await.expect("pack"));

    assert!(voucher.is_ok_and(|v| !v.personal && v.kind == AttachmentKind::Pdf));
    assert!(notice.is_ok());
    assert_eq!(by_clerk, Some(403));
    assert_eq!(listed.total, 2);
    let index = pack.iter().find(|(n, _)| n == "index.html").map(|(_, b)| String::from_utf8_lossy(b).into_owned());
    let index = index.expect("an index page");
    for text in ["扶贫项目档案", "PZ-2020-0501", "2500.00", "凭证.pdf", "项目公告.png", "支付凭证"] {
        assert!(index.contains(text), "the index says {text}");
    }
    assert_eq!(pack.len(), 3, "index and two files");
}

#[tokio::test]
async fn the_attachment_migration_goes_down_and_up_again() {
    use sea_orm::{ConnectionTrait, Statement};
    let app = TestApp::spawn().await;
    let name = "m20261202_000027_create_attachment";
    let readable = async |db: &sea_orm::DatabaseConnection| {
        let backend = db.get_database_backend();
        db.query_one_raw(Statement::from_string(backend, "SELECT COUNT(*) AS n FROM attachment")).await.is_ok()
    };

    crate::helpers::undo_from(&app.db, name).await;
    let gone = !readable(&app.db).await;
    crate::helpers::migrate_again_from(&app.db, name).await;
    let back = readable(&app.db).await;

    assert!(gone && back);
}

#[tokio::test]
async fn a_pdf_past_the_configured_limit_is_a_413_naming_it() {
    let app = TestApp::spawn_with(|config| config.attachment_pdf_limit_mib = 1).await;
    let clerk = app.login("clerk").await;
    let to = household(household_with_income(&app, &clerk, 66, 520_000, false).await);
    let mut large = PDF.to_vec();
    large.resize(1024 * 1024 + 1, b' ');

    let refused = clerk.upload_attachment(&to(RecordType::Notice), "大.pdf", large).await.expect_err("too large");
    let small = clerk.upload_attachment(&to(RecordType::Notice), "小.pdf", PDF.to_vec()).await;

    assert_eq!(refused.status(), Some(413));
    assert!(refused.api_error().is_some_and(|e| e.message.contains("1 MiB")), "{refused:?}");
    assert!(small.is_ok());
}
