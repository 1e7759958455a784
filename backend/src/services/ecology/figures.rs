//! The year's ecological compensation per programme in a subtree: households, area, amount.

use std::collections::HashSet;

use jingzhun_shared::ecology::{EcologyFigures, EcologyProgramme, ProgrammeFigure};
use jingzhun_shared::funds::RatesQuery;
use jingzhun_shared::industry::Quantity;
use jingzhun_shared::{Capability, Fen};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};

use crate::actor::CurrentUser;
use crate::entities::ecology_compensation;
use crate::error::{AppError, AppResult};
use crate::services::org::org_units;
use crate::services::per_household::by;

/// Every programme's households, area and amount for the caller's subtree or a unit inside
/// it, as paid up to `as_of`.
pub async fn figures(db: &impl ConnectionTrait, user: &CurrentUser, query: RatesQuery) -> AppResult<EcologyFigures> {
    user.require(Capability::ReadRegistry)?;
    let unit = org_units::scope_unit(db, user, query.org_unit_id).await?;
    let rows = ecology_compensation::Entity::find()
        .filter(ecology_compensation::Column::Year.eq(query.year))
        .filter(ecology_compensation::Column::OrgPath.starts_with(&unit.path))
        .all(db)
        .await?;
    let overflow = || AppError::Internal("ecology figures overflow".to_owned());
    let mut programmes = Vec::new();
    for programme in EcologyProgramme::ALL {
        let of: Vec<_> =
            rows.iter().filter(|c| c.programme == *programme && by(Some(c.paid_on), query.as_of)).collect();
        let households: HashSet<i64> = of.iter().map(|c| c.household_id).collect();
        let mut area = 0i64;
        let mut amount = Fen::ZERO;
        for c in &of {
            area = area.checked_add(c.area_mu_hundredths.unwrap_or(0)).ok_or_else(overflow)?;
            amount = amount.checked_add(Fen::new(c.amount_fen)).ok_or_else(overflow)?;
        }
        programmes.push(ProgrammeFigure {
            programme: *programme,
            households: households.len() as u64,
            area_mu: Quantity::from_hundredths(area),
            amount_fen: amount,
        });
    }
    Ok(EcologyFigures { year: query.year, programmes })
}
