//! Village profile rows as the org tree needs them: a unit's latest profile (whether it is on
//! the poor list, its population) and the first profile of a village created with those
//! values. The profile rules (who edits, history, the exit check) are `services::villages`,
//! which builds on these.

use std::collections::HashMap;

use jingzhun_shared::Fen;
use sea_orm::{ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder};

use crate::entities::village_profile;
use crate::error::AppResult;

/// For each of `ids`, its latest profile up to `year` (any year when `None`): what says
/// whether the village is on the poor list then.
pub async fn latest(
    db: &impl ConnectionTrait,
    ids: Vec<i64>,
    year: Option<i32>,
) -> AppResult<HashMap<i64, village_profile::Model>> {
    let mut select = village_profile::Entity::find()
        .filter(village_profile::Column::OrgUnitId.is_in(ids))
        .order_by_asc(village_profile::Column::Year);
    if let Some(year) = year {
        select = select.filter(village_profile::Column::Year.lte(year));
    }
    // Oldest first, so each later year overwrites the one before.
    Ok(select.all(db).await?.into_iter().map(|p| (p.org_unit_id, p)).collect())
}

/// Inserts a profile without audit: for the org-unit create and the demo loader, whose own
/// event covers it.
pub async fn insert(
    db: &impl ConnectionTrait,
    village_id: i64,
    year: i32,
    is_poor_village: bool,
    rural_population: i64,
    collective_income: Fen,
) -> AppResult<village_profile::Model> {
    Ok(village_profile::ActiveModel {
        org_unit_id: Set(village_id),
        year: Set(year),
        is_poor_village: Set(is_poor_village),
        rural_population: Set(rural_population),
        collective_income_fen: Set(collective_income.fen()),
        version: Set(1),
        ..Default::default()
    }
    .insert(db)
    .await?)
}
