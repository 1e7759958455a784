//! The year's housing figures for a subtree: renovations planned, completed (and the rate),
//! accepted, their money, and registered households whose records say their house is unsafe.

use jingzhun_shared::funds::RatesQuery;
use jingzhun_shared::housing::{HousingFigures, housing_safety};
use jingzhun_shared::money::rate_bp;
use jingzhun_shared::{Capability, Fen, HouseholdStatus};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter};

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
    // Of the households whose records say unsafe (a few), those registered: a thousand a query.
    let unsafe_ids: Vec<i64> = records
        .iter()
        .filter(|(_, (check, accepted))| housing_safety(*check, *accepted).is_some_and(|s| !s.safe))
        .map(|(id, _)| *id)
        .collect();
    for chunk in unsafe_ids.chunks(1_000) {
        f.unsafe_households += household::Entity::find()
            .filter(household::Column::Id.is_in(chunk.to_vec()))
            .filter(household::Column::Status.eq(HouseholdStatus::Registered))
            .count(db)
            .await?;
    }
    Ok(f)
}
