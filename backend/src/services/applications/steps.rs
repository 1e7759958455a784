//! Moving an application along: each stage's step with its date and actor, the seven-day
//! notices, rejection with a reason, and the announced result applied to the household.

use chrono::{Datelike, NaiveDate, Utc};
use jingzhun_shared::applications::{ApplicationDto, ApplicationStep};
use jingzhun_shared::dates::add_days;
use jingzhun_shared::{
    ApplicationId, ApplicationKind, ApplicationStage, ApplicationStatus, HouseholdId, HouseholdStatus, NOTICE_DAYS,
};
use sea_orm::sea_query::Expr;
use sea_orm::{ActiveModelTrait, ActiveValue::Set, ConnectionTrait, EntityTrait};

use super::read::get;
use super::{acts_on_applications, dated, may_act};
use crate::actor::CurrentUser;
use crate::entities::{application, application_step, household};
use crate::error::{AppError, AppResult};
use crate::services::audit::{self, Event};
use crate::services::optional_note;
use crate::services::registry::{households, status_history};
use crate::services::txn::{Db, in_txn};
use crate::services::versioned::update_at_version;

pub(super) async fn record_step(
    db: &impl ConnectionTrait,
    user: &CurrentUser,
    application_id: i64,
    stage: ApplicationStage,
    rejected: bool,
    on: NaiveDate,
    note: Option<String>,
) -> AppResult<()> {
    application_step::ActiveModel {
        application_id: Set(application_id),
        stage: Set(stage),
        rejected: Set(rejected),
        on_date: Set(on),
        at: Set(Utc::now()),
        user_id: Set(user.id.0),
        username: Set(user.username.clone()),
        note: Set(note),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(())
}

/// The application if its household lies in the caller's scope, still in progress.
async fn open_for_step(
    db: &impl ConnectionTrait,
    user: &CurrentUser,
    id: ApplicationId,
) -> AppResult<(application::Model, household::Model)> {
    acts_on_applications(user)?;
    let app = application::Entity::find_by_id(id.0).one(db).await?.ok_or(AppError::NotFound)?;
    let household = households::find_visible(db, user, HouseholdId(app.household_id)).await?;
    if app.status != ApplicationStatus::InProgress {
        return Err(AppError::Conflict { code: "application_closed", message: "该申请已办结".to_owned() });
    }
    may_act(user, app.stage)?;
    Ok((app, household))
}

fn step_date(user: &CurrentUser, app: &application::Model, step: &ApplicationStep) -> AppResult<NaiveDate> {
    let on = dated(user, step.on)?;
    if on < app.stage_since {
        return Err(AppError::field("on", format!("日期不能早于本环节开始日期 {}", app.stage_since)));
    }
    Ok(on)
}

/// Moves an application to its next stage; announcing applies it to the household.
pub async fn advance(
    db: &impl Db,
    user: &CurrentUser,
    id: ApplicationId,
    step: ApplicationStep,
) -> AppResult<ApplicationDto> {
    in_txn(db, Some(user), async |txn| {
        let (app, household) = open_for_step(txn, user, id).await?;
        let on = step_date(user, &app, &step)?;
        if app.stage.is_notice() {
            let earliest = add_days(app.stage_since, NOTICE_DAYS.unsigned_abs()).unwrap_or(NaiveDate::MAX);
            if on < earliest {
                return Err(AppError::Conflict {
                    code: "notice_too_short",
                    message: format!("公示须满 {NOTICE_DAYS} 天，{earliest} 起方可进入下一环节"),
                });
            }
        }
        let next =
            app.stage.next().ok_or_else(|| AppError::Internal("announced application still in progress".to_owned()))?;
        let status = if next == ApplicationStage::DistrictAnnounced {
            ApplicationStatus::Approved
        } else {
            ApplicationStatus::InProgress
        };
        let moved = application::Entity::update_many()
            .col_expr(application::Column::Stage, Expr::value(next.as_str()))
            .col_expr(application::Column::StageSince, Expr::value(on));
        set_status(txn, &app, moved, status).await?;
        let note = optional_note("note", step.note.as_deref())?;
        record_step(txn, user, app.id, next, false, on, note).await?;
        if next == ApplicationStage::DistrictAnnounced {
            apply_to_household(txn, user, &app, &household, on).await?;
        }
        let dto = get(txn, user, id).await?;
        let event = Event::new("advance", "application", app.id).after(&dto);
        Ok((dto, event))
    })
    .await
}

/// Sets the application's status (and whatever else `update` sets) if it is still at the
/// version read; 409 when somebody else moved it first.
async fn set_status(
    db: &impl ConnectionTrait,
    app: &application::Model,
    update: sea_orm::UpdateMany<application::Entity>,
    status: ApplicationStatus,
) -> AppResult<()> {
    let update = update.col_expr(application::Column::Status, Expr::value(status.as_str()));
    update_at_version(db, update, app.id, app.version).await
}

async fn apply_to_household(
    db: &impl ConnectionTrait,
    user: &CurrentUser,
    app: &application::Model,
    household: &household::Model,
    on: NaiveDate,
) -> AppResult<()> {
    let (status, exit_year, reason) = match app.kind {
        ApplicationKind::Entry => (HouseholdStatus::Registered, None, None),
        ApplicationKind::Exit => (HouseholdStatus::Exited, Some(on.year()), None),
        ApplicationKind::Removal => (HouseholdStatus::Removed, household.exit_year, app.reason.clone()),
    };
    // At the version read with the application: an edit of the household in between is 409
    // here too, never overwritten by a status computed from the older row.
    let update = household::Entity::update_many()
        .col_expr(household::Column::Status, Expr::value(status.as_str()))
        .col_expr(household::Column::ExitYear, Expr::value(exit_year))
        .col_expr(household::Column::RemovedReason, Expr::value(reason));
    update_at_version(db, update, household.id, household.version).await?;
    let change = status_history::Change {
        household_id: household.id,
        from: Some(household.status),
        to: status,
        on,
        exit_year,
        application_id: Some(app.id),
    };
    status_history::record(db, change).await?;
    let event = Event::new("status_change", "household", household.id)
        .before(&serde_json::json!({ "status": household.status, "exit_year": household.exit_year }))
        .after(&serde_json::json!({ "status": status, "exit_year": exit_year, "application_id": app.id }));
    audit::record(db, Some(user), event).await
}

/// Rejects an application at its current stage, with a reason.
pub async fn reject(
    db: &impl Db,
    user: &CurrentUser,
    id: ApplicationId,
    step: ApplicationStep,
) -> AppResult<ApplicationDto> {
    acts_on_applications(user)?;
    in_txn(db, Some(user), async |txn| {
        // Scope first: an application out of the caller's scope is 404 whatever the body says.
        let (app, _) = open_for_step(txn, user, id).await?;
        let Some(note) = optional_note("note", step.note.as_deref())? else {
            return Err(AppError::field("note", "请填写驳回原因"));
        };
        let on = step_date(user, &app, &step)?;
        set_status(txn, &app, application::Entity::update_many(), ApplicationStatus::Rejected).await?;
        record_step(txn, user, app.id, app.stage, true, on, Some(note)).await?;
        let dto = get(txn, user, id).await?;
        let event = Event::new("reject", "application", app.id).after(&dto);
        Ok((dto, event))
    })
    .await
}
