//! Whether a household's housing is safe by its records ([`housing_safety`]): an accepted
//! renovation, else the latest appraisal. The exit checklist's 住房安全 item reads it.

use std::collections::HashMap;

use chrono::NaiveDate;
use jingzhun_shared::housing::{HousingGrade, HousingSafety, housing_safety};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder};

use crate::entities::{housing_check, housing_renovation};
use crate::error::AppResult;
use crate::services::per_household::by;

/// What the household's records say about its housing; `None` without records.
pub async fn safety(db: &impl ConnectionTrait, household_id: i64) -> AppResult<Option<HousingSafety>> {
    let latest = housing_check::Entity::find()
        .filter(housing_check::Column::HouseholdId.eq(household_id))
        .order_by_desc(housing_check::Column::CheckedOn)
        .order_by_desc(housing_check::Column::Id)
        .one(db)
        .await?;
    let accepted = housing_renovation::Entity::find()
        .filter(housing_renovation::Column::HouseholdId.eq(household_id))
        .filter(housing_renovation::Column::AcceptedOn.is_not_null())
        .order_by_desc(housing_renovation::Column::AcceptedOn)
        .one(db)
        .await?;
    Ok(housing_safety(latest.map(|c| (c.grade, c.checked_on)), accepted.and_then(|r| r.accepted_on)))
}

/// A household's latest appraisal (grade, day) and latest acceptance of a renovation.
pub(super) type Records = (Option<(HousingGrade, NaiveDate)>, Option<NaiveDate>);

/// Per household under `path`: its latest appraisal and latest acceptance as recorded up to
/// `as_of`, for the figures.
pub(super) async fn records_under(
    db: &impl ConnectionTrait,
    path: &str,
    as_of: Option<NaiveDate>,
) -> AppResult<HashMap<i64, Records>> {
    let mut out: HashMap<i64, Records> = HashMap::new();
    let checks = housing_check::Entity::find().filter(housing_check::Column::OrgPath.starts_with(path)).all(db).await?;
    for c in checks.into_iter().filter(|c| by(Some(c.checked_on), as_of)) {
        let entry = out.entry(c.household_id).or_default();
        if entry.0.is_none_or(|(_, on)| on <= c.checked_on) {
            entry.0 = Some((c.grade, c.checked_on));
        }
    }
    let renovations = housing_renovation::Entity::find()
        .filter(housing_renovation::Column::OrgPath.starts_with(path))
        .all(db)
        .await?;
    for r in renovations.into_iter().filter(|r| by(r.accepted_on, as_of)) {
        let entry = out.entry(r.household_id).or_default();
        entry.1 = entry.1.max(r.accepted_on);
    }
    Ok(out)
}
