//! Migration 000009 carries the yearless village values `org_unit` held into profiles, and its
//! `down` puts them back; on both engines.

use jingzhun_migrations::{Migrator, MigratorTrait};

use sea_orm::{ConnectionTrait, DatabaseConnection, Statement};

use crate::helpers::{TestApp, undo_from};

const MIGRATION: &str = "m20261129_000009_create_village_profiles";

async fn rows(db: &DatabaseConnection, sql: &str) -> Vec<sea_orm::QueryResult> {
    db.query_all_raw(Statement::from_string(db.get_database_backend(), sql)).await.expect("query")
}

#[tokio::test]
async fn the_village_profile_migration_carries_the_old_values_over_and_back() {
    let app = TestApp::spawn_empty().await;
    let db = &app.db;
    undo_from(db, MIGRATION).await;
    let insert = "INSERT INTO org_unit (id, parent_id, level, name, code, path, is_poor_village, exit_year, \
                  rural_population, version, created_at) VALUES ";
    for values in [
        "(1, NULL, 'district', '区', 'd', '/1/', FALSE, NULL, NULL, 1, '2020-01-01 00:00:00+00')",
        "(2, 1, 'township', '镇', 't', '/1/2/', FALSE, NULL, NULL, 1, '2020-01-01 00:00:00+00')",
        "(3, 2, 'village', '贫困村', 'v1', '/1/2/3/', TRUE, 2019, 1500, 1, '2020-01-01 00:00:00+00')",
        "(4, 2, 'village', '一般村', 'v2', '/1/2/4/', FALSE, NULL, NULL, 1, '2020-01-01 00:00:00+00')",
    ] {
        db.execute_unprepared(&format!("{insert}{values}")).await.expect("old row");
    }

    Migrator::up(db, None).await.expect("village profiles");
    let profiles = rows(
        db,
        "SELECT org_unit_id, year, is_poor_village, rural_population, collective_income_fen \
                             FROM village_profile ORDER BY org_unit_id",
    )
    .await;
    let read = |r: &sea_orm::QueryResult| {
        (
            r.try_get::<i64>("", "org_unit_id").expect("id"),
            r.try_get::<i32>("", "year").expect("year"),
            r.try_get::<bool>("", "is_poor_village").expect("flag"),
            r.try_get::<i64>("", "rural_population").expect("population"),
            r.try_get::<i64>("", "collective_income_fen").expect("income"),
        )
    };
    let carried: Vec<_> = profiles.iter().map(read).collect();
    undo_from(db, MIGRATION).await;
    let back = rows(db, "SELECT is_poor_village, rural_population FROM org_unit WHERE id = 3").await;

    assert_eq!(carried, [(3, 2014, true, 1500, 0), (4, 2014, false, 0, 0)]);
    let back = back.first().expect("village 3");
    assert!(back.try_get::<bool>("", "is_poor_village").expect("flag"));
    assert_eq!(back.try_get::<Option<i64>>("", "rural_population").expect("population"), Some(1500));
}
