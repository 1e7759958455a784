//! The demo year's early warning: the rules run once over the demo's own records (health
//! claims, incomes, members, loans, housing checks, student aid) as on 10 September, so the
//! warnings come from what the demo loaders generated, never from a list of their own.
//! Loaded after every other demo area; a second load finds warnings there and does nothing.
//!
//! The registry's demo carries the demo year's incomes only, so before the run this loader
//! writes the year before's ([`year_before_incomes`]): without them no fall of income could
//! show. And the demo district sets its year's large medical cost at 3,000 元 a year out of
//! pocket ([`district_settings`]): the seed's 351 policy caps a poor household's share at
//! 3,000 to 5,000 元, so at the example of 5,000 元 no demo household could reach it.

use std::collections::HashMap;

use chrono::NaiveDate;
use jingzhun_shared::Fen;
use jingzhun_shared::warnings::default_settings;
use sea_orm::ActiveValue::Set;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, DatabaseConnection, DatabaseTransaction, EntityTrait, PaginatorTrait, QueryFilter,
    QueryOrder, TransactionTrait,
};

use crate::demo::DEMO_YEAR;
use crate::entities::{income_record, member, warning, warning_setting};
use crate::error::{AppError, AppResult};
use crate::services::bulk;
use crate::services::warnings::run_rules;

/// The day the demo's rules ran: by 30 September its unchecked warnings have escalated.
pub fn run_on() -> AppResult<NaiveDate> {
    NaiveDate::from_ymd_opt(DEMO_YEAR, 9, 10).ok_or_else(|| AppError::Internal("demo run day".to_owned()))
}

/// The people of each household present on `day` (joined by then, not left).
fn people_on(members: &[member::Model], day: NaiveDate) -> HashMap<i64, i64> {
    let mut people = HashMap::new();
    for m in members.iter().filter(|m| m.joined_on.is_none_or(|j| j <= day) && m.left_on.is_none_or(|l| l > day)) {
        *people.entry(m.household_id).or_insert(0) += 1;
    }
    people
}

/// Every household's income of the year before the demo year, unless one is on file: per
/// person present at that year's end, a tenth below the demo year's for most (incomes grew),
/// and for one household in 40 three fifths above it — a business failed or a wage earner
/// came home, and its income a person fell by over a third.
async fn year_before_incomes(txn: &DatabaseTransaction) -> AppResult<()> {
    let before = DEMO_YEAR - 1;
    if income_record::Entity::find().filter(income_record::Column::Year.eq(before)).count(txn).await? > 0 {
        return Ok(());
    }
    let day = |year| NaiveDate::from_ymd_opt(year, 12, 31).ok_or_else(|| AppError::Internal("demo day".to_owned()));
    let members = member::Entity::find().all(txn).await?;
    let (then, now) = (people_on(&members, day(before)?), people_on(&members, day(DEMO_YEAR)?));
    let incomes = income_record::Entity::find()
        .filter(income_record::Column::Year.eq(DEMO_YEAR))
        .order_by_asc(income_record::Column::HouseholdId)
        .all(txn)
        .await?;
    let rows = incomes
        .into_iter()
        .enumerate()
        .map(|(n, r)| {
            let (people_then, people_now) = (then.get(&r.household_id), now.get(&r.household_id));
            let ratio = people_then.copied().unwrap_or(1) * if n % 40 == 17 { 8 } else { 9 };
            let per = people_now.copied().unwrap_or(1).max(1) * if n % 40 == 17 { 5 } else { 10 };
            let scaled = |fen: i64| fen * ratio / per;
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

/// The demo district's settings of its year, unless it has some: a large medical cost is
/// 3,000 元 out of pocket in the year; the share of income and the fall of income are the
/// defaults.
async fn district_settings(txn: &DatabaseTransaction) -> AppResult<()> {
    if warning_setting::Entity::find_by_id(DEMO_YEAR).one(txn).await?.is_some() {
        return Ok(());
    }
    let defaults = default_settings(DEMO_YEAR);
    warning_setting::ActiveModel {
        year: Set(DEMO_YEAR),
        medical_cost_fen: Set(Fen::from_yuan(3_000).fen()),
        medical_income_share_bp: Set(defaults.medical_income_share_bp),
        income_fall_bp: Set(defaults.income_fall_bp),
        disabled_rules: Set(String::new()),
        version: Set(1),
    }
    .insert(txn)
    .await?;
    Ok(())
}

/// Writes the year before's incomes and the year's settings, and runs the demo year's rules; `false` when warnings are
/// there already.
pub async fn load(db: &DatabaseConnection) -> AppResult<bool> {
    if warning::Entity::find().count(db).await? > 0 {
        return Ok(false);
    }
    let txn = db.begin().await?;
    year_before_incomes(&txn).await?;
    district_settings(&txn).await?;
    run_rules(&txn, DEMO_YEAR, run_on()?).await?;
    txn.commit().await?;
    Ok(true)
}
