//! What every per-household record family (housing, social security, ecology) needs the same
//! way: the household a record names, found in the caller's scope as a field error, the
//! households a page of records names, and a year as a date range.

use std::collections::HashMap;

use chrono::NaiveDate;
use jingzhun_shared::HouseholdId;
use jingzhun_shared::error::Validator;
use sea_orm::ConnectionTrait;

use crate::actor::CurrentUser;
use crate::entities::household;
use crate::error::{AppError, AppResult};
use crate::services::registry::households;
use crate::services::{by_ids, found};

/// The household `id` in the caller's scope, or `None` with a message on `household_id`.
pub async fn household_field(
    db: &impl ConnectionTrait,
    user: &CurrentUser,
    v: &mut Validator,
    id: HouseholdId,
) -> AppResult<Option<household::Model>> {
    found(v, "household_id", "农户不存在或不在您的管辖范围", households::find_visible(db, user, id).await)
}

/// The households named by `ids`, keyed by id.
pub async fn named(
    db: &impl ConnectionTrait,
    ids: impl Iterator<Item = i64>,
) -> AppResult<HashMap<i64, household::Model>> {
    let mut ids: Vec<i64> = ids.collect();
    ids.sort_unstable();
    ids.dedup();
    by_ids::<household::Entity>(db, ids, |h| h.id).await
}

/// The household's number and head's name, empty when it is gone.
pub fn number_and_head(households: &HashMap<i64, household::Model>, id: i64) -> (String, String) {
    households.get(&id).map(|h| (h.number.clone(), h.head_name.clone())).unwrap_or_default()
}

/// The first and last day of `year`.
pub fn year_days(year: i32) -> AppResult<(NaiveDate, NaiveDate)> {
    NaiveDate::from_ymd_opt(year, 1, 1)
        .zip(NaiveDate::from_ymd_opt(year, 12, 31))
        .ok_or_else(|| AppError::field("year", "年度须在 2000 到 2100 之间"))
}

/// Whether something recorded on `on` counts for figures taken as of `as_of`.
pub fn by(on: Option<NaiveDate>, as_of: Option<NaiveDate>) -> bool {
    on.is_some_and(|on| as_of.is_none_or(|as_of| on <= as_of))
}

/// A new row of a per-household table, placed where household `$h` lives (its id, village,
/// township and org path copied, so scope filters need no join), with the other columns given
/// and the rest left to the database.
macro_rules! placed {
    ($active:path, $h:expr, { $($column:ident: $value:expr),* $(,)? }) => {{
        use sea_orm::ActiveValue::Set;
        let h = $h;
        $active {
            household_id: Set(h.id),
            village_id: Set(h.village_id),
            township_id: Set(h.township_id),
            org_path: Set(h.org_path.clone()),
            $($column: $value,)*
            ..Default::default()
        }
    }};
}
pub(crate) use placed;
