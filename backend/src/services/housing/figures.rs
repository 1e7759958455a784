//! The year's housing figures for a subtree: renovations planned, completed (and the rate),
//! accepted, their money, and registered households whose records say their house is unsafe.

use jingzhun_shared::funds::RatesQuery;
use jingzhun_shared::housing::{HousingFigures, housing_safety};
use jingzhun_shared::money::rate_bp;
use jingzhun_shared::{Capability, Fen, HouseholdStatus};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QuerySelect};

use crate::actor::CurrentUser;
use crate::entities::{household, housing_renovation};
use crate::error::{AppError, AppResult};
use crate::services::org::org_units;
use crate::services::per_household::by;

fn overflow() -> AppError {
    AppError::Internal("housing figures overflow".to_owned())
}

/// The year's housing figures for the caller's subtree or a unit inside it, as recorded up to
/// `as_of`.
pub async fn figures(db: &impl ConnectionTrait, user: &CurrentUser, query: RatesQuery) -> AppResult<HousingFigures> {
    user.require(Capability::ReadRegistry)?;
    let unit = org_units::scope_unit(db, user, query.org_unit_id).await?;
    let planned = housing_renovation::Entity::find()
        .filter(housing_renovation::Column::PlanYear.eq(query.year))
        .filter(housing_renovation::Column::OrgPath.starts_with(&unit.path))
        .all(db)
        .await?;
    let mut f = HousingFigures { year: query.year, planned: planned.len() as u64, ..Default::default() };
    for r in &planned {
        f.cost_fen = f.cost_fen.checked_add(Fen::new(r.cost_fen)).ok_or_else(overflow)?;
        f.subsidy_fen = f.subsidy_fen.checked_add(Fen::new(r.subsidy_fen)).ok_or_else(overflow)?;
        if by(r.completed_on, query.as_of) {
            f.completed += 1;
            f.top_up_paid_fen =
                f.top_up_paid_fen.checked_add(Fen::new(r.government_top_up_fen)).ok_or_else(overflow)?;
        }
        if by(r.accepted_on, query.as_of) {
            f.accepted += 1;
        }
    }
    f.completion_rate_bp = rate_bp(f.completed as i64, f.planned as i64);
    let records = super::safety::records_under(db, &unit.path, query.as_of).await?;
    let registered: Vec<i64> = household::Entity::find()
        .select_only()
        .column(household::Column::Id)
        .filter(household::Column::OrgPath.starts_with(&unit.path))
        .filter(household::Column::Status.eq(HouseholdStatus::Registered))
        .into_tuple()
        .all(db)
        .await?;
    f.unsafe_households = registered
        .iter()
        .filter_map(|id| records.get(id))
        .filter(|(check, accepted)| housing_safety(*check, *accepted).is_some_and(|s| !s.safe))
        .count() as u64;
    Ok(f)
}
