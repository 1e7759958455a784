//! Entry, exit and removal applications through "两公示一比对一公告": the clerk applies and
//! records the village assessment and notice, the township reviews and posts its notice, the
//! district compares and announces; announcing changes the household's status. Notices stand
//! at least seven days; every step records who and when.

use std::collections::HashMap;

use chrono::{Datelike, NaiveDate, Utc};
use jingzhun_shared::applications::{
    ApplicationDto, ApplicationHistoryEntry, ApplicationQuery, ApplicationStep, CreateApplication, ExitChecklist,
};
use jingzhun_shared::page::{Page, PageQuery};
use jingzhun_shared::{
    ApplicationId, ApplicationKind, ApplicationStage, ApplicationStatus, HouseholdId, HouseholdStatus, NOTICE_DAYS,
    Role, UserId,
};
use sea_orm::sea_query::{Expr, Query};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, PaginatorTrait,
    QueryFilter, QueryOrder, QuerySelect, TransactionTrait,
};

use crate::actor::CurrentUser;
use crate::entities::{application, application_step, household};
use crate::error::{AppError, AppResult};
use crate::services::audit::{self, Event};
use crate::services::{households, income, org_units};

fn may_act(user: &CurrentUser, stage: ApplicationStage) -> AppResult<()> {
    if user.role == Role::Admin || user.role == stage.actor() {
        Ok(())
    } else {
        Err(AppError::Forbidden("当前环节不由您的角色办理".to_owned()))
    }
}

fn today() -> NaiveDate {
    Utc::now().date_naive()
}

/// Opens an application for a household in the caller's scope.
pub async fn create(
    db: &DatabaseConnection,
    user: &CurrentUser,
    input: CreateApplication,
) -> AppResult<ApplicationDto> {
    may_act(user, ApplicationStage::Applied)?;
    let txn = db.begin().await?;
    let household = households::find_visible(&txn, user, input.household_id).await?;
    let open = application::Entity::find()
        .filter(application::Column::HouseholdId.eq(household.id))
        .filter(application::Column::Status.eq(ApplicationStatus::InProgress))
        .count(&txn)
        .await?;
    if open > 0 {
        return Err(AppError::Conflict {
            code: "application_open", message: "该户已有办理中的申请".to_owned()
        });
    }
    let allowed = match input.kind {
        ApplicationKind::Entry => household.status == HouseholdStatus::Pending,
        ApplicationKind::Exit => household.status == HouseholdStatus::Registered,
        ApplicationKind::Removal => matches!(household.status, HouseholdStatus::Registered | HouseholdStatus::Exited),
    };
    if !allowed {
        return Err(AppError::field("kind", "该户当前状态不能办理此类申请"));
    }
    let reason = input.reason.as_deref().map(str::trim).filter(|r| !r.is_empty()).map(str::to_owned);
    match input.kind {
        ApplicationKind::Entry | ApplicationKind::Exit => {
            let record = income::for_year(&txn, household.id, input.year)
                .await?
                .ok_or_else(|| AppError::field("year", format!("{} 年尚无收入记录，请先录入收入", input.year)))?;
            let line = record
                .poverty_line_fen
                .ok_or_else(|| AppError::field("year", format!("{} 年的贫困线尚未设置", input.year)))?;
            if input.kind == ApplicationKind::Entry && record.per_capita_net_fen >= line {
                return Err(AppError::field(
                    "year",
                    format!(
                        "人均纯收入 {} 元不低于当年贫困线 {} 元，不符合识别条件",
                        record.per_capita_net_fen.to_yuan_string(),
                        line.to_yuan_string()
                    ),
                ));
            }
            if input.kind == ApplicationKind::Exit {
                if record.per_capita_net_fen <= line {
                    return Err(AppError::field(
                        "year",
                        format!(
                            "人均纯收入 {} 元未超过当年贫困线 {} 元，不符合退出条件",
                            record.per_capita_net_fen.to_yuan_string(),
                            line.to_yuan_string()
                        ),
                    ));
                }
                if !input.checklist.is_some_and(|c| c.all_met()) {
                    return Err(AppError::field("checklist", "“两不愁三保障”及饮水安全须全部达标"));
                }
            }
        }
        ApplicationKind::Removal => {
            if reason.is_none() {
                return Err(AppError::field("reason", "请填写清退原因"));
            }
        }
    }
    let on = input.on.unwrap_or_else(today);
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
    .insert(&txn)
    .await?;
    record_step(&txn, user, row.id, ApplicationStage::Applied, false, on, None).await?;
    let dto = get(&txn, user, ApplicationId(row.id)).await?;
    audit::record(&txn, Some(user), Event::new("create", "application", row.id).after(&dto)).await?;
    txn.commit().await?;
    Ok(dto)
}

async fn record_step(
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
    let app = application::Entity::find_by_id(id.0).one(db).await?.ok_or(AppError::NotFound)?;
    let household = households::find_visible(db, user, HouseholdId(app.household_id)).await?;
    if app.status != ApplicationStatus::InProgress {
        return Err(AppError::Conflict { code: "application_closed", message: "该申请已办结".to_owned() });
    }
    may_act(user, app.stage)?;
    Ok((app, household))
}

fn step_date(app: &application::Model, step: &ApplicationStep) -> AppResult<NaiveDate> {
    let on = step.on.unwrap_or_else(today);
    if on < app.stage_since {
        return Err(AppError::field("on", format!("日期不能早于本环节开始日期 {}", app.stage_since)));
    }
    Ok(on)
}

/// Moves an application to its next stage; announcing applies it to the household.
pub async fn advance(
    db: &DatabaseConnection,
    user: &CurrentUser,
    id: ApplicationId,
    step: ApplicationStep,
) -> AppResult<ApplicationDto> {
    let txn = db.begin().await?;
    let (app, household) = open_for_step(&txn, user, id).await?;
    let on = step_date(&app, &step)?;
    if app.stage.is_notice() {
        let earliest = app.stage_since + chrono::Duration::days(NOTICE_DAYS);
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
    let updated = application::Entity::update_many()
        .col_expr(application::Column::Stage, Expr::value(next.as_str()))
        .col_expr(application::Column::Status, Expr::value(status.as_str()))
        .col_expr(application::Column::StageSince, Expr::value(on))
        .col_expr(application::Column::Version, Expr::value(app.version + 1))
        .filter(application::Column::Id.eq(app.id))
        .filter(application::Column::Version.eq(app.version))
        .exec(&txn)
        .await?;
    if updated.rows_affected == 0 {
        return Err(AppError::stale());
    }
    let note = step.note.map(|n| n.trim().to_owned()).filter(|n| !n.is_empty());
    record_step(&txn, user, app.id, next, false, on, note).await?;
    if next == ApplicationStage::DistrictAnnounced {
        apply_to_household(&txn, user, &app, &household, on).await?;
    }
    let dto = get(&txn, user, id).await?;
    audit::record(&txn, Some(user), Event::new("advance", "application", app.id).after(&dto)).await?;
    txn.commit().await?;
    Ok(dto)
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
    household::Entity::update_many()
        .col_expr(household::Column::Status, Expr::value(status.as_str()))
        .col_expr(household::Column::ExitYear, Expr::value(exit_year))
        .col_expr(household::Column::RemovedReason, Expr::value(reason))
        .col_expr(household::Column::Version, Expr::value(household.version + 1))
        .filter(household::Column::Id.eq(household.id))
        .exec(db)
        .await?;
    let event = Event::new("status_change", "household", household.id)
        .before(&serde_json::json!({ "status": household.status, "exit_year": household.exit_year }))
        .after(&serde_json::json!({ "status": status, "exit_year": exit_year, "application_id": app.id }));
    audit::record(db, Some(user), event).await
}

/// Rejects an application at its current stage, with a reason.
pub async fn reject(
    db: &DatabaseConnection,
    user: &CurrentUser,
    id: ApplicationId,
    step: ApplicationStep,
) -> AppResult<ApplicationDto> {
    let note = step.note.as_deref().map(str::trim).filter(|n| !n.is_empty()).map(str::to_owned);
    let Some(note) = note else { return Err(AppError::field("note", "请填写驳回原因")) };
    let txn = db.begin().await?;
    let (app, _) = open_for_step(&txn, user, id).await?;
    let on = step_date(&app, &step)?;
    let updated = application::Entity::update_many()
        .col_expr(application::Column::Status, Expr::value(ApplicationStatus::Rejected.as_str()))
        .col_expr(application::Column::Version, Expr::value(app.version + 1))
        .filter(application::Column::Id.eq(app.id))
        .filter(application::Column::Version.eq(app.version))
        .exec(&txn)
        .await?;
    if updated.rows_affected == 0 {
        return Err(AppError::stale());
    }
    record_step(&txn, user, app.id, app.stage, true, on, Some(note)).await?;
    let dto = get(&txn, user, id).await?;
    audit::record(&txn, Some(user), Event::new("reject", "application", app.id).after(&dto)).await?;
    txn.commit().await?;
    Ok(dto)
}

/// One application with its history.
pub async fn get(db: &impl ConnectionTrait, user: &CurrentUser, id: ApplicationId) -> AppResult<ApplicationDto> {
    let app = application::Entity::find_by_id(id.0).one(db).await?.ok_or(AppError::NotFound)?;
    households::find_visible(db, user, HouseholdId(app.household_id)).await?;
    dtos(db, vec![app]).await?.pop().ok_or(AppError::NotFound)
}

/// A page of applications in scope; `waiting` keeps those the caller's role acts on next.
pub async fn list(
    db: &impl ConnectionTrait,
    user: &CurrentUser,
    query: ApplicationQuery,
) -> AppResult<Page<ApplicationDto>> {
    let path = match query.org_unit_id {
        Some(unit) => org_units::find_visible(db, user, unit).await?.path,
        None => user.org_path.clone(),
    };
    let in_scope = Query::select()
        .column(household::Column::Id)
        .from(household::Entity)
        .and_where(household::Column::OrgPath.starts_with(&path))
        .to_owned();
    let mut select = application::Entity::find().filter(application::Column::HouseholdId.in_subquery(in_scope));
    if let Some(household_id) = query.household_id {
        select = select.filter(application::Column::HouseholdId.eq(household_id.0));
    }
    if let Some(status) = query.status {
        select = select.filter(application::Column::Status.eq(status));
    }
    if query.waiting == Some(true) {
        select = select.filter(application::Column::Status.eq(ApplicationStatus::InProgress));
        if user.role != Role::Admin {
            let stages: Vec<&str> =
                ApplicationStage::ALL.iter().filter(|s| s.actor() == user.role).map(|s| s.as_str()).collect();
            select = select.filter(application::Column::Stage.is_in(stages));
        }
    }
    let page_query = PageQuery { page: query.page, per_page: query.per_page };
    let total = select.clone().count(db).await?;
    let (page, per_page) = (page_query.page(), page_query.per_page());
    let rows =
        select.order_by_desc(application::Column::Id).offset((page - 1) * per_page).limit(per_page).all(db).await?;
    Ok(Page { items: dtos(db, rows).await?, total, page, per_page, total_exact: true })
}

/// DTOs with households, villages and histories, in four queries whatever the page size.
async fn dtos(db: &impl ConnectionTrait, apps: Vec<application::Model>) -> AppResult<Vec<ApplicationDto>> {
    let ids: Vec<i64> = apps.iter().map(|a| a.id).collect();
    let mut steps: HashMap<i64, Vec<ApplicationHistoryEntry>> = HashMap::new();
    for step in application_step::Entity::find()
        .filter(application_step::Column::ApplicationId.is_in(ids))
        .order_by_asc(application_step::Column::Id)
        .all(db)
        .await?
    {
        steps.entry(step.application_id).or_default().push(ApplicationHistoryEntry {
            stage: step.stage,
            rejected: step.rejected,
            on: step.on_date,
            at: step.at,
            user_id: UserId(step.user_id),
            username: step.username,
            note: step.note,
        });
    }
    let household_ids: Vec<i64> = apps.iter().map(|a| a.household_id).collect();
    let households: HashMap<i64, household::Model> = household::Entity::find()
        .filter(household::Column::Id.is_in(household_ids))
        .all(db)
        .await?
        .into_iter()
        .map(|h| (h.id, h))
        .collect();
    let village_ids: Vec<i64> = households.values().map(|h| h.village_id).collect();
    let villages = org_units::by_ids(db, village_ids).await?;
    apps.into_iter()
        .map(|app| {
            let household = households.get(&app.household_id).ok_or(AppError::NotFound)?;
            let village = villages.get(&household.village_id).ok_or(AppError::NotFound)?;
            Ok(ApplicationDto {
                id: ApplicationId(app.id),
                household_id: HouseholdId(app.household_id),
                household_number: household.number.clone(),
                head_name: household.head_name.clone(),
                village: org_units::to_ref(village),
                kind: app.kind,
                year: app.year,
                stage: app.stage,
                status: app.status,
                checklist: app.checklist.as_deref().and_then(|c| serde_json::from_str::<ExitChecklist>(c).ok()),
                reason: app.reason,
                stage_since: app.stage_since,
                history: steps.remove(&app.id).unwrap_or_default(),
            })
        })
        .collect()
}
