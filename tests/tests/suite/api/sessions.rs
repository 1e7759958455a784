//! Every connection of the server's pool carries the engine's session settings, not only the
//! first one: on PostgreSQL `jit = off` (sent when the connection opens; the report's
//! province-sized queries otherwise spent up to half a second compiling), on SQLite foreign keys
//! enforced (sqlx's default for every connection, which the pool's options must not lose: the
//! `PRAGMA` run after connecting reaches one connection only). Several transactions at once, so
//! several connections are asked.

use sea_orm::{ConnectionTrait, DbBackend, Statement, TransactionTrait};

use crate::helpers::TestApp;

#[tokio::test]
async fn every_pooled_connection_runs_with_the_engine_s_session_settings() {
    let app = TestApp::spawn_empty().await;
    let backend = app.db.get_database_backend();
    let (sql, column, expected) = match backend {
        DbBackend::Postgres => ("SELECT current_setting('jit') AS v", "v", "off".to_owned()),
        _ => ("PRAGMA foreign_keys", "foreign_keys", "1".to_owned()),
    };
    // Held open together: each stands on a connection of its own.
    let mut txns = Vec::new();
    for _ in 0..3 {
        txns.push(app.db.begin().await.expect("a connection"));
    }
    let mut seen = Vec::new();
    for txn in txns {
        let row = txn.query_one_raw(Statement::from_string(backend, sql)).await.expect("setting").expect("row");
        let value = match backend {
            DbBackend::Postgres => row.try_get::<String>("", column).expect("text"),
            _ => row.try_get::<i64>("", column).expect("flag").to_string(),
        };
        seen.push(value);
        txn.rollback().await.expect("rollback");
    }
    assert_eq!(seen, vec![expected; 3]);
}
