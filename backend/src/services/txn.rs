//! The one way a write opens and commits its transaction.
//!
//! Every write function takes `db: &impl Db` (a connection that can also begin a transaction)
//! and runs its work through [`in_txn`]. That is the pattern chosen over "every service takes
//! `&impl ConnectionTrait` and the caller wraps": a handler or the CLI calls one function and
//! gets one atomic, audited write without knowing about transactions, while a caller that
//! already holds a transaction passes it as `db` and the write nests in it — sea-orm's
//! `TransactionTrait::begin` on a `DatabaseTransaction` opens a savepoint, so the inner commit
//! only releases the savepoint and the outer transaction still decides. Two writes, or a
//! workflow step and its side effects, can so share one transaction.
//!
//! On SQLite the transaction begins `IMMEDIATE`: it takes the write lock at `BEGIN`, waiting up
//! to the busy timeout (`startup`) for another writer to finish. A default (deferred) `BEGIN`
//! reads first and asks for the lock at its first write; with another writer in between,
//! SQLite cannot wait (the read it began from is stale) and answers "database is locked" at
//! once. Serialised writers also make every read-then-write inside a write exact on SQLite.
//! PostgreSQL ignores the mode; there the guarded statements ([`super::versioned`], the
//! budget guard of `funds::charge`) and row locks do that work.

use sea_orm::{ConnectionTrait, DatabaseTransaction, SqliteTransactionMode, TransactionOptions, TransactionTrait};
use serde::Serialize;

use crate::actor::CurrentUser;
use crate::error::AppResult;
use crate::services::audit::{self, Event};

/// A connection that can also begin a transaction: the pool, or a transaction (whose `begin`
/// is a savepoint).
pub trait Db: ConnectionTrait + TransactionTrait<Transaction = DatabaseTransaction> {}

impl<T: ConnectionTrait + TransactionTrait<Transaction = DatabaseTransaction>> Db for T {}

/// Runs `work` in a transaction on `db` and commits it together with the audit event `work`
/// answers beside its result, recorded as done by `actor` (`None`: the system itself). On any
/// error nothing is committed: the dropped transaction rolls back, the change and its event
/// alike.
pub async fn in_txn<T>(
    db: &impl TransactionTrait<Transaction = DatabaseTransaction>,
    actor: Option<&CurrentUser>,
    work: impl AsyncFnOnce(&DatabaseTransaction) -> AppResult<(T, Event<'static>)>,
) -> AppResult<T> {
    let options = TransactionOptions {
        sqlite_transaction_mode: Some(SqliteTransactionMode::Immediate),
        ..TransactionOptions::default()
    };
    let txn = db.begin_with_options(options).await?;
    let (value, event) = work(&txn).await?;
    audit::record(&txn, actor, event).await?;
    txn.commit().await?;
    Ok(value)
}

/// What a create answers to [`in_txn`]: the new record, and its `create` event.
pub fn created<T: Serialize>(entity: &'static str, id: impl ToString, record: T) -> (T, Event<'static>) {
    let event = Event::new("create", entity, id).after(&record);
    (record, event)
}

/// What an update answers to [`in_txn`]: the record after, and its `update` event with both
/// sides.
pub fn updated<T: Serialize>(
    entity: &'static str,
    id: impl ToString,
    before: &impl Serialize,
    after: T,
) -> (T, Event<'static>) {
    let event = Event::new("update", entity, id).before(before).after(&after);
    (after, event)
}

/// What a delete answers to [`in_txn`]: nothing, and its `delete` event with what was there.
pub fn deleted(entity: &'static str, id: impl ToString, before: &impl Serialize) -> ((), Event<'static>) {
    ((), Event::new("delete", entity, id).before(before))
}

#[cfg(test)]
mod tests {
    use jingzhun_shared::org::RenameOrgUnit;
    use jingzhun_shared::{OrgLevel, OrgUnitId, Role, UserId};
    use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, PaginatorTrait, QueryFilter, TransactionTrait};

    use crate::actor::CurrentUser;
    use crate::entities::{audit_event, org_unit};
    use crate::services::org::org_units;

    /// Removes the test database (and SQLite's journal files beside it) when the test ends.
    struct TempFile(std::path::PathBuf);

    impl Drop for TempFile {
        fn drop(&mut self) {
            for suffix in ["", "-wal", "-shm"] {
                let mut path = self.0.clone().into_os_string();
                path.push(suffix);
                let _ = std::fs::remove_file(path);
            }
        }
    }

    /// A migrated SQLite database with the demo district, and its admin.
    async fn district() -> (DatabaseConnection, CurrentUser, org_unit::Model, TempFile) {
        let path = std::env::temp_dir().join(format!("jingzhun-txn-{}.db", crate::random_token(12)));
        let db = crate::startup::connect_and_migrate(&format!("sqlite://{}?mode=rwc", path.display()))
            .await
            .expect("database");
        crate::demo::load(&db).await.expect("demo");
        let unit = org_unit::Entity::find()
            .filter(org_unit::Column::Level.eq(OrgLevel::District))
            .one(&db)
            .await
            .expect("query")
            .expect("district");
        let admin = CurrentUser {
            id: UserId(1),
            username: "admin".to_owned(),
            role: Role::Admin,
            org_unit_id: OrgUnitId(unit.id),
            org_level: OrgLevel::District,
            org_path: unit.path.clone(),
            today: crate::clock::office_today(),
        };
        (db, admin, unit, TempFile(path))
    }

    async fn rename(db: &impl super::Db, admin: &CurrentUser, unit: &org_unit::Model, name: &str, version: i32) {
        let input = RenameOrgUnit { name: name.to_owned(), version };
        org_units::rename(db, admin, OrgUnitId(unit.id), input).await.expect("rename");
    }

    async fn renames_recorded(db: &DatabaseConnection) -> u64 {
        audit_event::Entity::find()
            .filter(audit_event::Column::Entity.eq("org_unit"))
            .filter(audit_event::Column::Action.eq("update"))
            .count(db)
            .await
            .expect("count")
    }

    #[tokio::test]
    async fn two_writes_in_a_callers_transaction_are_undone_together_with_their_audit_events() {
        let (db, admin, unit, _file) = district().await;
        let outer = db.begin().await.expect("begin");
        rename(&outer, &admin, &unit, "甲区", unit.version).await;
        rename(&outer, &admin, &unit, "乙区", unit.version + 1).await;
        outer.rollback().await.expect("rollback");
        let after = org_unit::Entity::find_by_id(unit.id).one(&db).await.expect("query").expect("unit");
        assert_eq!(after.name, unit.name);
        assert_eq!(renames_recorded(&db).await, 0);
    }

    #[tokio::test]
    async fn two_writes_in_a_callers_transaction_land_together_when_it_commits() {
        let (db, admin, unit, _file) = district().await;
        let outer = db.begin().await.expect("begin");
        rename(&outer, &admin, &unit, "甲区", unit.version).await;
        rename(&outer, &admin, &unit, "乙区", unit.version + 1).await;
        outer.commit().await.expect("commit");
        let after = org_unit::Entity::find_by_id(unit.id).one(&db).await.expect("query").expect("unit");
        assert_eq!(after.name, "乙区");
        assert_eq!(renames_recorded(&db).await, 2);
    }
}
