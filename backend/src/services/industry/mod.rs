//! Industry poverty alleviation (产业扶贫): the year's subsidy menu (菜单式) and the subsidies
//! paid to households from it (within the year's cap per household, out of an industry
//! project), business entities and the households they drive, photovoltaic stations with the
//! income they credit to their villages and its distributions to households, asset-income
//! investments, and the coverage figures.
//!
//! Entities, stations and assets are placed records with linked ids, written through the one
//! skeleton in `placed`; each of their files says only what is its own.

use std::collections::HashSet;

use jingzhun_shared::error::Validator;
use jingzhun_shared::{HouseholdId, OrgUnitId};
use sea_orm::sea_query::SimpleExpr;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};

use crate::actor::CurrentUser;
use crate::entities::{household, org_unit};
use crate::error::{AppError, AppResult};
use crate::services::found;
use crate::services::org::org_units;

pub mod assets;
pub mod benefits;
pub mod business_entities;
mod placed;
pub mod pv_distributions;
pub mod pv_income;
pub mod pv_stations;
pub mod subsidies;
pub mod subsidy_menu;
pub mod summary;
pub mod year_settings;

pub use assets::{assets, save_asset};
pub use business_entities::{delete_entity, entities, entity, save_entity};
pub use pv_distributions::{add_distribution, distributions};
pub use pv_income::{add_income, credited_to_village, incomes, village_income};
pub use pv_stations::{delete_station, save_station, station, stations};
pub use subsidies::{create_subsidy, delete_subsidy, subsidies};
pub use subsidy_menu::{create_menu_item, delete_menu_item, menu, update_menu_item};
pub use summary::summary;
pub use year_settings::{set_year_setting, year_setting};

fn in_use(what: &str) -> AppError {
    AppError::Conflict { code: "in_use", message: format!("{what}已有记录引用，不能删除") }
}

/// The unit for a record's placement, 422 on `field` when it is unknown or outside scope.
async fn unit_field(
    db: &impl ConnectionTrait,
    user: &CurrentUser,
    v: &mut Validator,
    field: &str,
    id: OrgUnitId,
) -> AppResult<Option<org_unit::Model>> {
    found(v, field, "单位不存在或不在您的管辖范围", org_units::find_visible(db, user, id).await)
}

/// Checks that every household exists in the caller's scope; the ids deduplicated.
async fn households_field(
    db: &impl ConnectionTrait,
    user: &CurrentUser,
    v: &mut Validator,
    ids: &[HouseholdId],
) -> AppResult<Vec<i64>> {
    let mut wanted: Vec<i64> = ids.iter().map(|h| h.0).collect();
    wanted.sort_unstable();
    wanted.dedup();
    let mut found = HashSet::new();
    for chunk in wanted.chunks(1_000) {
        for h in household::Entity::find().filter(household::Column::Id.is_in(chunk.to_vec())).all(db).await? {
            if user.sees(&h.org_path) {
                found.insert(h.id);
            }
        }
    }
    let missing: Vec<String> = wanted.iter().filter(|id| !found.contains(id)).map(i64::to_string).collect();
    if !missing.is_empty() {
        v.add("household_ids", format!("以下农户不存在或不在您的管辖范围：{}", missing.join("、")));
    }
    Ok(wanted)
}

/// The condition "placed in `unit`'s subtree" on a table with an `org_path` column.
fn under<C: ColumnTrait>(path_column: C, unit: &org_unit::Model) -> SimpleExpr {
    path_column.starts_with(&unit.path)
}
