//! The demo year's early warning: the rules run once over the demo's own records (health
//! claims, incomes, members, loans, housing checks, student aid) as on 10 September, so the
//! warnings come from what the demo loaders generated, never from a list of their own.
//! Loaded after every other demo area; a second load finds warnings there and does nothing.
//!
//! The registry's demo carries the demo year's incomes only, so before the run this loader
//! writes the year before's ([`year_before_incomes`]): without them no fall of income could
//! show.

use chrono::NaiveDate;
use sea_orm::ActiveValue::Set;
use sea_orm::{
    ColumnTrait, DatabaseConnection, DatabaseTransaction, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder,
    TransactionTrait,
};

use crate::demo::DEMO_YEAR;
use crate::entities::{income_record, warning};
use crate::error::{AppError, AppResult};
use crate::services::bulk;
use crate::services::warnings::run_rules;

/// The day the demo's rules ran: by 30 September its unchecked warnings have escalated.
pub fn run_on() -> AppResult<NaiveDate> {
    NaiveDate::from_ymd_opt(DEMO_YEAR, 9, 10).ok_or_else(|| AppError::Internal("demo run day".to_owned()))
}

/// Every household's income of the year before the demo year, unless one is on file: a tenth
/// below the demo year's for most (incomes grew), and for one household in 40 three fifths
/// above it — a business failed or a wage earner came home, and its income fell by over a
/// third.
async fn year_before_incomes(txn: &DatabaseTransaction) -> AppResult<()> {
    let before = DEMO_YEAR - 1;
    if income_record::Entity::find().filter(income_record::Column::Year.eq(before)).count(txn).await? > 0 {
        return Ok(());
    }
    let now = income_record::Entity::find()
        .filter(income_record::Column::Year.eq(DEMO_YEAR))
        .order_by_asc(income_record::Column::HouseholdId)
        .all(txn)
        .await?;
    let rows = now
        .into_iter()
        .enumerate()
        .map(|(n, r)| {
            let (times, per) = if n % 40 == 17 { (8, 5) } else { (9, 10) };
            let scaled = |fen: i64| fen * times / per;
            income_record::ActiveModel {
                household_id: Set(r.household_id),
                year: Set(before),
                wage_fen: Set(scaled(r.wage_fen)),
                operating_fen: Set(scaled(r.operating_fen)),
                property_fen: Set(scaled(r.property_fen)),
                transfer_fen: Set(scaled(r.transfer_fen)),
                expenses_fen: Set(scaled(r.expenses_fen)),
                ..Default::default()
            }
        })
        .collect();
    bulk::insert(txn, rows).await?;
    Ok(())
}

/// Writes the year before's incomes and runs the demo year's rules; `false` when warnings are
/// there already.
pub async fn load(db: &DatabaseConnection) -> AppResult<bool> {
    if warning::Entity::find().count(db).await? > 0 {
        return Ok(false);
    }
    let txn = db.begin().await?;
    year_before_incomes(&txn).await?;
    run_rules(&txn, DEMO_YEAR, run_on()?).await?;
    txn.commit().await?;
    Ok(true)
}
