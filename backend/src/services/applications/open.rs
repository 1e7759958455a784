//! Filing an application: who may, for which household, and the income and checklist rules of
//! entry, return and exit.

use chrono::Utc;
use jingzhun_shared::applications::{ApplicationDto, CreateApplication, ExitChecklist, StepRecords};
use jingzhun_shared::error::Validator;
use jingzhun_shared::{
    ApplicationId, ApplicationKind, ApplicationStage, ApplicationStatus, Fen, HouseholdId, HouseholdStatus,
};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter, SqlErr,
};

use super::evidence;
use super::read::get;
use super::steps::{NewStep, record_step};
use super::{dated, may_act};
use crate::actor::CurrentUser;
use crate::entities::{application, household};
use crate::error::{AppError, AppResult};
use crate::services::registry::{households, income, poverty_lines};
use crate::services::txn::{Db, created, in_txn};
use crate::services::{education, optional_note};
use jingzhun_shared::text::NOTE_MAX;

/// Opens an application for a household in the caller's scope.
pub async fn create(db: &impl Db, user: &CurrentUser, input: CreateApplication) -> AppResult<ApplicationDto> {
    may_act(user, ApplicationStage::Applied)?;
    in_txn(db, Some(user), async |txn| {
        let household = households::find_visible(txn, user, input.household_id).await?;
        let reason = optional_note("reason", input.reason.as_deref())?;
        check_eligible(txn, &household, &input, reason.as_deref()).await?;
        let checklist = match input.kind {
            ApplicationKind::Exit => {
                let checklist = evidence::from_records(txn, household.id, input.checklist.as_ref()).await?;
                let checklist = parse_checklist(checklist.as_ref())?;
                Some(school_from_records(txn, user, &household, input.year, checklist).await?)
            }
            _ => None,
        };
        let on = dated(user, input.on)?;
        let row = application::ActiveModel {
            household_id: Set(household.id),
            kind: Set(input.kind),
            year: Set(input.year),
            stage: Set(ApplicationStage::Applied),
            status: Set(ApplicationStatus::InProgress),
            checklist: Set(checklist.map(|c| serde_json::to_string(&c)).transpose().map_err(internal)?),
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
        let first = NewStep {
            stage: ApplicationStage::Applied,
            rejected: false,
            on,
            note: None,
            records: StepRecords::default(),
        };
        record_step(txn, user, row.id, first).await?;
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
        ApplicationKind::Return => household.status == HouseholdStatus::Exited,
    };
    if !allowed {
        return Err(AppError::field("kind", "该户当前状态不能办理此类申请"));
    }
    match input.kind {
        ApplicationKind::Entry | ApplicationKind::Exit | ApplicationKind::Return => {
            check_income(db, household.id, input.kind, input.year).await
        }
        ApplicationKind::Removal if reason.is_none() => Err(AppError::field("reason", "请填写清退原因")),
        ApplicationKind::Removal => Ok(()),
    }
}

/// The exit's 两不愁三保障: every item met with its evidence (422 on each item that is not).
fn parse_checklist(checklist: Option<&ExitChecklist>) -> AppResult<ExitChecklist> {
    let mut v = Validator::new();
    let parsed = match checklist {
        Some(checklist) => checklist.parse(&mut v),
        None => {
            v.add("checklist", "请填写“两不愁三保障”及饮水安全的核验情况");
            ExitChecklist::default()
        }
    };
    v.finish()?;
    Ok(parsed)
}

/// 义务教育有保障 as the household's student aid of the year shows it: a school-age child
/// without a school record is a 422 on the item whatever was ticked; records that exist are
/// cited as the item's evidence in place of what was typed.
async fn school_from_records(
    db: &impl ConnectionTrait,
    user: &CurrentUser,
    household: &household::Model,
    year: i32,
    mut checklist: ExitChecklist,
) -> AppResult<ExitChecklist> {
    let school = education::school_evidence(db, user, HouseholdId(household.id), year).await?;
    if !school.met {
        return Err(AppError::field("checklist.compulsory_education", school.evidence));
    }
    if !school.records.is_empty() {
        checklist.compulsory_education.evidence = school.evidence.chars().take(NOTE_MAX).collect();
    }
    Ok(checklist)
}

/// Entry and return need a per-capita income below the year's line; exit needs it above the
/// line, and when the year's setting asks for it ("稳定超过"), above the year before's line too.
async fn check_income(db: &impl ConnectionTrait, household_id: i64, kind: ApplicationKind, year: i32) -> AppResult<()> {
    let (income, line) = income_and_line(db, household_id, year).await?;
    let (income_yuan, line_yuan) = (income.to_yuan_string(), line.to_yuan_string());
    if kind != ApplicationKind::Exit {
        if income >= line {
            return Err(AppError::field(
                "year",
                format!("人均纯收入 {income_yuan} 元不低于当年贫困线 {line_yuan} 元，不符合识别条件"),
            ));
        }
        return Ok(());
    }
    if income <= line {
        return Err(AppError::field(
            "year",
            format!("人均纯收入 {income_yuan} 元未超过当年贫困线 {line_yuan} 元，不符合退出条件"),
        ));
    }
    let stable = poverty_lines::year_setting(db, year).await?.is_some_and(|s| s.exit_needs_previous_year);
    if stable {
        let before = year - 1;
        let (income, line) = income_and_line(db, household_id, before).await.map_err(|_| {
            AppError::field("year", format!("{year} 年要求收入稳定超过贫困线，请先录入 {before} 年的收入"))
        })?;
        if income <= line {
            return Err(AppError::field(
                "year",
                format!(
                    "{before} 年人均纯收入 {} 元未超过当年贫困线 {} 元，收入未稳定超过贫困线",
                    income.to_yuan_string(),
                    line.to_yuan_string()
                ),
            ));
        }
    }
    Ok(())
}

/// The household's per-capita net income of `year` and that year's line; 422 on `year` when
/// either is missing.
async fn income_and_line(db: &impl ConnectionTrait, household_id: i64, year: i32) -> AppResult<(Fen, Fen)> {
    let record = income::for_year(db, household_id, year)
        .await?
        .ok_or_else(|| AppError::field("year", format!("{year} 年尚无收入记录，请先录入收入")))?;
    let line = record.poverty_line_fen.ok_or_else(|| AppError::field("year", format!("{year} 年的贫困线尚未设置")))?;
    Ok((record.per_capita_net_fen, line))
}

fn internal(e: serde_json::Error) -> AppError {
    AppError::Internal(format!("checklist: {e}"))
}
