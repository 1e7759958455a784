//! The demo year's early warning: the rules run once over the demo's own records (health
//! claims, incomes, members, loans, housing checks, student aid) as on 10 September, so the
//! warnings come from what the other demo loaders generated, never from a list of their own.
//! Loaded after every other demo area; a second load finds warnings there and does nothing.

use chrono::NaiveDate;
use sea_orm::{DatabaseConnection, EntityTrait, PaginatorTrait, TransactionTrait};

use crate::demo::DEMO_YEAR;
use crate::entities::warning;
use crate::error::{AppError, AppResult};
use crate::services::warnings::run_rules;

/// The day the demo's rules ran: by 30 September its unchecked warnings have escalated.
pub fn run_on() -> AppResult<NaiveDate> {
    NaiveDate::from_ymd_opt(DEMO_YEAR, 9, 10).ok_or_else(|| AppError::Internal("demo run day".to_owned()))
}

/// Runs the demo year's rules; `false` when warnings are there already.
pub async fn load(db: &DatabaseConnection) -> AppResult<bool> {
    if warning::Entity::find().count(db).await? > 0 {
        return Ok(false);
    }
    let txn = db.begin().await?;
    run_rules(&txn, DEMO_YEAR, run_on()?).await?;
    txn.commit().await?;
    Ok(true)
}
