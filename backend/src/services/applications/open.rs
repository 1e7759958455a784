//! Filing an application: who may, for which household, and the income and checklist rules of
//! entry and exit.

use chrono::Utc;
use jingzhun_shared::applications::{ApplicationDto, CreateApplication};
use jingzhun_shared::{ApplicationId, ApplicationKind, ApplicationStage, ApplicationStatus, HouseholdStatus};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter, SqlErr,
};

use super::read::get;
use super::steps::record_step;
use super::{dated, may_act};
use crate::actor::CurrentUser;
use crate::entities::{application, household};
use crate::error::{AppError, AppResult};
use crate::services::optional_note;
use crate::services::registry::{households, income};
use crate::services::txn::{Db, created, in_txn};

/// Opens an application for a household in the caller's scope.
pub async fn create(db: &impl Db, user: &CurrentUser, input: CreateApplication) -> AppResult<ApplicationDto> {
    may_act(user, ApplicationStage::Applied)?;
    in_txn(db, Some(user), async |txn| {
        let household = households::find_visible(txn, user, input.household_id).await?;
        let reason = optional_note("reason", input.reason.as_deref())?;
        check_eligible(txn, &household, &input, reason.as_deref()).await?;
        let on = dated(user, input.on)?;
        let row = application::ActiveModel {
            household_id: Set(household.id),
            kind: Set(input.kind),
            year: Set(input.year),
            stage: Set(ApplicationStage::Applied),
            status: Set(ApplicationStatus::InProgress),
            checklist: Set(input.checklist.and_then(|c| serde_json::to_string(&c).ok())),
            reason: Set(reason),
            stage_since: Set(on),
            version: Set(1),
            created_at: Set(Utc::now()),
            ..Default::default()
        }
        .insert(txn)
        .await
        .map_err(|e| match e.sql_err() {
            // The unique index over open applications: another one was filed meanwhile.
            Some(SqlErr::UniqueConstraintViolation(_)) => already_open(),
            _ => e.into(),
        })?;
        record_step(txn, user, row.id, ApplicationStage::Applied, false, on, None).await?;
        let dto = get(txn, user, ApplicationId(row.id)).await?;
        Ok(created("application", row.id, dto))
    })
    .await
}

/// The 409 of a household that has an application in progress: found by the check below, or
/// by the database's unique index when two are filed at once.
fn already_open() -> AppError {
    AppError::Conflict { code: "application_open", message: "该户已有办理中的申请".to_owned() }
}

/// Whether `household` may file `input`: no other open application, a status the kind applies
/// to, and the kind's own rule (income against the line, the checklist, a reason).
async fn check_eligible(
    db: &impl ConnectionTrait,
    household: &household::Model,
    input: &CreateApplication,
    reason: Option<&str>,
) -> AppResult<()> {
    let open = application::Entity::find()
        .filter(application::Column::HouseholdId.eq(household.id))
        .filter(application::Column::Status.eq(ApplicationStatus::InProgress))
        .count(db)
        .await?;
    if open > 0 {
        return Err(already_open());
    }
    let allowed = match input.kind {
        ApplicationKind::Entry => household.status == HouseholdStatus::Pending,
        ApplicationKind::Exit => household.status == HouseholdStatus::Registered,
        ApplicationKind::Removal => matches!(household.status, HouseholdStatus::Registered | HouseholdStatus::Exited),
    };
    if !allowed {
        return Err(AppError::field("kind", "该户当前状态不能办理此类申请"));
    }
    match input.kind {
        ApplicationKind::Entry | ApplicationKind::Exit => check_income(db, household.id, input).await,
        ApplicationKind::Removal if reason.is_none() => Err(AppError::field("reason", "请填写清退原因")),
        ApplicationKind::Removal => Ok(()),
    }
}

/// Entry needs a per-capita income below the year's line; exit needs it above the line and
/// every item of the checklist met.
async fn check_income(db: &impl ConnectionTrait, household_id: i64, input: &CreateApplication) -> AppResult<()> {
    let record = income::for_year(db, household_id, input.year)
        .await?
        .ok_or_else(|| AppError::field("year", format!("{} 年尚无收入记录，请先录入收入", input.year)))?;
    let line =
        record.poverty_line_fen.ok_or_else(|| AppError::field("year", format!("{} 年的贫困线尚未设置", input.year)))?;
    let (income, line_yuan) = (record.per_capita_net_fen.to_yuan_string(), line.to_yuan_string());
    if input.kind == ApplicationKind::Entry && record.per_capita_net_fen >= line {
        return Err(AppError::field(
            "year",
            format!("人均纯收入 {income} 元不低于当年贫困线 {line_yuan} 元，不符合识别条件"),
        ));
    }
    if input.kind == ApplicationKind::Exit {
        if record.per_capita_net_fen <= line {
            return Err(AppError::field(
                "year",
                format!("人均纯收入 {income} 元未超过当年贫困线 {line_yuan} 元，不符合退出条件"),
            ));
        }
        if !input.checklist.is_some_and(|c| c.all_met()) {
            return Err(AppError::field("checklist", "“两不愁三保障”及饮水安全须全部达标"));
        }
    }
    Ok(())
}
