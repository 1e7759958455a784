//! The settlement import: one row a claim matched by ID card, every row error in the preview,
//! all or nothing on commit, the 351 and 180 computed in discharge order with the claims on
//! file; the template and the ledger.

use calamine::Reader;
use jingzhun_shared::health::{ClaimImportQuery, ClaimKind, ClaimLedgerQuery, HealthClaimQuery, HospitalLevel};
use jingzhun_shared::{Fen, PageQuery};

use crate::api::health::{claim, person, set_rules};
use crate::api::registry::id_card;
use crate::helpers::TestApp;
use jingzhun::services::health::{Settling, hold_settlement};

fn csv(rows: &[[&str; 12]]) -> Vec<u8> {
    let mut text = jingzhun_shared::health::CLAIM_COLUMNS.join(",");
    for row in rows {
        text.push('\n');
        text.push_str(&row.join(","));
    }
    text.into_bytes()
}

#[tokio::test]
async fn an_import_names_every_bad_row_and_a_good_one_settles_in_discharge_order_with_the_claims_on_file() {
    let app = TestApp::spawn().await;
    let health = app.login("health").await;
    set_rules(&health, 2020).await;
    let a = person(&app, 311).await;
    let card = id_card(311);
    // On file: a June county stay leaving 4,000 → pays 3,000, fallback 1,000.
    let june = health
        .create_health_claim(&claim(a, ClaimKind::Inpatient, HospitalLevel::County, "2020-06-01", 10_000, 6_000))
        .await
        .expect("june");
    let query = |commit| ClaimImportQuery { format: "csv".into(), commit, progress: None };
    let stay = ["住院", "区人民医院", "县级医院", "2020-03-01", "2020-03-05"];
    let row = |card: &'static str, total: &'static str, basic: &'static str| {
        [card, stay[0], stay[1], stay[2], stay[3], stay[4], total, "", basic, "", "", ""]
    };
    let card: &'static str = Box::leak(card.into_boxed_str());
    let unknown: &'static str = Box::leak(id_card(999).into_boxed_str());

    let bad = csv(&[row(card, "10000", "8000"), row(unknown, "100", "0"), row(card, "100", "101")]);
    let report = health.import_health_claims(&query(true), bad).await.expect("report");
    // March, on import: 10,000 − 8,000 = 2,000 left → pays 2,000. June then may pay only
    // 3,000 − 2,000 = 1,000 of its 4,000: fallback 3,000.
    let good = csv(&[row(card, "10000", "8000")]);
    let preview = health.import_health_claims(&query(false), good.clone()).await.expect("preview");
    let committed = health.import_health_claims(&query(true), good).await.expect("commit");

    assert!(!report.committed);
    let cells: Vec<(u64, &str)> = report.errors.iter().map(|e| (e.row, e.column.as_str())).collect();
    assert_eq!(cells, vec![(3, "身份证号"), (4, "基本医保（元）")]);
    assert!(!preview.committed && preview.error_count == 0 && preview.total_cost_fen == Fen::from_yuan(10_000));
    assert!(committed.committed);
    assert_eq!((committed.fallback_fen, committed.recomputed), (Fen::ZERO, 1));
    let june = health.health_claim(june.id).await.expect("june");
    assert_eq!((june.out_of_pocket_fen, june.fallback_fen), (Fen::from_yuan(1_000), Fen::from_yuan(3_000)));
    let history = health.health_claim_history(june.id, &PageQuery::default()).await.expect("history");
    assert!(history.items[0].reason.contains("导入"), "{}", history.items[0].reason);
    let all = health.health_claims(&HealthClaimQuery { member_id: Some(a), ..Default::default() }).await.expect("list");
    assert_eq!(all.items.iter().map(|c| c.discharged_on.to_string()).collect::<Vec<_>>(), ["2020-03-05", "2020-06-01"]);
}

#[tokio::test]
async fn the_template_opens_as_a_workbook_and_the_ledger_totals_the_year() {
    let app = TestApp::spawn().await;
    let health = app.login("health").await;
    set_rules(&health, 2020).await;
    let a = person(&app, 312).await;
    health
        .create_health_claim(&claim(a, ClaimKind::Inpatient, HospitalLevel::County, "2020-06-01", 10_000, 6_000))
        .await
        .expect("claim");

    let template = health.health_claim_template().await.expect("template");
    let ledger = health.health_claim_ledger(&ClaimLedgerQuery { year: 2020, org_unit_id: None }).await.expect("ledger");

    let mut book = calamine::open_workbook_auto_from_rs(std::io::Cursor::new(template)).expect("a workbook");
    let sheet = book.worksheet_range("结算").expect("sheet");
    assert_eq!(sheet.get_value((0, 0)).map(ToString::to_string).as_deref(), Some("身份证号"));
    let mut book = calamine::open_workbook_auto_from_rs(std::io::Cursor::new(ledger)).expect("a workbook");
    let sheet = book.worksheet_range("健康扶贫台账").expect("sheet");
    let totals = sheet.rows().next_back().expect("the totals row").iter().map(ToString::to_string).collect::<Vec<_>>();
    assert_eq!(totals[0], "合计 1 笔");
    assert_eq!((totals[7].as_str(), totals[13].as_str(), totals[15].as_str()), ("10000", "1000", "3000"));
}

/// A correction of a person's claim under way (its transaction holds the settlement and the
/// person, as `save_claim` does before it writes) while a settlement file for the same person is
/// imported: the import waits for it and settles with the corrected figures, never with the
/// old ones.
#[tokio::test]
async fn an_import_waits_for_a_correction_of_the_same_person_under_way_and_settles_with_it() {
    use sea_orm::{ConnectionTrait, Statement, TransactionTrait};
    let app = TestApp::spawn().await;
    let health = app.login("health").await;
    set_rules(&health, 2020).await;
    let a = person(&app, 314).await;
    let card: &'static str = Box::leak(id_card(314).into_boxed_str());
    // January, county: 10,000 − 6,000 = 4,000 left, capped at 3,000 (fallback 1,000).
    let january = health
        .create_health_claim(&claim(a, ClaimKind::Inpatient, HospitalLevel::County, "2020-01-10", 10_000, 6_000))
        .await
        .expect("january");
    // The correction: the basic insurance paid it all, so January leaves nothing to the family.
    let correction = app.db.begin().await.expect("begin");
    let backend = correction.get_database_backend();
    hold_settlement(&correction, Settling::People(vec![a.0])).await.expect("held as a correction holds it");
    let corrected = format!(
        "UPDATE health_claim SET basic_insurance_fen = total_cost_fen, out_of_pocket_fen = 0, fallback_fen = 0 \
         WHERE id = {}",
        january.id.0
    );
    correction.execute_raw(Statement::from_string(backend, corrected)).await.expect("corrected");
    // March, county: 10,000 − 8,000 = 2,000 left. With January at 0 the family pays it all.
    let file =
        csv(&[[card, "住院", "区人民医院", "县级医院", "2020-03-01", "2020-03-05", "10000", "", "8000", "", "", ""]]);
    let query = ClaimImportQuery { format: "csv".into(), commit: true, progress: None };
    let importing = tokio::spawn({
        let health = health.clone();
        async move { health.import_health_claims(&query, file).await }
    });
    someone_waits_for_a_lock(&app).await;
    correction.commit().await.expect("commit");
    let report = importing.await.expect("task").expect("report");

    assert!(report.committed, "{:?}", report.errors);
    let year =
        health.health_claims(&HealthClaimQuery { member_id: Some(a), ..Default::default() }).await.expect("list");
    let march = year.items.iter().find(|c| c.discharged_on.to_string() == "2020-03-05").expect("march");
    assert_eq!((march.out_of_pocket_fen, march.fallback_fen), (Fen::from_yuan(2_000), Fen::ZERO));
}

/// Waits until a session of the test's database waits for a lock (PostgreSQL), or lets a
/// moment pass (SQLite, where the other transaction waits for the write lock held).
async fn someone_waits_for_a_lock(app: &TestApp) {
    use sea_orm::{ConnectionTrait, DbBackend, Statement};
    let backend = app.db.get_database_backend();
    if backend != DbBackend::Postgres {
        tokio::time::sleep(std::time::Duration::from_millis(300)).await;
        return;
    }
    let waiting = "SELECT COUNT(*) AS n FROM pg_stat_activity \
                   WHERE wait_event_type = 'Lock' AND datname = current_database()";
    let started = std::time::Instant::now();
    loop {
        let row = app.db.query_one_raw(Statement::from_string(backend, waiting)).await.expect("activity");
        if row.expect("a row").try_get::<i64>("", "n").expect("count") > 0 {
            return;
        }
        assert!(started.elapsed() < std::time::Duration::from_secs(30), "the other side reaches the lock");
        tokio::time::sleep(std::time::Duration::from_millis(20)).await;
    }
}

/// A claim entered while a settlement import is under way (its transaction holds the
/// settlement as the import does, then writes a claim of the same person discharged earlier):
/// the entry waits for the import and settles with the imported claim.
#[tokio::test]
async fn an_entry_waits_for_a_settlement_import_under_way_and_settles_after_it() {
    use jingzhun::entities::{household, member};
    use jingzhun_shared::health::ClaimFigures;
    use sea_orm::{ActiveModelTrait, EntityTrait, TransactionTrait};
    let app = TestApp::spawn().await;
    let health = app.login("health").await;
    set_rules(&health, 2020).await;
    let a = person(&app, 315).await;
    let m = member::Entity::find_by_id(a.0).one(&app.db).await.expect("read").expect("member");
    let h = household::Entity::find_by_id(m.household_id).one(&app.db).await.expect("read").expect("household");

    let import = app.db.begin().await.expect("begin");
    hold_settlement(&import, Settling::Anyone).await.expect("held as an import holds it");
    // January, county: 10,000 − 6,000 = 4,000 left, capped at 3,000 (fallback 1,000).
    let input = claim(a, ClaimKind::Inpatient, HospitalLevel::County, "2020-01-10", 10_000, 6_000);
    let mut january = jingzhun::services::health::new_row(&input, &m, &h, "区人民医院".into());
    let figures = ClaimFigures {
        fallback: Fen::from_yuan(1_000),
        supplementary: Fen::ZERO,
        out_of_pocket: Fen::from_yuan(3_000),
        cap: Some(Fen::from_yuan(3_000)),
        cap_level: Some(HospitalLevel::County),
        before: Fen::ZERO,
    };
    jingzhun::services::health::set_figures(&mut january, &figures);
    // SQLite: written first, so this transaction holds the write lock the entry waits for.
    let postgres = app.db.get_database_backend() == sea_orm::DbBackend::Postgres;
    if !postgres {
        january.clone().insert(&import).await.expect("the imported claim");
    }
    // March, county: 10,000 − 8,000 = 2,000 left; after January's 3,000 the cap is reached, so
    // all of it is fallback. Settled without January, the family would pay the 2,000.
    let entering = tokio::spawn({
        let health = health.clone();
        let march = claim(a, ClaimKind::Inpatient, HospitalLevel::County, "2020-03-05", 10_000, 8_000);
        async move { health.create_health_claim(&march).await }
    });
    someone_waits_for_a_lock(&app).await;
    // PostgreSQL: written only now, so the entry waits for the settlement, not for the lock
    // this claim's foreign key takes on the person.
    if postgres {
        january.insert(&import).await.expect("the imported claim");
    }
    import.commit().await.expect("commit");
    let march = entering.await.expect("task").expect("entered");

    assert_eq!((march.out_of_pocket_fen, march.fallback_fen), (Fen::ZERO, Fen::from_yuan(2_000)));
}
