//! Checking a warning on a visit: the clerk (or the township, the district, or the household's
//! own cadre) clears it with the reason the risk is ruled out, or puts the household under
//! monitoring with the plan through the registry's own monitoring service, in the same
//! transaction. The check names the visit it was made on (a cadre's always does), and the
//! warning keeps it. Only an open warning is checked, once: the update is guarded by its
//! status, so two checks at once leave one.

use jingzhun_shared::error::Validator;
use jingzhun_shared::registry::StartMonitoring;
use jingzhun_shared::warnings::{CheckOutcome, CheckWarning, WarningDto, WarningStatus};
use jingzhun_shared::{Capability, HouseholdStatus, MonitoringKind, Role, VisitId};
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};

use crate::actor::CurrentUser;
use crate::entities::{app_user, household, visit, warning};
use crate::error::{AppError, AppResult};
use crate::services::pairing::cadres::CadreReach;
use crate::services::registry::monitoring;
use crate::services::txn::{Db, in_txn, updated};
use crate::services::{NOTE_MAX, required_text};

fn already_checked() -> AppError {
    AppError::Conflict { code: "already_checked", message: "该预警已核查".to_owned() }
}

/// The visit a check names: one the caller reaches, to the warning's household, on or after
/// the day the warning was raised (422 on `visit_id` otherwise). A cadre checks on a visit only.
async fn checked_visit(
    db: &impl ConnectionTrait,
    user: &CurrentUser,
    v: &mut Validator,
    w: &warning::Model,
    named: Option<VisitId>,
) -> AppResult<Option<i64>> {
    let Some(named) = named else {
        if user.role == Role::Cadre {
            v.add("visit_id", "请在走访中核查预警：先记录本次走访");
        }
        return Ok(None);
    };
    let reach = CadreReach::of(db, user).await?;
    match visit::Entity::find_by_id(named.0).filter(reach.visits()).one(db).await? {
        None => v.add("visit_id", "走访记录不存在"),
        Some(visit) if visit.household_id != w.household_id => v.add("visit_id", "所选走访不是对这户的走访"),
        Some(visit) if visit.date < w.raised_on => {
            v.add("visit_id", format!("走访日期 {} 早于预警日期 {}", visit.date, w.raised_on));
        }
        Some(visit) => return Ok(Some(visit.id)),
    }
    Ok(None)
}

/// Checks the open warning `id` the caller reaches; 409 when it was checked before.
pub async fn check(db: &impl Db, user: &CurrentUser, id: i64, input: CheckWarning) -> AppResult<WarningDto> {
    user.require(Capability::CheckWarnings)?;
    let what = match input.outcome {
        CheckOutcome::Clear => "排除理由",
        CheckOutcome::Monitor => "监测帮扶计划",
    };
    in_txn(db, Some(user), async |txn| {
        let before = super::list::visible(txn, user, id).await?;
        let mut v = Validator::new();
        let reason = required_text(&mut v, "reason", &input.reason, NOTE_MAX, what);
        let visit_id = checked_visit(txn, user, &mut v, &before, input.visit_id).await?;
        v.finish()?;
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
            .col_expr(warning::Column::CheckedVisitId, Expr::value(visit_id))
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
    monitoring::start_on_check(txn, user, w.household_id, input).await?;
    Ok(())
}
