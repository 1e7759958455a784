//! Optimistic concurrency: the one way a versioned record is written.
//!
//! A versioned record (a household, a project, a menu item …) carries `version`; a client
//! sends back the version it read, and the write is one statement
//! `UPDATE … SET …, version = version + 1 WHERE id = ? AND version = ?`. Checking the version
//! in a `SELECT` first and then updating by id alone is not enough: two requests can both pass
//! the check before either writes. With the condition in the statement, the database decides —
//! on PostgreSQL the second `UPDATE` waits for the first's row lock and then finds the version
//! gone; on SQLite writers are serialised by `BEGIN IMMEDIATE` ([`super::txn`]) — and the loser
//! gets 409 `stale_version` instead of overwriting.
//!
//! A write that changes a record without a version from the client (a payment raising a
//! project's `spent_fen`, a member added to a household) still bumps it through [`bumped`], so
//! that an edit prepared against the old state loses cleanly.

use sea_orm::sea_query::{Expr, ExprTrait};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, UpdateMany};

use crate::entities;
use crate::error::{AppError, AppResult};

/// An entity with an `id` key and a `version` column.
pub trait Versioned: EntityTrait {
    const ID: Self::Column;
    const VERSION: Self::Column;
}

macro_rules! versioned {
    ($($entity:ident),* $(,)?) => {
        $(
            impl Versioned for entities::$entity::Entity {
                const ID: entities::$entity::Column = entities::$entity::Column::Id;
                const VERSION: entities::$entity::Column = entities::$entity::Column::Version;
            }
        )*
    };
}

versioned!(
    app_user,
    application,
    asset_investment,
    assistance_log,
    business_entity,
    enterprise,
    fund_batch,
    household,
    household_monitoring,
    member,
    org_unit,
    project,
    pv_station,
    subsidy_menu_item,
    village_exit,
    village_profile,
);

/// `update` that also sets `version = version + 1`. The update must not set `version` itself.
pub fn bumped<E: Versioned>(update: UpdateMany<E>) -> UpdateMany<E> {
    update.col_expr(E::VERSION, Expr::col(E::VERSION).add(1))
}

/// Runs `update` (its `SET` clauses) on row `id` only while it is still at `version`, bumping
/// the version; 409 `stale_version` when the row has moved on (or is gone).
pub async fn update_at_version<E: Versioned>(
    db: &impl ConnectionTrait,
    update: UpdateMany<E>,
    id: i64,
    version: i32,
) -> AppResult<()> {
    let changed = bumped(update).filter(E::ID.eq(id)).filter(E::VERSION.eq(version)).exec(db).await?;
    if changed.rows_affected == 0 {
        return Err(AppError::stale());
    }
    Ok(())
}
