//! Reading applications: one with its history, or a page of those in scope, with the ones
//! waiting for the caller's role.

use std::collections::HashMap;

use jingzhun_shared::applications::{
    ApplicationDto, ApplicationHistoryEntry, ApplicationQuery, ExitChecklist, NoticePhoto,
};
use jingzhun_shared::page::{Page, PageQuery};
use jingzhun_shared::{ApplicationId, ApplicationStage, ApplicationStatus, Capability, HouseholdId, Role, UserId};
use sea_orm::sea_query::Query;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder};

use crate::actor::CurrentUser;
use crate::entities::{application, application_photo, application_step, household};
use crate::error::{AppError, AppResult};
use crate::services::org::org_units;
use crate::services::registry::households;
use crate::services::{by_ids, paginate, with_items};

/// One application with its history.
pub async fn get(db: &impl ConnectionTrait, user: &CurrentUser, id: ApplicationId) -> AppResult<ApplicationDto> {
    user.require(Capability::ReadRegistry)?;
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
    user.require(Capability::ReadRegistry)?;
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
                ApplicationStage::ALL.iter().filter(|s| s.handled_by(user.role)).map(|s| s.as_str()).collect();
            select = select.filter(application::Column::Stage.is_in(stages));
        }
    }
    let page_query = PageQuery { page: query.page, per_page: query.per_page };
    let mut page = paginate(db, select.order_by_desc(application::Column::Id), page_query, |a| a).await?;
    let items = dtos(db, std::mem::take(&mut page.items)).await?;
    Ok(with_items(page, items))
}

/// DTOs with households, villages, histories and photos, in five queries whatever the page size.
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
            records: step.records.as_deref().and_then(|r| serde_json::from_str(r).ok()).unwrap_or_default(),
        });
    }
    let mut photos: HashMap<i64, Vec<NoticePhoto>> = HashMap::new();
    for photo in application_photo::Entity::find()
        .filter(application_photo::Column::ApplicationId.is_in(apps.iter().map(|a| a.id)))
        .order_by_asc(application_photo::Column::Id)
        .all(db)
        .await?
    {
        photos.entry(photo.application_id).or_default().push(NoticePhoto {
            id: photo.id,
            stage: photo.stage,
            at: photo.at,
            username: photo.username,
        });
    }
    let household_ids: Vec<i64> = apps.iter().map(|a| a.household_id).collect();
    let households = by_ids::<household::Entity>(db, household_ids, |h| h.id).await?;
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
                photos: photos.remove(&app.id).unwrap_or_default(),
            })
        })
        .collect()
}
