//! The registry's figures are summed from a tally the database's own triggers keep (households
//! and people per village, category, status and day, and the exits of each year). A household's
//! contribution depends on all its dated changes and all its members at once, so every write
//! refreshes the households it touched. Here a history drawn from a fixed seed writes through
//! the doors that move it — households loaded one by one and by file (the bulk path), members
//! joining and leaving — and through raw SQL no service uses, one statement touching many
//! households at once: change dates spread, exits added (with and without an exit year, two on
//! one day), an exit revoked, a change moved and deleted, households moved to another village
//! and to another category, a member's dates rewritten, a member moved to another household and
//! one deleted. Then the tally must give, for many days and every unit, what a replay of each
//! household's changes gives; and the report and the overview must read it.

use std::collections::{BTreeMap, HashMap};

use chrono::{Datelike, NaiveDate};
use jingzhun::services::registry::overview;
use jingzhun_shared::registry::OverviewQuery;
use jingzhun_shared::reports::AnnualReportQuery;
use jingzhun_shared::{HouseholdStatus, OrgUnitId};
use sea_orm::{ConnectionTrait, DatabaseConnection, FromQueryResult, Statement};

use crate::api::credit_tally::Draw;
use crate::api::health_tally::{dates, exec, lit, path_of, registry, registry_file};
use crate::api::registry::villages;
use crate::helpers::TestApp;

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("date")
}

#[derive(FromQueryResult)]
struct Home {
    id: i64,
    org_path: String,
    category: String,
}

#[derive(FromQueryResult)]
struct Changed {
    household_id: i64,
    to_status: String,
    on_date: NaiveDate,
    exit_year: Option<i32>,
}

#[derive(FromQueryResult)]
struct Person {
    household_id: i64,
    joined_on: Option<NaiveDate>,
    left_on: Option<NaiveDate>,
}

type Groups = BTreeMap<(String, String, i32), (i64, i64)>;

/// The records as they are now.
struct Records {
    homes: Vec<Home>,
    /// Per household, its changes in order (day, then id).
    changes: HashMap<i64, Vec<Changed>>,
    people: HashMap<i64, Vec<Person>>,
}

async fn read(db: &DatabaseConnection) -> Records {
    let backend = db.get_database_backend();
    let rows = |sql: &str| Statement::from_string(backend, sql.to_owned());
    let homes = Home::find_by_statement(rows("SELECT id, org_path, category FROM household")).all(db).await;
    let changes = Changed::find_by_statement(rows(
        "SELECT household_id, to_status, on_date, exit_year FROM household_status_change ORDER BY household_id, on_date, id",
    ))
    .all(db)
    .await
    .expect("changes");
    let people = Person::find_by_statement(rows("SELECT household_id, joined_on, left_on FROM member")).all(db).await;
    let mut by_home: HashMap<i64, Vec<Changed>> = HashMap::new();
    for c in changes {
        by_home.entry(c.household_id).or_default().push(c);
    }
    let mut members: HashMap<i64, Vec<Person>> = HashMap::new();
    for p in people.expect("members") {
        members.entry(p.household_id).or_default().push(p);
    }
    Records { homes: homes.expect("households"), changes: by_home, people: members }
}

/// The groups under `path` on `on` by replaying each household's changes up to the day.
fn replay(r: &Records, path: &str, on: NaiveDate) -> Groups {
    let mut out = Groups::new();
    for h in r.homes.iter().filter(|h| h.org_path.starts_with(path)) {
        let present = r.people.get(&h.id).map_or(0, |ms| {
            ms.iter().filter(|m| m.joined_on.is_none_or(|j| j <= on) && m.left_on.is_none_or(|l| l > on)).count()
        });
        let present = i64::try_from(present).expect("count");
        let changes: Vec<&Changed> =
            r.changes.get(&h.id).map(|cs| cs.iter().filter(|c| c.on_date <= on).collect()).unwrap_or_default();
        let mut add = |status: &str, year: i32| {
            let entry = out.entry((status.to_owned(), h.category.clone(), year)).or_default();
            entry.0 += 1;
            entry.1 += present;
        };
        if let Some(last) = changes.last() {
            add(&last.to_status, 0);
        }
        let mut years: Vec<i32> = changes
            .iter()
            .filter(|c| c.to_status == HouseholdStatus::Exited.as_str())
            .map(|c| c.exit_year.unwrap_or_else(|| c.on_date.year()))
            .collect();
        years.sort_unstable();
        years.dedup();
        for year in years {
            add("exit", year);
        }
    }
    out.retain(|_, v| *v != (0, 0));
    out
}

/// Writes no service makes, each statement touching one or many households.
async fn raw_writes(db: &DatabaseConnection, places: &[OrgUnitId; 3]) {
    let d = |y, m, dd| lit(db, day(y, m, dd));
    let now = "CURRENT_TIMESTAMP";
    // Every change (the households were filed today) moved to a day of 2019–2021.
    exec(
        db,
        format!(
            "UPDATE household_status_change SET on_date = CASE id % 5 WHEN 0 THEN {} WHEN 1 THEN {} WHEN 2 THEN {} \
             WHEN 3 THEN {} ELSE {} END",
            d(2019, 3, 1),
            d(2019, 9, 15),
            d(2020, 1, 1),
            d(2020, 6, 30),
            d(2021, 2, 28)
        ),
    )
    .await;
    let insert =
        "INSERT INTO household_status_change (household_id, from_status, to_status, on_date, exit_year, created_at)";
    // Exits of 2020 for a third of the households, certified on the 30th of November.
    exec(
        db,
        format!(
            "{insert} SELECT id, 'registered', 'exited', {}, 2020, {now} FROM household WHERE id % 3 = 0",
            d(2020, 11, 30)
        ),
    )
    .await;
    // Exits with no exit year (the day's year counts), one revoked the next year.
    exec(
        db,
        format!(
            "{insert} SELECT id, 'registered', 'exited', {}, NULL, {now} FROM household WHERE id % 7 = 1",
            d(2020, 8, 20)
        ),
    )
    .await;
    let revoked =
        "(SELECT MIN(household_id) FROM household_status_change WHERE exit_year IS NULL AND to_status = 'exited')";
    exec(db, format!("{insert} SELECT {revoked}, 'exited', 'registered', {}, NULL, {now}", d(2021, 4, 1))).await;
    // Two changes on one day: the later row wins.
    let first = "(SELECT MIN(id) FROM household)";
    exec(db, format!("{insert} SELECT {first} + 1, 'registered', 'removed', {}, NULL, {now}", d(2020, 10, 10))).await;
    exec(db, format!("{insert} SELECT {first} + 1, 'removed', 'registered', {}, NULL, {now}", d(2020, 10, 10))).await;
    // One exit moved into the next year, one change deleted.
    exec(
        db,
        format!(
            "UPDATE household_status_change SET on_date = {}, exit_year = 2021 WHERE id = (SELECT MAX(id) FROM \
             household_status_change WHERE exit_year = 2020)",
            d(2021, 11, 30)
        ),
    )
    .await;
    exec(db, "DELETE FROM household_status_change WHERE id = (SELECT MIN(id) FROM household_status_change WHERE exit_year = 2020)".to_owned()).await;
    // Households moved to another village, and to another category.
    let path = path_of(db, places[2]).await;
    exec(db, format!("UPDATE household SET org_path = '{path}', village_id = {} WHERE id % 4 = 1", places[2].0)).await;
    exec(db, "UPDATE household SET category = 'low_income' WHERE id % 5 = 2".to_owned()).await;
    // Members: dates rewritten (one statement, many people), one moved, one deleted.
    exec(db, format!("UPDATE member SET joined_on = {} WHERE id % 6 = 0", d(2020, 5, 5))).await;
    exec(db, format!("UPDATE member SET left_on = {} WHERE id % 9 = 4 AND relation <> 'head'", d(2021, 3, 3))).await;
    exec(
        db,
        format!(
            "UPDATE member SET household_id = {first} WHERE id = (SELECT MAX(id) FROM member WHERE relation <> 'head')"
        ),
    )
    .await;
    exec(db, "DELETE FROM member WHERE id = (SELECT MIN(id) FROM member WHERE relation <> 'head')".to_owned()).await;
}

#[tokio::test]
async fn the_registry_tally_equals_a_replay_of_the_changes_after_every_kind_of_write() {
    let app = TestApp::spawn().await;
    let district = app.login("district").await;
    let places = villages(&district, ["张村", "呈阳村", "石岗村"]).await;
    let mut draw = Draw(20_211_130);
    let people = registry(&district, &mut draw, &places).await;
    assert!(people.len() > 15, "a registry to count: {} people", people.len());
    let code = district.org_unit(places[0]).await.expect("village").code;
    registry_file(&district, &code).await;
    for table in ["registry_tally_paused", "registry_tally_queue", "registry_tally_flush"] {
        let sql = format!("SELECT CAST(COUNT(*) AS BIGINT) AS n FROM {table}");
        let row = app.db.query_one_raw(Statement::from_string(app.db.get_database_backend(), sql)).await;
        let n: i64 = row.expect("count").expect("a row").try_get("", "n").expect("n");
        assert_eq!(n, 0, "{table} is empty after the import");
    }
    raw_writes(&app.db, &places).await;

    let records = read(&app.db).await;
    let mut paths = Vec::new();
    for p in places {
        paths.push(path_of(&app.db, p).await);
    }
    let district_path = paths[0].split('/').take(2).collect::<Vec<_>>().join("/") + "/";
    paths.push(district_path.clone());
    let mut busiest = (day(2019, 1, 1), Groups::new());
    for path in &paths {
        for on in dates() {
            let plain = replay(&records, path, on);
            assert_eq!(overview::tally(&app.db, path, on).await.expect("tally"), plain, "under {path} on {on}");
            if *path == district_path && plain.len() > busiest.1.len() {
                busiest = (on, plain);
            }
        }
    }
    let (on, plain) = busiest;
    let statuses: Vec<&str> = plain.keys().map(|(s, _, _)| s.as_str()).collect();
    for status in ["registered", "exited", "exit"] {
        assert!(statuses.contains(&status), "the history reaches {status}: {plain:?} on {on}");
    }
    assert!(plain.keys().any(|(_, c, _)| c == "low_income"), "a moved category counts: {plain:?}");

    // The overview of a year's end and the report of a village on a day read the tally.
    let count = |g: &Groups, status: &str| -> (u64, u64) {
        g.iter().filter(|((s, _, _), _)| s == status).fold((0, 0), |(h, p), (_, (gh, gp))| {
            (h + u64::try_from(*gh).expect("h"), p + u64::try_from(*gp).expect("p"))
        })
    };
    let year_end = replay(&records, &district_path, day(2020, 12, 31));
    let o = district.registry_overview(&OverviewQuery { year: Some(2020) }).await.expect("overview");
    assert_eq!((o.remaining_households, o.remaining_people), count(&year_end, "registered"));
    assert_eq!((o.exited_households, o.exited_people), count(&year_end, "exited"));
    let exits: Vec<(i32, u64)> = o.exits_by_year.iter().map(|e| (e.year, e.households)).collect();
    assert!(exits.iter().any(|(y, n)| *y == 2020 && *n > 0), "{exits:?}");
    let on = day(2020, 9, 30);
    let village = replay(&records, &paths[2], on);
    let query = AnnualReportQuery { year: 2020, as_of: Some(on), org_unit_id: Some(places[2]) };
    let report = district.annual_report(&query).await.expect("report");
    let r = report.registry.expect("the registry section for any unit and day");
    assert_eq!((r.remaining_households, r.remaining_people), count(&village, "registered"));
    assert_eq!((r.exited_households, r.exited_people), count(&village, "exited"));
    let mut exits: BTreeMap<i32, (u64, u64)> = BTreeMap::new();
    for ((s, _, year), (h, p)) in &village {
        if s == "exit" {
            let e = exits.entry(*year).or_default();
            e.0 += u64::try_from(*h).expect("h");
            e.1 += u64::try_from(*p).expect("p");
        }
    }
    let read: Vec<(i32, u64, u64)> = r.exits_by_year.iter().map(|e| (e.year, e.households, e.people)).collect();
    assert_eq!(read, exits.into_iter().map(|(y, (h, p))| (y, h, p)).collect::<Vec<_>>());
    assert!(r.remaining_households > 0 && !read.is_empty(), "{r:?}");
}
