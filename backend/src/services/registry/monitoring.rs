//! 防返贫监测: any household in scope can be put under monitoring (边缘户 or 脱贫不稳定户, since a
//! date, with a reason) and cleared on a later date with a note. Every period is kept, so a
//! household can be monitored again; at most one is open at a time (a partial unique index
//! keeps that even against two requests at once).

use std::collections::HashMap;

use jingzhun_shared::error::Validator;
use jingzhun_shared::registry::{ClearMonitoring, MonitoringDto, StartMonitoring};
use jingzhun_shared::{Capability, HouseholdId, MonitoringKind};
use sea_orm::sea_query::{Expr, ExprTrait, Query, SelectStatement};
use sea_orm::{ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder};

use crate::actor::CurrentUser;
use crate::entities::household_monitoring;
use crate::error::{AppError, AppResult};
use crate::services::registry::households;
use crate::services::txn::{Db, created, in_txn, updated};
use crate::services::versioned::update_at_version;
use crate::services::{NOTE_MAX, required_text, typed_date};

fn dto(row: household_monitoring::Model) -> MonitoringDto {
    MonitoringDto {
        id: row.id,
        kind: row.kind,
        since: row.since,
        reason: row.reason,
        cleared_on: row.cleared_on,
        cleared_note: row.cleared_note,
        version: row.version,
    }
}

/// The household's open period, if any.
async fn open(db: &impl ConnectionTrait, household_id: i64) -> AppResult<Option<household_monitoring::Model>> {
    Ok(household_monitoring::Entity::find()
        .filter(household_monitoring::Column::HouseholdId.eq(household_id))
        .filter(household_monitoring::Column::ClearedOn.is_null())
        .one(db)
        .await?)
}

/// Puts a household in the caller's scope under monitoring; 409 when it already is.
pub async fn start(
    db: &impl Db,
    user: &CurrentUser,
    id: HouseholdId,
    input: StartMonitoring,
) -> AppResult<MonitoringDto> {
    user.require(Capability::MonitorHouseholds)?;
    in_txn(db, Some(user), async |txn| {
        let household = households::find_visible(txn, user, id).await?;
        open_period(txn, user, household.id, input).await
    })
    .await
}

/// Puts a household under monitoring on the check of one of its warnings: the check found the
/// household and was allowed (a cadre checks its own households' warnings on a visit, and its
/// finding is what puts the household under monitoring); 409 when it already is.
pub async fn start_on_check(
    db: &impl Db,
    user: &CurrentUser,
    household_id: i64,
    input: StartMonitoring,
) -> AppResult<MonitoringDto> {
    user.require(Capability::CheckWarnings)?;
    in_txn(db, Some(user), async |txn| open_period(txn, user, household_id, input).await).await
}

async fn open_period(
    txn: &impl ConnectionTrait,
    user: &CurrentUser,
    household_id: i64,
    input: StartMonitoring,
) -> AppResult<(MonitoringDto, crate::services::audit::Event<'static>)> {
    let mut v = Validator::new();
    typed_date(&mut v, user, "since", input.since);
    let reason = required_text(&mut v, "reason", &input.reason, NOTE_MAX, "监测原因");
    v.finish()?;
    if open(txn, household_id).await?.is_some() {
        return Err(AppError::Conflict { code: "already_monitored", message: "该户已在监测中".to_owned() });
    }
    let row = household_monitoring::ActiveModel {
        household_id: Set(household_id),
        kind: Set(input.kind),
        since: Set(input.since),
        reason: Set(reason),
        cleared_on: Set(None),
        cleared_note: Set(None),
        version: Set(1),
        created_at: Set(chrono::Utc::now()),
        ..Default::default()
    }
    .insert(txn)
    .await?;
    Ok(created("household_monitoring", row.id, dto(row)))
}

/// Ends the household's open period on `cleared_on` (not before it began); 404 when the
/// household is not under monitoring, 409 on a stale version.
pub async fn clear(
    db: &impl Db,
    user: &CurrentUser,
    id: HouseholdId,
    input: ClearMonitoring,
) -> AppResult<MonitoringDto> {
    user.require(Capability::MonitorHouseholds)?;
    in_txn(db, Some(user), async |txn| {
        let household = households::find_visible(txn, user, id).await?;
        let before = open(txn, household.id).await?.ok_or(AppError::NotFound)?;
        let mut v = Validator::new();
        typed_date(&mut v, user, "cleared_on", input.cleared_on);
        if input.cleared_on < before.since {
            v.add("cleared_on", format!("解除日期不能早于纳入监测日期 {}", before.since));
        }
        let note = v.check("note", jingzhun_shared::text::optional(input.note.as_deref(), NOTE_MAX)).flatten();
        v.finish()?;
        let update = household_monitoring::Entity::update_many()
            .col_expr(household_monitoring::Column::ClearedOn, Expr::value(input.cleared_on))
            .col_expr(household_monitoring::Column::ClearedNote, Expr::value(note));
        update_at_version(txn, update, before.id, input.version).await?;
        let after = household_monitoring::Entity::find_by_id(before.id).one(txn).await?.ok_or(AppError::NotFound)?;
        Ok(updated("household_monitoring", before.id, &dto(before), dto(after)))
    })
    .await
}

/// The household's periods of monitoring, the newest first.
pub async fn for_household(db: &impl ConnectionTrait, household_id: i64) -> AppResult<Vec<MonitoringDto>> {
    let rows = household_monitoring::Entity::find()
        .filter(household_monitoring::Column::HouseholdId.eq(household_id))
        .order_by_desc(household_monitoring::Column::Since)
        .order_by_desc(household_monitoring::Column::Id)
        .all(db)
        .await?;
    Ok(rows.into_iter().map(dto).collect())
}

/// The ids of the households under monitoring now (of `kind`, when given), as a subquery.
pub fn monitored_ids(kind: Option<MonitoringKind>) -> SelectStatement {
    let mut query = Query::select()
        .column(household_monitoring::Column::HouseholdId)
        .from(household_monitoring::Entity)
        .and_where(Expr::col(household_monitoring::Column::ClearedOn).is_null())
        .to_owned();
    if let Some(kind) = kind {
        query.and_where(Expr::col(household_monitoring::Column::Kind).eq(kind.as_str()));
    }
    query
}

/// The kind each of `ids` is monitored as now, for those that are.
pub async fn current_kinds(db: &impl ConnectionTrait, ids: Vec<i64>) -> AppResult<HashMap<i64, MonitoringKind>> {
    Ok(household_monitoring::Entity::find()
        .filter(household_monitoring::Column::HouseholdId.is_in(ids))
        .filter(household_monitoring::Column::ClearedOn.is_null())
        .all(db)
        .await?
        .into_iter()
        .map(|m| (m.household_id, m.kind))
        .collect())
}
