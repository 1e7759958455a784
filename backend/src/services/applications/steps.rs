//! Moving an application along: each stage's step with its date, actor and records (the
//! comparison, the seven-day notices, an exit's verification), rejection with a reason, and the
//! announced result applied to the household.

use chrono::{Datelike, NaiveDate, Utc};
use jingzhun_shared::applications::{ApplicationDto, ApplicationStep, StepRecords};
use jingzhun_shared::error::Validator;
use jingzhun_shared::{
    ApplicationId, ApplicationKind, ApplicationStage, ApplicationStatus, HouseholdId, HouseholdStatus,
};
use sea_orm::sea_query::Expr;
use sea_orm::{ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder};

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

/// One step to record: the stage reached (or where it was rejected), the day, the note or
/// reason, and what the step recorded.
pub(super) struct NewStep {
    pub stage: ApplicationStage,
    pub rejected: bool,
    pub on: NaiveDate,
    pub note: Option<String>,
    pub records: StepRecords,
}

pub(super) async fn record_step(
    db: &impl ConnectionTrait,
    user: &CurrentUser,
    application_id: i64,
    step: NewStep,
) -> AppResult<()> {
    let records = if step.records.is_empty() {
        None
    } else {
        Some(serde_json::to_string(&step.records).map_err(|e| AppError::Internal(format!("step records: {e}")))?)
    };
    application_step::ActiveModel {
        application_id: Set(application_id),
        stage: Set(step.stage),
        rejected: Set(step.rejected),
        on_date: Set(step.on),
        at: Set(Utc::now()),
        user_id: Set(user.id.0),
        username: Set(user.username.clone()),
        note: Set(step.note),
        records: Set(records),
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

/// Moves an application to its next stage with what that step must record; a failed
/// comparison rejects it instead; announcing applies it to the household.
pub async fn advance(
    db: &impl Db,
    user: &CurrentUser,
    id: ApplicationId,
    step: ApplicationStep,
) -> AppResult<ApplicationDto> {
    in_txn(db, Some(user), async |txn| {
        let (app, household) = open_for_step(txn, user, id).await?;
        let on = step_date(user, &app, &step)?;
        let note = optional_note("note", step.note.as_deref())?;
        let records = step_records(txn, &app, &step, on).await?;
        let next =
            app.stage.next().ok_or_else(|| AppError::Internal("announced application still in progress".to_owned()))?;
        let moved = application::Entity::update_many()
            .col_expr(application::Column::Stage, Expr::value(next.as_str()))
            .col_expr(application::Column::StageSince, Expr::value(on));
        if let Some(comparison) = records.comparison.as_ref().filter(|c| !c.passed) {
            // The comparison found the household ineligible: rejected at the comparison, with
            // its finding as the reason.
            let finding = comparison.finding.clone();
            set_status(txn, &app, moved, ApplicationStatus::Rejected).await?;
            record_step(txn, user, app.id, NewStep { stage: next, rejected: true, on, note: Some(finding), records })
                .await?;
            let dto = get(txn, user, id).await?;
            return Ok((dto.clone(), Event::new("reject", "application", app.id).after(&dto)));
        }
        let status = if next == ApplicationStage::DistrictAnnounced {
            ApplicationStatus::Approved
        } else {
            ApplicationStatus::InProgress
        };
        set_status(txn, &app, moved, status).await?;
        record_step(txn, user, app.id, NewStep { stage: next, rejected: false, on, note, records }).await?;
        if next == ApplicationStage::DistrictAnnounced {
            apply_to_household(txn, user, &app, &household, on).await?;
        }
        let dto = get(txn, user, id).await?;
        let event = Event::new("advance", "application", app.id).after(&dto);
        Ok((dto, event))
    })
    .await
}

/// What leaving the application's stage must record, parsed: the comparison when leaving the
/// village assessment, the notice's period when leaving a notice, an exit's verification and
/// acknowledgement before it is posted in the village. Every field error in one 422.
async fn step_records(
    db: &impl ConnectionTrait,
    app: &application::Model,
    step: &ApplicationStep,
    on: NaiveDate,
) -> AppResult<StepRecords> {
    let mut v = Validator::new();
    let mut records = StepRecords::default();
    match app.stage {
        ApplicationStage::VillageAssessed => match &step.comparison {
            Some(comparison) => records.comparison = Some(comparison.parse(&mut v)),
            None => v.add("comparison", "请填写区级比对的数据来源和结果"),
        },
        stage if stage.is_notice() => match step.notice {
            Some(notice) => {
                notice.check(&mut v, app.stage_since, on);
                records.notice = Some(notice);
            }
            None => v.add("notice", "请填写公示的起止日期"),
        },
        ApplicationStage::DistrictCompared if app.kind == ApplicationKind::Exit => match &step.verification {
            Some(verification) => {
                let applied = applied_on(db, app).await?;
                records.verification = Some(verification.parse(&mut v, applied, on));
            }
            None => v.add("verification", "退出户须经村两委和驻村工作队核实，并由本户签字认可后方可公示"),
        },
        _ => {}
    }
    v.finish()?;
    Ok(records)
}

/// The day the application was filed: its first step's, or for one loaded without steps (the
/// demo's), the earliest it can have been — the day it entered its current stage.
async fn applied_on(db: &impl ConnectionTrait, app: &application::Model) -> AppResult<NaiveDate> {
    let first = application_step::Entity::find()
        .filter(application_step::Column::ApplicationId.eq(app.id))
        .order_by_asc(application_step::Column::Id)
        .one(db)
        .await?;
    Ok(first.map_or(app.stage_since, |step| step.on_date))
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
        ApplicationKind::Entry | ApplicationKind::Return => (HouseholdStatus::Registered, None, None),
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
        let step = NewStep { stage: app.stage, rejected: true, on, note: Some(note), records: StepRecords::default() };
        record_step(txn, user, app.id, step).await?;
        let dto = get(txn, user, id).await?;
        let event = Event::new("reject", "application", app.id).after(&dto);
        Ok((dto, event))
    })
    .await
}
