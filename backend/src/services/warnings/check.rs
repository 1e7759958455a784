//! Checking a warning on a visit: the clerk (or the township, the district) clears it with the
//! reason the risk is ruled out, or puts the household under monitoring with the plan through
//! the registry's own monitoring service, in the same transaction. Only an open warning is
//! checked, once: the update is guarded by its status, so two checks at once leave one.

use jingzhun_shared::error::Validator;
use jingzhun_shared::registry::StartMonitoring;
use jingzhun_shared::warnings::{CheckOutcome, CheckWarning, WarningDto, WarningStatus};
use jingzhun_shared::{Capability, HouseholdId, HouseholdStatus, MonitoringKind};
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};

use crate::actor::CurrentUser;
use crate::entities::{app_user, household, warning};
use crate::error::{AppError, AppResult};
use crate::services::registry::monitoring;
use crate::services::txn::{Db, in_txn, updated};
use crate::services::{NOTE_MAX, required_text};

fn already_checked() -> AppError {
    AppError::Conflict { code: "already_checked", message: "该预警已核查".to_owned() }
}

/// Checks the open warning `id` in the caller's subtree; 409 when it was checked before.
pub async fn check(db: &impl Db, user: &CurrentUser, id: i64, input: CheckWarning) -> AppResult<WarningDto> {
    user.require(Capability::CheckWarnings)?;
    let mut v = Validator::new();
    let what = match input.outcome {
        CheckOutcome::Clear => "排除理由",
        CheckOutcome::Monitor => "监测帮扶计划",
    };
    let reason = required_text(&mut v, "reason", &input.reason, NOTE_MAX, what);
    v.finish()?;
    in_txn(db, Some(user), async |txn| {
        let before = super::list::visible(txn, user, id).await?;
        if before.status != WarningStatus::Open {
            return Err(already_checked());
        }
        let by_name = app_user::Entity::find_by_id(user.id.0)
            .one(txn)
            .await?
            .map_or_else(|| user.username.clone(), |u| u.display_name);
        let changed = warning::Entity::update_many()
            .col_expr(warning::Column::Status, Expr::value(input.outcome.status().as_str()))
            .col_expr(warning::Column::CheckedOn, Expr::value(user.today))
            .col_expr(warning::Column::CheckedBy, Expr::value(user.id.0))
            .col_expr(warning::Column::CheckedByName, Expr::value(by_name))
            .col_expr(warning::Column::CheckReason, Expr::value(reason.clone()))
            .filter(warning::Column::Id.eq(id))
            .filter(warning::Column::Status.eq(WarningStatus::Open))
            .exec(txn)
            .await?;
        if changed.rows_affected == 0 {
            return Err(already_checked());
        }
        if input.outcome == CheckOutcome::Monitor {
            monitor(txn, user, &before, input.monitoring_kind, &reason).await?;
        }
        let after = warning::Entity::find_by_id(id).one(txn).await?.ok_or(AppError::NotFound)?;
        let [before_dto, after_dto] =
            <[WarningDto; 2]>::try_from(super::list::dtos(txn, user, &[before, after]).await?)
                .map_err(|_| AppError::Internal("warning read twice".to_owned()))?;
        Ok(updated("warning", id, &before_dto, after_dto))
    })
    .await
}

/// Puts the warning's household under monitoring unless it already is (then the open period
/// stands and the warning only records the plan).
async fn monitor(
    txn: &sea_orm::DatabaseTransaction,
    user: &CurrentUser,
    w: &warning::Model,
    kind: Option<MonitoringKind>,
    reason: &str,
) -> AppResult<()> {
    if monitoring::current_kinds(txn, vec![w.household_id]).await?.contains_key(&w.household_id) {
        return Ok(());
    }
    let kind = match kind {
        Some(kind) => kind,
        None => {
            let h = household::Entity::find_by_id(w.household_id).one(txn).await?.ok_or(AppError::NotFound)?;
            if h.status == HouseholdStatus::Exited { MonitoringKind::Unstable } else { MonitoringKind::Marginal }
        }
    };
    let input = StartMonitoring { kind, since: user.today, reason: reason.to_owned() };
    monitoring::start(txn, user, HouseholdId(w.household_id), input).await?;
    Ok(())
}
