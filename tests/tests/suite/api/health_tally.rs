//! The health figures are summed from tallies the database's own triggers keep (claims per
//! village, kind and day; people on file and signed per village and day). Here a history drawn
//! from a fixed seed writes through every door that moves them — claims entered, corrected and
//! imported, members joining and leaving, households loaded one by one and by file, signings
//! entered and corrected — and through raw SQL no service uses (a household moved to another
//! village, its status changed, a member's dates rewritten, a member deleted). Then the tallies
//! must give, for many days and every unit, what a plain reading of the records gives.

use chrono::{Datelike, Duration, NaiveDate};
use jingzhun::services::health::tally::{self, ClaimSums};
use jingzhun_shared::health::{ClaimImportQuery, ClaimKind, DoctorSigningInput, HealthFiguresQuery, HospitalLevel};
use jingzhun_shared::registry::{CreateMember, IMPORT_COLUMNS, ImportQuery, JoinReason, LeaveMember, LeaveReason};
use jingzhun_shared::{Api, HealthStatus, Labour, MemberId, OrgUnitId, Relation};
use sea_orm::{ConnectionTrait, DatabaseConnection, FromQueryResult, Statement};

use crate::api::credit_tally::Draw;
use crate::api::health::{claim, set_rules};
use crate::api::registry::{id_card, loaded, new_household, villages};
use crate::helpers::TestApp;

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("date")
}

/// A date as a literal of the engine (SQLite keeps dates as text; a CAST would make a number).
pub(crate) fn lit(db: &DatabaseConnection, on: NaiveDate) -> String {
    match db.get_database_backend() {
        sea_orm::DbBackend::Postgres => format!("DATE '{on}'"),
        _ => format!("'{on}'"),
    }
}

pub(crate) async fn exec(db: &DatabaseConnection, sql: String) {
    db.execute_raw(Statement::from_string(db.get_database_backend(), sql)).await.expect("raw write");
}

/// People on file under `path` on `on` and those with a valid signing, read plainly.
async fn plain_people(db: &DatabaseConnection, path: &str, on: NaiveDate) -> tally::People {
    let on = lit(db, on);
    let people = format!(
        "FROM member m JOIN household h ON h.id = m.household_id WHERE h.org_path LIKE '{path}%' \
         AND h.status IN ('registered', 'exited') AND (m.joined_on IS NULL OR m.joined_on <= {on}) \
         AND (m.left_on IS NULL OR m.left_on > {on})"
    );
    let sql = format!(
        "SELECT CAST(COUNT(*) AS BIGINT) AS on_file, CAST((SELECT COUNT(*) {people} AND EXISTS (SELECT 1 FROM \
         doctor_signing g WHERE g.member_id = m.id AND g.signed_on <= {on} AND g.valid_to >= {on})) AS BIGINT) \
         AS signed {people}"
    );
    let statement = Statement::from_string(db.get_database_backend(), sql);
    tally::People::find_by_statement(statement).one(db).await.expect("plain people").expect("a row")
}

/// The claims of `year` under `path` discharged by `as_of`, per kind, read plainly.
async fn plain_claims(db: &DatabaseConnection, path: &str, year: i32, as_of: NaiveDate) -> Vec<ClaimSums> {
    let as_of = lit(db, as_of);
    let sql = format!(
        "SELECT kind, CAST(COUNT(*) AS BIGINT) AS claims, CAST(SUM(total_cost_fen) AS BIGINT) AS total_cost_fen, \
         CAST(SUM(out_of_pocket_fen) AS BIGINT) AS out_of_pocket_fen, CAST(SUM(fallback_fen) AS BIGINT) AS fallback_fen, \
         CAST(SUM(supplementary_fen) AS BIGINT) AS supplementary_fen, CAST(SUM(commercial_fen) AS BIGINT) AS commercial_fen \
         FROM health_claim WHERE year = {year} AND discharged_on <= {as_of} \
         AND org_path LIKE '{path}%' GROUP BY kind ORDER BY kind"
    );
    let statement = Statement::from_string(db.get_database_backend(), sql);
    ClaimSums::find_by_statement(statement).all(db).await.expect("plain claims")
}

/// The tally's kinds in the plain reading's order, without kinds whose claims all went away.
async fn tallied_claims(db: &DatabaseConnection, path: &str, year: i32, as_of: NaiveDate) -> Vec<ClaimSums> {
    let mut rows = tally::claims(db, path, year, as_of).await.expect("tally");
    rows.retain(|r| r.claims != 0);
    rows.sort_by(|a, b| a.kind.cmp(&b.kind));
    rows
}

fn joining(n: u32, on: NaiveDate) -> CreateMember {
    CreateMember {
        name: "汪小青".to_owned(),
        id_card_no: id_card(n),
        relation: Relation::Child,
        health: HealthStatus::Healthy,
        labour: Labour::Full,
        join_reason: Some(JoinReason::Birth),
        joined_on: Some(on),
    }
}

/// Households loaded one by one (some only filed, not registered) with members joining and
/// leaving on drawn days; answers the people (member, household) written.
pub(crate) async fn registry(district: &Api, draw: &mut Draw, places: &[OrgUnitId; 3]) -> Vec<MemberId> {
    let mut people = Vec::new();
    for n in 0..12u32 {
        let village = places[usize::try_from(n % 3).unwrap_or(0)];
        let input = new_household(village, "汪春生", id_card(500 + n));
        let input = if n % 4 == 3 { input } else { loaded(input) };
        let h = district.create_household(&input).await.expect("household");
        people.push(h.members[0].id);
        for k in 0..draw.below(3) {
            let joined = draw.day_between(day(2019, 6, 1), day(2021, 6, 30));
            let m = district.add_member(h.id, &joining(600 + n * 4 + u32::try_from(k).unwrap_or(0), joined)).await;
            let m = m.expect("member");
            people.push(m.id);
            if draw.below(3) == 0 {
                let left_on = draw.day_between(joined + Duration::days(1), day(2021, 11, 30));
                let leave = LeaveMember { reason: LeaveReason::Moved, left_on, new_head_id: None, version: m.version };
                district.leave_member(m.id, &leave).await.expect("left");
            }
        }
    }
    people
}

/// A file of three households of the first village loaded at once.
pub(crate) async fn registry_file(district: &Api, code: &str) {
    let mut text = IMPORT_COLUMNS.join(",");
    for n in 0..3u32 {
        let (head, child) = (id_card(700 + n * 2), id_card(701 + n * 2));
        text.push_str(&format!("\n{code},{head},一般贫困户,因病,,汪大山,{head},户主,健康,普通劳动力"));
        text.push_str(&format!("\n{code},{head},一般贫困户,,,汪小山,{child},子女,,无劳动力"));
    }
    let query = ImportQuery { format: "csv".into(), commit: true, progress: None, initial_load: true };
    let report = district.import_households(&query, text.into_bytes()).await.expect("import");
    assert!(report.errors.is_empty() && report.committed, "the file loads: {:?}", report.errors);
}

/// Signings of drawn spans (a renewal the day after the old one ends, sometimes a correction),
/// and one overlapping signing that must be refused.
async fn signings(health: &Api, draw: &mut Draw, people: &[MemberId]) -> usize {
    let mut written = 0;
    for (i, member) in people.iter().enumerate() {
        let mut from = draw.day_between(day(2019, 1, 1), day(2020, 12, 31));
        for _ in 0..=draw.below(2) {
            let to = from + Duration::days(i64::try_from(30 + draw.below(400)).unwrap_or(30));
            let input = DoctorSigningInput {
                member_id: *member,
                team: "东山卫生院团队".to_owned(),
                doctor: "李医生".to_owned(),
                signed_on: from,
                valid_to: to,
                version: None,
            };
            let made = health.create_doctor_signing(&input).await.expect("signing");
            written += 1;
            if i % 5 == 0 {
                let overlapping =
                    DoctorSigningInput { signed_on: to, valid_to: to + Duration::days(30), ..input.clone() };
                let refused = health.create_doctor_signing(&overlapping).await.expect_err("overlap");
                assert!(refused.api_error().expect("wire").field("signed_on")[0].contains("重叠"));
                let shorter =
                    DoctorSigningInput { valid_to: to - Duration::days(20), version: Some(made.version), ..input };
                health.update_doctor_signing(made.id, &shorter).await.expect("corrected");
                written += 1;
            }
            from = to + Duration::days(1 + i64::try_from(draw.below(90)).unwrap_or(0));
        }
    }
    written
}

const KINDS: [ClaimKind; 3] = [ClaimKind::Inpatient, ClaimKind::Outpatient, ClaimKind::Chronic];
const LEVELS: [HospitalLevel; 3] = [HospitalLevel::County, HospitalLevel::City, HospitalLevel::Province];

/// Claims over two years, some corrected (moved to another day, person or amount), and a file.
async fn claims(health: &Api, draw: &mut Draw, people: &[MemberId], card: &str) -> usize {
    let mut written = 0;
    for n in 0..40usize {
        let who = people[usize::try_from(draw.below(people.len() as u64)).unwrap_or(0)];
        let kind = KINDS[usize::try_from(draw.below(3)).unwrap_or(0)];
        let level = LEVELS[usize::try_from(draw.below(3)).unwrap_or(0)];
        let on = draw.day_between(day(2020, 1, 1), day(2021, 12, 20)).to_string();
        let total = 1_000 + i64::try_from(draw.below(30_000)).unwrap_or(0);
        let input = claim(who, kind, level, &on, total, total / 3);
        let made = health.create_health_claim(&input).await.expect("claim");
        written += 1;
        if n % 4 == 0 {
            let other = people[usize::try_from(draw.below(people.len() as u64)).unwrap_or(0)];
            let moved = draw.day_between(day(2020, 1, 1), day(2021, 12, 20)).to_string();
            let mut fixed = claim(other, kind, level, &moved, total + 500, total / 4);
            fixed.version = Some(made.version);
            health.update_health_claim(made.id, &fixed).await.expect("corrected");
            written += 1;
        }
    }
    let mut text = jingzhun_shared::health::CLAIM_COLUMNS.join(",");
    for (k, on) in ["2020-02-03", "2020-09-30", "2021-01-01"].iter().enumerate() {
        text.push_str(&format!("\n{card},住院,区人民医院,县级医院,{on},{on},{},,{},,,", 8_000 + k * 1_000, 2_000));
    }
    let query = ClaimImportQuery { format: "csv".into(), commit: true, progress: None };
    let report = health.import_health_claims(&query, text.into_bytes()).await.expect("claims file");
    assert!(report.errors.is_empty(), "the claims file loads: {:?}", report.errors);
    written + 1
}

pub(crate) async fn path_of(db: &DatabaseConnection, unit: OrgUnitId) -> String {
    let sql = format!("SELECT path FROM org_unit WHERE id = {}", unit.0);
    let row = db.query_one_raw(Statement::from_string(db.get_database_backend(), sql)).await.expect("path");
    row.expect("unit").try_get("", "path").expect("text")
}

/// Writes no service makes: a household moved to another village, statuses changed, a
/// member's dates rewritten, a member deleted.
async fn raw_writes(db: &DatabaseConnection, places: &[OrgUnitId; 3]) {
    let path = path_of(db, places[2]).await;
    let first = "(SELECT MIN(id) FROM household)";
    exec(db, format!("UPDATE household SET org_path = '{path}', village_id = {} WHERE id = {first}", places[2].0))
        .await;
    exec(db, format!("UPDATE household SET status = 'exited' WHERE id = {first} + 1")).await;
    exec(db, format!("UPDATE household SET status = 'removed' WHERE id = {first} + 2")).await;
    exec(db, "UPDATE household SET status = 'registered' WHERE status = 'pending'".to_owned()).await;
    let (may, march) = (lit(db, day(2020, 5, 5)), lit(db, day(2021, 3, 3)));
    exec(db, format!("UPDATE member SET joined_on = {may} WHERE id = (SELECT MAX(id) FROM member)")).await;
    exec(db, format!("UPDATE member SET left_on = {march} WHERE id = (SELECT MAX(id) - 1 FROM member)")).await;
    exec(
        db,
        "DELETE FROM member WHERE id = (SELECT MAX(m.id) FROM member m WHERE NOT EXISTS (SELECT 1 FROM doctor_signing g \
         WHERE g.member_id = m.id) AND NOT EXISTS (SELECT 1 FROM health_claim c WHERE c.member_id = m.id) \
         AND m.relation <> 'head')"
            .to_owned(),
    )
    .await;
}

/// Month ends and starts, mid-months and year ends over 2019–2022.
pub(crate) fn dates() -> Vec<NaiveDate> {
    let mut out = Vec::new();
    let mut d = day(2019, 1, 1);
    while d <= day(2022, 1, 31) {
        out.extend([d, d + Duration::days(14)]);
        let next = d.checked_add_months(chrono::Months::new(1)).expect("month");
        out.push(next - Duration::days(1));
        d = next;
    }
    out
}

#[tokio::test]
async fn the_health_tallies_equal_a_plain_reading_after_every_kind_of_write() {
    let app = TestApp::spawn().await;
    let (district, health) = (app.login("district").await, app.login("health").await);
    set_rules(&health, 2020).await;
    set_rules(&health, 2021).await;
    let places = villages(&district, ["张村", "呈阳村", "石岗村"]).await;
    let mut draw = Draw(20_201_231);
    let people = registry(&district, &mut draw, &places).await;
    let code = district.org_unit(places[0]).await.expect("village").code;
    registry_file(&district, &code).await;
    let written =
        signings(&health, &mut draw, &people).await + claims(&health, &mut draw, &people, &id_card(700)).await;
    assert!(written > 60, "a long enough history: {written} writes");
    raw_writes(&app.db, &places).await;

    let mut paths = Vec::new();
    for p in places {
        paths.push(path_of(&app.db, p).await);
    }
    // The district's path begins every village's: its first segment.
    let district_path = paths[0].split('/').take(2).collect::<Vec<_>>().join("/") + "/";
    paths.push(district_path.clone());
    let (mut checked, mut busiest) = (0, (day(2019, 1, 1), tally::People::default()));
    for path in &paths {
        for on in dates() {
            let plain = plain_people(&app.db, path, on).await;
            assert_eq!(tally::people(&app.db, path, on).await.expect("tally"), plain, "people under {path} on {on}");
            if *path == district_path && plain.signed > busiest.1.signed {
                busiest = (on, plain);
            }
            let year = on.year();
            assert_eq!(
                tallied_claims(&app.db, path, year, on).await,
                plain_claims(&app.db, path, year, on).await,
                "claims of {year} under {path} by {on}"
            );
            checked += 1;
        }
    }
    assert!(checked > 400);
    let (on, plain) = busiest;
    assert!(plain.on_file > 20 && plain.signed > 8, "the history leaves people and signings: {plain:?} on {on}");
    let query = HealthFiguresQuery { year: on.year(), as_of: Some(on), org_unit: None };
    let figures = district.health_figures(&query).await.expect("figures");
    assert_eq!((figures.registered_people, figures.signed_people), (plain.on_file as u64, plain.signed as u64));
}
