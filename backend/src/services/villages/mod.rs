//! Villages by year: profiles with their history (`profiles`), the figures the exit check
//! reads — remaining poor people, 贫困发生率, collective income — and the check itself
//! (`exit_check`), the year's thresholds and recorded checks (`settings`), and the exit
//! through notice and announcement (`exit`).
//!
//! A village's place on the poor list (`is_poor_village`, 建档立卡贫困村) holds from its latest
//! profile on; population and collective income are the year's own. An exited village stays on
//! the list with its `exit_year` (the seed counts 12 poor villages, 4 of them exited): it is a
//! remaining poor village in year Y while it has not exited before Y.

pub mod exit;
pub mod exit_check;
pub mod profiles;
pub mod settings;

use jingzhun_shared::{Capability, OrgLevel, OrgUnitId};
use sea_orm::ConnectionTrait;

use crate::actor::CurrentUser;
use crate::entities::org_unit;
use crate::error::{AppError, AppResult};
use crate::services::org::org_units;

/// The village `id` for a caller with `capability`: 403 without it, 404 outside the caller's
/// subtree or when the unit is no village.
pub async fn village(
    db: &impl ConnectionTrait,
    user: &CurrentUser,
    id: OrgUnitId,
    capability: Capability,
) -> AppResult<org_unit::Model> {
    user.require(capability)?;
    let unit = org_units::find_visible(db, user, id).await?;
    if unit.level != OrgLevel::Village {
        return Err(AppError::NotFound);
    }
    Ok(unit)
}

/// The year a request means: the one asked, else the caller's current year.
pub fn year_or_today(user: &CurrentUser, year: Option<i32>) -> i32 {
    use chrono::Datelike;
    year.unwrap_or_else(|| user.today.year())
}
