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

use sea_orm::{ConnectionTrait, DatabaseTransaction, TransactionTrait};

use crate::auth::CurrentUser;
use crate::error::AppResult;
use crate::services::org::audit::{self, Event};

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
    let txn = db.begin().await?;
    let (value, event) = work(&txn).await?;
    audit::record(&txn, actor, event).await?;
    txn.commit().await?;
    Ok(value)
}
