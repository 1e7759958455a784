//! A household's status with dates: every change is one row written by [`record`] (or
//! [`record_all`] for a batch), so the registry's figures can be answered for the end of any
//! year. A household's status at the end of a year is the `to` of its last change dated on or
//! before the 31st of December; a household without a change by then was not on file.
//!
//! Households filed before the history existed got theirs from the migration that created it
//! (one change into their status on the day they were filed; an exited household registered
//! then and exited on the last day of its exit year).

use chrono::{NaiveDate, Utc};
use jingzhun_shared::registry::StatusChangeDto;
use jingzhun_shared::{ApplicationId, HouseholdStatus};
use sea_orm::sea_query::{Expr, SimpleExpr};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, DatabaseTransaction, EntityTrait, QueryFilter,
    QueryOrder,
};

use crate::entities::household_status_change;
use crate::error::AppResult;
use crate::services::bulk;
use crate::services::tallied::insert_queued;

/// One change of a household's status.
#[derive(Debug, Clone, Copy)]
pub struct Change {
    pub household_id: i64,
    /// `None` when the household is filed with `to`.
    pub from: Option<HouseholdStatus>,
    pub to: HouseholdStatus,
    pub on: NaiveDate,
    pub exit_year: Option<i32>,
    /// The announced application that caused it.
    pub application_id: Option<i64>,
}

impl Change {
    /// A household filed with `status` on `on`.
    pub fn filed(household_id: i64, status: HouseholdStatus, on: NaiveDate) -> Self {
        Change { household_id, from: None, to: status, on, exit_year: None, application_id: None }
    }

    fn row(self) -> household_status_change::ActiveModel {
        household_status_change::ActiveModel {
            household_id: Set(self.household_id),
            from_status: Set(self.from),
            to_status: Set(self.to),
            on_date: Set(self.on),
            exit_year: Set(self.exit_year),
            application_id: Set(self.application_id),
            created_at: Set(Utc::now()),
            ..Default::default()
        }
    }
}

/// Records one change; the caller changes the household row in the same transaction.
pub async fn record(db: &impl ConnectionTrait, change: Change) -> AppResult<()> {
    change.row().insert(db).await?;
    Ok(())
}

/// Households on file (registered or exited) on `day` by their dated changes; see
/// [`in_status_on`].
pub fn on_file_on(day: NaiveDate) -> SimpleExpr {
    in_status_on(day, &[HouseholdStatus::Registered, HouseholdStatus::Exited])
}

/// Households whose status on `day` was one of `statuses` by their dated changes: the last
/// change dated up to it (the latest row of the latest day) left them so. A condition on
/// `household.id`, for figures asked as of a day.
pub fn in_status_on(day: NaiveDate, statuses: &[HouseholdStatus]) -> SimpleExpr {
    Expr::cust(in_status_on_sql(day, statuses))
}

/// [`in_status_on`] as SQL text, for statements written as text.
pub fn in_status_on_sql(day: NaiveDate, statuses: &[HouseholdStatus]) -> String {
    let day = day.format("%Y-%m-%d");
    let statuses: Vec<String> = statuses.iter().map(|s| format!("'{}'", s.as_str())).collect();
    let statuses = statuses.join(", ");
    format!(
        "household.id IN (SELECT c.household_id FROM household_status_change c \
         WHERE c.on_date <= '{day}' AND c.to_status IN ({statuses}) AND NOT EXISTS ( \
         SELECT 1 FROM household_status_change l WHERE l.household_id = c.household_id \
         AND l.on_date <= '{day}' AND (l.on_date > c.on_date OR (l.on_date = c.on_date AND l.id > c.id))))"
    )
}

/// Records many changes at once (an import, the demo loader).
pub async fn record_all(db: &impl ConnectionTrait, changes: impl IntoIterator<Item = Change>) -> AppResult<()> {
    bulk::insert(db, changes.into_iter().map(Change::row).collect()).await
}

/// Records many changes of an import's transaction at once, their households queued for the
/// registry tally: the caller flushes ([`crate::services::tallied::insert_queued`]).
pub async fn record_queued(txn: &DatabaseTransaction, changes: impl IntoIterator<Item = Change>) -> AppResult<()> {
    insert_queued(txn, changes.into_iter().map(Change::row).collect()).await.map(drop)
}

/// The household's changes, the oldest first.
pub async fn for_household(db: &impl ConnectionTrait, household_id: i64) -> AppResult<Vec<StatusChangeDto>> {
    let rows = household_status_change::Entity::find()
        .filter(household_status_change::Column::HouseholdId.eq(household_id))
        .order_by_asc(household_status_change::Column::OnDate)
        .order_by_asc(household_status_change::Column::Id)
        .all(db)
        .await?;
    Ok(rows
        .into_iter()
        .map(|c| StatusChangeDto {
            from: c.from_status,
            to: c.to_status,
            on: c.on_date,
            exit_year: c.exit_year,
            application_id: c.application_id.map(ApplicationId),
        })
        .collect())
}
