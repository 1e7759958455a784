use calamine::Reader;
use jingzhun_shared::org::AuditQuery;
use jingzhun_shared::registry::{HouseholdQuery, IMPORT_COLUMNS, ImportQuery};
use jingzhun_shared::{Api, HealthStatus, HouseholdCategory, Labour};

use crate::api::registry::id_card;
use crate::helpers::TestApp;

const ZHANG_CODE: &str = "341002003";

fn csv(rows: &[[&str; 10]]) -> Vec<u8> {
    let mut text = IMPORT_COLUMNS.join(",");
    for row in rows {
        text.push('\n');
        text.push_str(&row.join(","));
    }
    text.into_bytes()
}

async fn import(api: &Api, file: Vec<u8>, format: &str, commit: bool) -> jingzhun_shared::registry::ImportReport {
    let query = ImportQuery { format: format.to_owned(), commit, progress: None, initial_load: false };
    api.import_households(&query, file).await.expect("import answers")
}

async fn zhang_code(api: &Api) -> String {
    let tree = api.org_tree().await.expect("tree");
    tree.flatten().into_iter().find(|u| u.name == "张村").map(|u| u.code.clone()).expect("张村")
}

#[tokio::test]
async fn the_template_is_an_xlsx_with_the_import_columns() {
    let app = TestApp::spawn().await;
    let clerk = app.login("clerk").await;

    let bytes = clerk.import_template().await.expect("template");

    let mut book: calamine::Xlsx<_> = calamine::Xlsx::new(std::io::Cursor::new(bytes)).expect("an xlsx");
    let sheet = book.worksheet_range_at(0).expect("a sheet").expect("readable");
    let header: Vec<String> = sheet.rows().next().expect("header").iter().map(|c| c.to_string()).collect();
    assert_eq!(header, IMPORT_COLUMNS);
}

#[tokio::test]
async fn one_bad_row_imports_nothing_and_is_named_with_its_column() {
    let app = TestApp::spawn().await;
    let clerk = app.login("clerk").await;
    let code = zhang_code(&clerk).await;
    let (head, child) = (id_card(201), id_card(202));
    let mut bad = id_card(203);
    bad.replace_range(17.., if bad.ends_with('1') { "2" } else { "1" });
    let file = csv(&[
        [&code, &head, "低保户", "因病、缺技术", "13900000001", "汪大山", &head, "户主", "健康", "普通劳动力"],
        [&code, &head, "低保户", "", "", "汪小山", &child, "子女", "", "无劳动力"],
        [&code, &bad, "一般贫困户", "因灾", "", "胡明", &bad, "户主", "健康", "普通劳动力"],
    ]);

    let preview = import(&clerk, file.clone(), "csv", false).await;
    let commit = import(&clerk, file, "csv", true).await;

    assert!(!preview.committed);
    assert_eq!(preview.rows, 3);
    assert!(preview.errors.iter().any(|e| e.row == 4 && e.column == "户主身份证号" && e.message.contains("校验位")));
    assert!(preview.errors.iter().all(|e| e.row == 4), "only the bad row: {:?}", preview.errors);
    assert!(!commit.committed);
    let listed = clerk.households(&HouseholdQuery::default()).await.expect("list");
    assert_eq!(listed.total, 0, "nothing was imported");
}

#[tokio::test]
async fn a_good_file_imports_and_importing_it_again_updates_instead_of_duplicating() {
    let app = TestApp::spawn().await;
    let clerk = app.login("clerk").await;
    let code = zhang_code(&clerk).await;
    let (head, spouse, other) = (id_card(211), id_card(212), id_card(213));
    let rows = |category: &'static str| {
        csv(&[
            [&code, &head, category, "因病", "", "程春生", &head, "户主", "长期慢性病", "弱劳动力"],
            [&code, &head, category, "因病", "", "方秋菊", &spouse, "配偶", "健康", "普通劳动力"],
            [&code, &other, "五保户", "缺劳力", "", "江德", &other, "户主", "残疾", "丧失劳动力"],
        ])
    };

    let first = import(&clerk, rows("低保户"), "csv", true).await;
    let again = import(&clerk, rows("低保户"), "csv", true).await;
    let recategorised = import(&clerk, rows("一般贫困户"), "csv", true).await;

    assert!(first.committed, "{:?}", first.errors);
    assert_eq!((first.households_new, first.members_new), (2, 3));
    assert!(again.committed, "{:?}", again.errors);
    assert_eq!((again.households_new, again.households_updated, again.members_updated), (0, 2, 3));
    // 低保 is a civil-affairs decision, changed on the card with its document, never by a file.
    assert!(!recategorised.committed);
    let error = recategorised.errors.first().expect("the category's row error");
    assert_eq!((error.column.as_str(), recategorised.error_count), ("户类别", 1), "{error:?}");
    assert!(error.message.contains("民政认定"), "{error:?}");
    let listed =
        clerk.households(&HouseholdQuery { q: Some("程春生".into()), ..Default::default() }).await.expect("list");
    assert_eq!(listed.total, 1);
    assert_eq!(listed.items[0].category, HouseholdCategory::Dibao);
    assert_eq!(listed.items[0].members, 2);
    assert_eq!(clerk.households(&HouseholdQuery::default()).await.expect("all").total, 2);
}

#[tokio::test]
async fn an_export_imports_back_as_updates() {
    let app = TestApp::spawn().await;
    let clerk = app.login("clerk").await;
    let code = zhang_code(&clerk).await;
    assert_eq!(code, ZHANG_CODE);
    let head = id_card(221);
    let file = csv(&[[&code, &head, "一般贫困户", "缺资金", "", "洪文", &head, "户主", "健康", "普通劳动力"]]);
    assert!(import(&clerk, file, "csv", true).await.committed);

    let exported = clerk.export_households(&HouseholdQuery::default()).await.expect("export");
    let back = import(&clerk, exported, "xlsx", true).await;

    assert!(back.committed, "{:?}", back.errors);
    assert_eq!((back.rows, back.households_new, back.households_updated), (1, 0, 1));
}

#[tokio::test]
async fn a_clerk_cannot_import_into_another_village() {
    let app = TestApp::spawn().await;
    let clerk = app.login("clerk").await;
    let head = id_card(231);
    let file = csv(&[["341006001", &head, "一般贫困户", "因病", "", "王五", &head, "户主", "健康", "普通劳动力"]]);

    let report = import(&clerk, file, "csv", true).await;

    assert!(!report.committed);
    assert_eq!(report.errors[0].column, "村编码");
}

#[tokio::test]
async fn a_file_with_the_wrong_header_is_a_400() {
    let app = TestApp::spawn().await;
    let clerk = app.login("clerk").await;
    let query = ImportQuery { format: "csv".into(), commit: false, progress: None, initial_load: false };

    let error = clerk.import_households(&query, b"name,id\nx,y".to_vec()).await.expect_err("refused");

    assert_eq!(error.status(), Some(400));
    assert!(error.api_error().expect("wire error").message.contains("表头"));
}

#[tokio::test]
async fn a_list_longer_than_ten_thousand_reports_a_lower_bound() {
    let app = TestApp::spawn().await;
    let clerk = app.login("clerk").await;
    let code = zhang_code(&clerk).await;
    let mut text = IMPORT_COLUMNS.join(",");
    for n in 0..10_001u32 {
        let first17 =
            format!("34100419{:02}{:02}{:02}{:03}", 50 + n / 3000, 1 + (n / 250) % 12, 1 + (n / 10) % 25, n % 1000);
        let card = jingzhun_shared::IdCardNo::complete(&first17).expect("valid").as_str().to_owned();
        text.push_str(&format!("\n{code},{card},一般贫困户,因病,,户{n},{card},户主,健康,普通劳动力"));
    }

    let report = import(&clerk, text.into_bytes(), "csv", true).await;
    let long = clerk.households(&HouseholdQuery::default()).await.expect("list");
    let none = clerk
        .households(&HouseholdQuery { status: Some(jingzhun_shared::HouseholdStatus::Exited), ..Default::default() })
        .await
        .expect("empty list");

    assert!(report.committed, "{:?}", report.errors.first());
    assert_eq!(report.households_new, 10_001);
    assert_eq!((long.total, long.total_exact), (10_000, false));
    assert_eq!(long.items.len(), 50);
    assert_eq!((none.total, none.total_exact), (0, true));
    // The district's whole registry: counted past the cap once, then known to stay past it
    // (households are never deleted); a filtered list is still counted.
    let district = app.login("district").await;
    for _ in 0..2 {
        let whole = district.households(&HouseholdQuery::default()).await.expect("whole registry");
        assert_eq!((whole.total, whole.total_exact, whole.items.len()), (10_000, false, 50));
    }
    let exited = HouseholdQuery { status: Some(jingzhun_shared::HouseholdStatus::Exited), ..Default::default() };
    let exited = district.households(&exited).await.expect("filtered");
    assert_eq!((exited.total, exited.total_exact), (0, true));
}

#[tokio::test]
async fn import_progress_is_read_only_by_the_user_who_started_it() {
    let app = TestApp::spawn().await;
    let clerk = app.login("clerk").await;
    let township = app.login("township").await;
    let code = zhang_code(&clerk).await;
    let head = id_card(241);
    let file = csv(&[[&code, &head, "一般贫困户", "因病", "", "葛青", &head, "户主", "健康", "普通劳动力"]]);
    let query = ImportQuery {
        format: "csv".into(),
        commit: false,
        progress: Some("clerk-import-1".into()),
        initial_load: false,
    };

    clerk.import_households(&query, file).await.expect("checked");
    let own = clerk.import_progress("clerk-import-1").await.expect("the starter reads it");
    let other = township.import_progress("clerk-import-1").await.expect_err("another user does not");

    assert_eq!((own.phase.as_str(), own.processed, own.total), ("done", 1, 1));
    assert_eq!(other.status(), Some(404));
}

#[tokio::test]
async fn a_user_keeps_only_the_progress_of_their_latest_imports() {
    let app = TestApp::spawn().await;
    let clerk = app.login("clerk").await;
    let code = zhang_code(&clerk).await;
    let head = id_card(251);
    let file = csv(&[[&code, &head, "一般贫困户", "因病", "", "葛红", &head, "户主", "健康", "普通劳动力"]]);

    for n in 0..=jingzhun::progress::PER_USER {
        let query =
            ImportQuery { format: "csv".into(), commit: false, progress: Some(format!("t{n}")), initial_load: false };
        clerk.import_households(&query, file.clone()).await.expect("checked");
    }

    let oldest = clerk.import_progress("t0").await.expect_err("evicted");
    assert_eq!(oldest.status(), Some(404));
    let newest = clerk.import_progress(&format!("t{}", jingzhun::progress::PER_USER)).await.expect("kept");
    assert_eq!(newest.phase, "done");
}

#[tokio::test]
async fn a_reimport_with_blank_cells_keeps_what_is_on_file_and_audits_each_changed_household() {
    let app = TestApp::spawn().await;
    let clerk = app.login("clerk").await;
    let code = zhang_code(&clerk).await;
    let (head, child, other) = (id_card(261), id_card(262), id_card(263));
    let first = csv(&[
        [&code, &head, "低保户", "因病、缺技术", "13900000001", "孙长河", &head, "户主", "长期慢性病", "弱劳动力"],
        [&code, &head, "低保户", "", "", "孙小河", &child, "子女", "残疾", "无劳动力"],
        [&code, &other, "五保户", "缺劳力", "13900000002", "钱照", &other, "户主", "大病", "丧失劳动力"],
    ]);
    let again = csv(&[
        [&code, &head, "低保户", "因病", "", "孙长河", &head, "户主", "", ""],
        [&code, &head, "低保户", "", "", "孙小河", &child, "子女", "", ""],
        [&code, &other, "五保户", "缺劳力", "13900000002", "钱照", &other, "户主", "大病", "丧失劳动力"],
    ]);
    assert!(import(&clerk, first, "csv", true).await.committed);

    let report = import(&clerk, again, "csv", true).await;

    assert!(report.committed, "{:?}", report.errors);
    let found =
        clerk.households(&HouseholdQuery { q: Some("孙长河".into()), ..Default::default() }).await.expect("list");
    let admin = app.login("admin").await;
    let card = admin.household(found.items[0].id).await.expect("card");
    assert_eq!(card.category, HouseholdCategory::Dibao);
    assert_eq!(card.phone.as_deref(), Some("13900000001"));
    assert_eq!(card.causes.len(), 1, "the causes the file names");
    let health: Vec<_> = card.members.iter().map(|m| (m.name.as_str(), m.health, m.labour)).collect();
    assert!(health.contains(&("孙长河", Some(HealthStatus::Chronic), Labour::Weak)), "{health:?}");
    assert!(health.contains(&("孙小河", Some(HealthStatus::Disabled), Labour::NoCapacity)), "{health:?}");

    let updates =
        |id: String| AuditQuery { entity: Some("household".into()), entity_id: Some(id), ..Default::default() };
    let changed = admin.audit_events(&updates(card.id.to_string())).await.expect("trail");
    let changed: Vec<_> = changed.items.iter().filter(|e| e.action == "update").collect();
    assert_eq!(changed.len(), 1, "one event for the changed household");
    let (before, after) = (changed[0].before.as_ref().expect("before"), changed[0].after.as_ref().expect("after"));
    assert_eq!(
        (before["causes"].as_array().map(Vec::len), after["causes"].as_array().map(Vec::len)),
        (Some(2), Some(1))
    );
    assert_eq!(before["phone"], after["phone"]);
    assert_eq!(before["members"], after["members"], "blank cells changed no member");
    let unchanged =
        clerk.households(&HouseholdQuery { q: Some("钱照".into()), ..Default::default() }).await.expect("list");
    let trail = admin.audit_events(&updates(unchanged.items[0].id.to_string())).await.expect("trail");
    assert!(trail.items.iter().all(|e| e.action != "update"), "no event for a household the file leaves as it is");
}

#[tokio::test]
async fn imported_households_are_pending_and_only_the_district_s_initial_load_registers_them() {
    let app = TestApp::spawn().await;
    let (clerk, district) = (app.login("clerk").await, app.login("district").await);
    let code = zhang_code(&clerk).await;
    let (first, second) = (id_card(281), id_card(282));
    let row = |card: &str, name: &str| -> [String; 10] {
        [&code, card, "一般贫困户", "因病", "", name, card, "户主", "健康", "普通劳动力"].map(str::to_owned)
    };
    let file = |card: &str, name: &str| {
        let row = row(card, name);
        csv(&[row.each_ref().map(String::as_str)])
    };
    let loading = |commit| ImportQuery { format: "csv".into(), commit, progress: None, initial_load: true };

    let clerk_loads =
        clerk.import_households(&loading(true), file(&first, "汪初一")).await.expect_err("not the clerk's");
    let pending = import(&clerk, file(&first, "汪初一"), "csv", true).await;
    let loaded = district.import_households(&loading(true), file(&second, "汪初二")).await.expect("initial load");
    let status = |card: String| {
        let district = &district;
        async move {
            let found =
                district.households(&HouseholdQuery { q: Some(card), ..Default::default() }).await.expect("search");
            found.items.first().map(|h| h.status)
        }
    };

    assert_eq!(clerk_loads.status(), Some(403));
    assert!(pending.committed && loaded.committed);
    assert_eq!(status(first).await, Some(jingzhun_shared::HouseholdStatus::Pending));
    assert_eq!(status(second).await, Some(jingzhun_shared::HouseholdStatus::Registered));
}
