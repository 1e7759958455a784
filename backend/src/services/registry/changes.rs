//! The registry's dynamic adjustment (动态调整) over a period: the people who joined and left
//! households in the caller's scope, by reason, and the net — the seed's "新增 308 人、减少
//! 293 人". Counted from the members' own dates every time.

use std::collections::HashMap;

use chrono::NaiveDate;
use jingzhun_shared::Capability;
use jingzhun_shared::error::Validator;
use jingzhun_shared::registry::{ChangesQuery, JoinCount, JoinReason, LeaveCount, LeaveReason, RegistryChanges};
use sea_orm::sea_query::{Alias, Expr, ExprTrait, Query, SelectStatement};
use sea_orm::{ColumnTrait, ConnectionTrait};

use crate::actor::CurrentUser;
use crate::entities::{household, member};
use crate::error::AppResult;
use crate::services::org::org_units;

/// People per reason whose `date` column lies in `from..=to`, in households under `path`.
async fn by_reason(
    db: &impl ConnectionTrait,
    path: &str,
    date: member::Column,
    reason: member::Column,
    (from, to): (NaiveDate, NaiveDate),
) -> AppResult<HashMap<String, u64>> {
    let query: SelectStatement = Query::select()
        .expr_as(Expr::col((member::Entity, reason)), Alias::new("reason"))
        .expr_as(Expr::col((member::Entity, member::Column::Id)).count(), Alias::new("n"))
        .from(member::Entity)
        .inner_join(
            household::Entity,
            Expr::col((member::Entity, member::Column::HouseholdId)).equals((household::Entity, household::Column::Id)),
        )
        .and_where(household::Column::OrgPath.starts_with(path))
        .and_where(Expr::col((member::Entity, date)).gte(from))
        .and_where(Expr::col((member::Entity, date)).lte(to))
        .group_by_col((member::Entity, reason))
        .to_owned();
    let mut out = HashMap::new();
    for row in db.query_all(&query).await? {
        let reason = row.try_get::<Option<String>>("", "reason")?.unwrap_or_default();
        out.insert(reason, u64::try_from(row.try_get::<i64>("", "n")?).unwrap_or(0));
    }
    Ok(out)
}

/// The changes from `from` to `to` (both included) in the caller's scope, or under the unit
/// `org_unit` names (404 outside the scope).
pub async fn changes(db: &impl ConnectionTrait, user: &CurrentUser, query: ChangesQuery) -> AppResult<RegistryChanges> {
    user.require(Capability::ReadRegistry)?;
    let mut v = Validator::new();
    let from = v.check("from", query.from.ok_or("请填写起始日期"));
    let to = v.check("to", query.to.ok_or("请填写截止日期"));
    if from.zip(to).is_some_and(|(from, to)| from > to) {
        v.add("to", "截止日期不能早于起始日期");
    }
    let (from, to) = v.finish_with(|| from.zip(to))?;
    let unit = org_units::find_visible(db, user, query.org_unit.unwrap_or(user.org_unit_id)).await?;
    let joined = by_reason(db, &unit.path, member::Column::JoinedOn, member::Column::JoinReason, (from, to)).await?;
    let left = by_reason(db, &unit.path, member::Column::LeftOn, member::Column::LeaveReason, (from, to)).await?;
    let added_by_reason: Vec<JoinCount> = JoinReason::ALL
        .iter()
        .map(|r| JoinCount { reason: *r, people: joined.get(r.as_str()).copied().unwrap_or(0) })
        .collect();
    let removed_by_reason: Vec<LeaveCount> = LeaveReason::ALL
        .iter()
        .map(|r| LeaveCount { reason: *r, people: left.get(r.as_str()).copied().unwrap_or(0) })
        .collect();
    let added: u64 = added_by_reason.iter().map(|c| c.people).sum();
    let removed: u64 = removed_by_reason.iter().map(|c| c.people).sum();
    Ok(RegistryChanges {
        from,
        to,
        added,
        removed,
        net: i64::try_from(added).unwrap_or(i64::MAX) - i64::try_from(removed).unwrap_or(i64::MAX),
        added_by_reason,
        removed_by_reason,
    })
}
