//! Pairing assistance: an enterprise account reaches its own enterprise's pairings and logs and
//! nothing else, a log carries what its kind needs, a confirmed log is locked and corrected by
//! a new one, and a log's photos lose what the phone hid in them.

use chrono::NaiveDate;
use jingzhun_shared::org::CreateUser;
use jingzhun_shared::pairing::{
    AssistanceEntry, AssistanceKind, AssistanceLogDto, AssistanceLogQuery, ConfirmAssistanceLog, CreateAssistanceLog,
    CreatePairing, EnterpriseInput, PairingFiguresQuery, PairingQuery, UpdateAssistanceLog,
};
use jingzhun_shared::{Api, ClientError, EnterpriseId, Fen, OrgUnitId, PairingId, Role};

use crate::api::notice_photos::{HIDDEN, contains, phone_photo};
use crate::api::registry::{id_card, loaded, new_household, villages};
use crate::helpers::TestApp;

fn day(month: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2020, month, d).expect("date")
}

fn status<T: std::fmt::Debug>(result: Result<T, ClientError>) -> Option<u16> {
    result.expect_err("refused").status()
}

fn fields<T: std::fmt::Debug>(result: Result<T, ClientError>) -> Vec<String> {
    let error = result.expect_err("refused");
    error.api_error().map(|e| e.fields.keys().cloned().collect()).unwrap_or_default()
}

/// An enterprise with a valid credit code numbered `n`.
pub fn enterprise(name: &str, n: u32) -> EnterpriseInput {
    let code = jingzhun_shared::pairing::CreditCode::complete(&format!("91341000MA2T{n:05}")).expect("code");
    EnterpriseInput {
        name: name.to_owned(),
        credit_code: code.as_str().to_owned(),
        contact: "王经理".to_owned(),
        phone: "0559-6500001".to_owned(),
        industry: "茶叶加工".to_owned(),
        version: None,
    }
}

/// Two enterprises, each with an account and paired with a village (the first also with a
/// household of 张村 whose head is 汪春): their ids, pairings and logged-in accounts.
pub struct TwoEnterprises {
    pub ids: [EnterpriseId; 2],
    pub pairings: [PairingId; 2],
    pub accounts: [Api; 2],
}

pub async fn two_enterprises(app: &TestApp) -> TwoEnterprises {
    let district = app.login("district").await;
    let admin = app.login("admin").await;
    let [zhang, far] = villages(&admin, ["张村", "呈阳村"]).await;
    let household = admin.create_household(&loaded(new_household(zhang, "汪春", id_card(731)))).await.expect("loaded");
    let mut ids = Vec::new();
    let mut pairings = Vec::new();
    let mut accounts = Vec::new();
    for (n, (name, village, username)) in
        [("灵山茶业", zhang, "tea"), ("秀水食品", far, "mill")].into_iter().enumerate()
    {
        let id = district.create_enterprise(&enterprise(name, n as u32)).await.expect("enterprise").id;
        let households = if n == 0 { vec![household.id] } else { Vec::new() };
        let pairing = CreatePairing {
            enterprise_id: id,
            village_ids: vec![village],
            household_ids: households,
            since: day(1, 10),
            until: None,
        };
        pairings.push(district.create_pairing(&pairing).await.expect("paired").id);
        accounts.push(account(app, &admin, username, id).await);
        ids.push(id);
    }
    TwoEnterprises { ids: two(ids), pairings: two(pairings), accounts: two(accounts) }
}

fn two<T>(items: Vec<T>) -> [T; 2] {
    items.try_into().ok().expect("two")
}

async fn account(app: &TestApp, admin: &Api, username: &str, enterprise: EnterpriseId) -> Api {
    let district = admin.org_tree().await.expect("tree").unit.id;
    let user = CreateUser {
        username: username.to_owned(),
        password: jingzhun::demo::DEMO_PASSWORD.to_owned(),
        display_name: None,
        role: Role::Enterprise,
        org_unit_id: district,
        enterprise_id: Some(enterprise),
        cadre_id: None,
    };
    admin.create_user(&user).await.expect("account");
    app.login(username).await
}

pub fn log(
    pairing: PairingId,
    kind: AssistanceKind,
    amount_yuan: Option<i64>,
    count: Option<i64>,
) -> CreateAssistanceLog {
    let entry = AssistanceEntry {
        kind,
        amount_fen: amount_yuan.map(Fen::from_yuan),
        count,
        date: day(5, 6),
        note: Some("招用贫困户劳动力".to_owned()),
    };
    CreateAssistanceLog { pairing_id: pairing, entry, corrects: None }
}

fn update_of(log: &AssistanceLogDto) -> UpdateAssistanceLog {
    let entry = AssistanceEntry { count: log.entry.count.map(|c| c + 1), ..log.entry.clone() };
    UpdateAssistanceLog { entry, version: log.version }
}

#[tokio::test]
async fn an_enterprise_reads_and_writes_only_its_own_pairings_and_logs() {
    let app = TestApp::spawn().await;
    let two = two_enterprises(&app).await;
    let [tea, mill] = &two.accounts;
    let mills_log = mill
        .create_assistance_log(&log(two.pairings[1], AssistanceKind::LabourHired, None, Some(4)))
        .await
        .expect("logged");

    let seen = tea.pairings(&PairingQuery::default()).await.expect("pairings");
    let logs = tea.assistance_logs(&AssistanceLogQuery::default()).await.expect("logs");
    let enterprises = tea.enterprises(&Default::default()).await.expect("enterprises");
    let write_theirs =
        tea.create_assistance_log(&log(two.pairings[1], AssistanceKind::LabourHired, None, Some(1))).await;
    let edit_theirs = tea.update_assistance_log(mills_log.id, &update_of(&mills_log)).await;
    let photo_theirs = tea.add_assistance_photo(mills_log.id, phone_photo()).await;
    let own = tea.create_assistance_log(&log(two.pairings[0], AssistanceKind::LabourHired, None, Some(2))).await;

    assert_eq!(seen.items.iter().map(|p| p.id).collect::<Vec<_>>(), [two.pairings[0]]);
    let heads: Vec<&str> = seen.items.iter().flat_map(|p| &p.households).map(|h| h.head_name.as_str()).collect();
    assert_eq!(heads, ["汪春"], "the head's name, and nothing else of the household");
    assert_eq!(seen.items[0].villages.iter().map(|v| v.name.as_str()).collect::<Vec<_>>(), ["张村"]);
    assert!(logs.items.is_empty(), "the mill's log stays the mill's: {:?}", logs.items);
    assert_eq!(enterprises.items.iter().map(|e| e.id).collect::<Vec<_>>(), [two.ids[0]]);
    assert_eq!(status(write_theirs), Some(404));
    assert_eq!(status(edit_theirs), Some(404));
    assert_eq!(status(photo_theirs), Some(404));
    assert_eq!(own.expect("its own pairing").enterprise_id, two.ids[0]);
}

#[tokio::test]
async fn a_log_missing_what_its_kind_needs_is_422_with_every_field_named() {
    let app = TestApp::spawn().await;
    let two = two_enterprises(&app).await;
    let tea = &two.accounts[0];
    let mut funds_without_amount = log(two.pairings[0], AssistanceKind::Funds, None, Some(3));
    funds_without_amount.entry.date = NaiveDate::from_ymd_opt(2999, 1, 1).expect("date");

    let refused = tea.create_assistance_log(&funds_without_amount).await;
    let hired_without_count =
        tea.create_assistance_log(&log(two.pairings[0], AssistanceKind::LabourHired, Some(500), None)).await;
    let funds = tea.create_assistance_log(&log(two.pairings[0], AssistanceKind::Funds, Some(20_000), None)).await;

    assert_eq!(fields(refused), ["amount_fen", "date"]);
    assert_eq!(fields(hired_without_count), ["count"]);
    assert_eq!(funds.expect("funds with an amount").entry.amount_fen, Some(Fen::from_yuan(20_000)));
}

#[tokio::test]
async fn a_confirmed_log_is_locked_and_a_correction_replaces_it_in_the_figures() {
    let app = TestApp::spawn().await;
    let two = two_enterprises(&app).await;
    let tea = &two.accounts[0];
    let district = app.login("district").await;
    let first = tea
        .create_assistance_log(&log(two.pairings[0], AssistanceKind::LabourHired, None, Some(5)))
        .await
        .expect("logged");
    let by_tea = tea.confirm_assistance_log(first.id, &ConfirmAssistanceLog { version: first.version }).await;
    let confirmed = district
        .confirm_assistance_log(first.id, &ConfirmAssistanceLog { version: first.version })
        .await
        .expect("confirmed");

    let edited = tea.update_assistance_log(first.id, &update_of(&confirmed)).await;
    let photo = tea.add_assistance_photo(first.id, phone_photo()).await;
    let mut correction = log(two.pairings[0], AssistanceKind::LabourHired, None, Some(3));
    correction.corrects = Some(first.id);
    let pending = tea.create_assistance_log(&correction).await.expect("corrected");
    let year = PairingFiguresQuery { year: 2020, as_of: None, org_unit: None };
    let before = district.pairing_figures(&year).await.expect("figures before the correction is confirmed");
    district
        .confirm_assistance_log(pending.id, &ConfirmAssistanceLog { version: pending.version })
        .await
        .expect("the correction confirmed");
    let figures = district.pairing_figures(&year).await.expect("figures");
    let own = tea
        .pairing_figures(&PairingFiguresQuery { year: 2020, as_of: None, org_unit: None })
        .await
        .expect("own figures");

    assert_eq!(status(by_tea), Some(403), "the enterprise does not confirm its own log");
    assert!(confirmed.confirmed_on.is_some());
    assert_eq!(status(edited), Some(409));
    assert_eq!(status(photo), Some(409));
    assert_eq!(before.totals.labour_hired, 5, "a correction waiting for confirmation changes nothing yet");
    assert_eq!(figures.totals.labour_hired, 3, "the confirmed correction counts, the corrected log no more");
    assert_eq!((figures.enterprises, figures.villages, figures.households), (2, 2, 1));
    assert_eq!(own.enterprises, 1, "an enterprise counts only itself");
    assert_eq!(own.per_enterprise.iter().map(|e| e.enterprise_id).collect::<Vec<_>>(), [two.ids[0]]);
}

#[tokio::test]
async fn a_log_photo_loses_its_gps_and_a_file_that_is_no_image_is_refused() {
    let app = TestApp::spawn().await;
    let two = two_enterprises(&app).await;
    let [tea, mill] = &two.accounts;
    let entry = tea
        .create_assistance_log(&log(two.pairings[0], AssistanceKind::LabourHired, None, Some(2)))
        .await
        .expect("logged");
    let upload = phone_photo();
    assert!(contains(&upload, HIDDEN), "the upload carries the GPS text");

    let with_photo = tea.add_assistance_photo(entry.id, upload).await.expect("stored");
    let photo = *with_photo.photos.first().expect("listed");
    let stored = app.login("district").await.assistance_photo(entry.id, photo).await.expect("read");
    let not_an_image = tea.add_assistance_photo(entry.id, b"%PDF-1.4 not a photo".to_vec()).await;
    let by_the_mill = mill.assistance_photo(entry.id, photo).await;
    let mut fourth = Vec::new();
    for _ in 0..3 {
        fourth.push(tea.add_assistance_photo(entry.id, phone_photo()).await.map(|l| l.photos.len()));
    }

    assert_eq!(stored.get(..2), Some(&[0xFF, 0xD8][..]), "a JPEG");
    assert!(!contains(&stored, HIDDEN) && !contains(&stored, b"Exif"), "no EXIF, no GPS");
    assert!(matches!(status(not_an_image), Some(415 | 422)));
    assert_eq!(status(by_the_mill), Some(404));
    assert_eq!(fourth.iter().filter(|r| r.is_ok()).count(), 2, "three photos a log: {fourth:?}");
}

#[tokio::test]
async fn enterprises_and_their_accounts_are_checked_field_by_field() {
    let app = TestApp::spawn().await;
    let district = app.login("district").await;
    let admin = app.login("admin").await;
    let mut bad = enterprise("", 1);
    bad.credit_code = "91341000MA2T000019".to_owned();
    bad.phone = "call me".to_owned();
    let first = district.create_enterprise(&enterprise("灵山茶业", 1)).await.expect("created");
    let unit: OrgUnitId = admin.org_tree().await.expect("tree").unit.id;
    let user = |enterprise_id| CreateUser {
        username: "tea".to_owned(),
        password: jingzhun::demo::DEMO_PASSWORD.to_owned(),
        display_name: None,
        role: Role::Enterprise,
        org_unit_id: unit,
        enterprise_id,
        cadre_id: None,
    };

    let refused = district.create_enterprise(&bad).await;
    let same_code = district.create_enterprise(&enterprise("另一家", 1)).await;
    let clerk_creates = app.login("clerk").await.create_enterprise(&enterprise("第三家", 3)).await;
    let without_enterprise = admin.create_user(&user(None)).await;
    let with_enterprise = admin.create_user(&user(Some(first.id))).await;

    assert_eq!(fields(refused), ["credit_code", "name", "phone"]);
    assert_eq!(fields(same_code), ["credit_code"]);
    assert_eq!(status(clerk_creates), Some(403));
    assert_eq!(fields(without_enterprise), ["enterprise_id"]);
    assert_eq!(with_enterprise.expect("created").enterprise_id, Some(first.id));
}

#[tokio::test]
async fn a_clerk_sees_of_a_pairing_only_the_villages_and_households_of_its_own_village() {
    let app = TestApp::spawn().await;
    let (district, admin, clerk) = (app.login("district").await, app.login("admin").await, app.login("clerk").await);
    let [zhang, far] = villages(&admin, ["张村", "呈阳村"]).await;
    let near = admin.create_household(&loaded(new_household(zhang, "汪春", id_card(741)))).await.expect("loaded");
    let away = admin.create_household(&loaded(new_household(far, "程远", id_card(742)))).await.expect("loaded");
    let id = district.create_enterprise(&enterprise("灵山茶业", 0)).await.expect("enterprise").id;
    let pairing = CreatePairing {
        enterprise_id: id,
        village_ids: vec![zhang, far],
        household_ids: vec![near.id, away.id],
        since: day(1, 10),
        until: None,
    };
    district.create_pairing(&pairing).await.expect("paired");

    let seen = clerk.pairings(&PairingQuery::default()).await.expect("the clerk's pairings").items;

    let [seen] = <[_; 1]>::try_from(seen).expect("one pairing");
    assert_eq!(seen.households.iter().map(|h| h.head_name.as_str()).collect::<Vec<_>>(), ["汪春"]);
    assert_eq!(seen.villages.iter().map(|v| v.id).collect::<Vec<_>>(), [zhang]);
    let whole = district.pairings(&PairingQuery::default()).await.expect("the district's pairings").items;
    assert_eq!(whole.iter().map(|p| p.households.len()).sum::<usize>(), 2, "the district sees the whole pairing");
}
