//! A poor village's exit (出列) through notice and announcement: the township (or the
//! district) files it for a year when the exit check passes, records the village notice
//! (公示, at least [`NOTICE_DAYS`] days), and the district announces it (公告), which sets the
//! village's `exit_year`: it leaves the remaining poor villages at the end of that year. The
//! check is asked again at the announcement, so figures changed meanwhile still count.

use chrono::Utc;
use jingzhun_shared::dates::add_days;
use jingzhun_shared::error::{FieldErrors, Validator};
use jingzhun_shared::page::{Page, PageQuery};
use jingzhun_shared::text::NOTE_MAX;
use jingzhun_shared::villages::{
    AnnounceVillageExit, ExitCheck, FileVillageExit, RejectVillageExit, VillageExit, VillageExitNotice,
};
use jingzhun_shared::{ApplicationStatus, Capability, NOTICE_DAYS, OrgUnitId};
use sea_orm::sea_query::Expr;
use sea_orm::{ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder};

use super::{exit_check, profiles};
use crate::actor::CurrentUser;
use crate::entities::{org_unit, village_exit};
use crate::error::{AppError, AppResult};
use crate::services::audit::Event;
use crate::services::txn::{Db, in_txn};
use crate::services::versioned::{bumped, update_at_version};
use crate::services::{check_year, paginate, required_text, typed_date};

pub fn to_dto(row: &village_exit::Model) -> VillageExit {
    VillageExit {
        id: row.id,
        org_unit_id: OrgUnitId(row.org_unit_id),
        year: row.year,
        status: row.status,
        applied_on: row.applied_on,
        applied_by: row.applied_by.clone(),
        notice_start: row.notice_start,
        notice_end: row.notice_end,
        announced_on: row.announced_on,
        announced_by: row.announced_by.clone(),
        reason: row.reason.clone(),
        version: row.version,
    }
}

/// The village's exit applications, newest first.
pub async fn list(
    db: &impl ConnectionTrait,
    user: &CurrentUser,
    id: OrgUnitId,
    query: PageQuery,
) -> AppResult<Page<VillageExit>> {
    let village = super::village(db, user, id, Capability::ReadRegistry).await?;
    let select = village_exit::Entity::find()
        .filter(village_exit::Column::OrgUnitId.eq(village.id))
        .order_by_desc(village_exit::Column::Id);
    paginate(db, select, query, |row| to_dto(&row)).await
}

/// A failed exit check as one 422: each failing criterion on its own field, with why.
fn refused(check: &ExitCheck) -> AppError {
    let mut fields = FieldErrors::new();
    for c in check.criteria.iter().filter(|c| !c.passed) {
        let message = c.problem.clone().unwrap_or_else(|| format!("{}未达标", c.criterion.zh()));
        fields.insert(c.criterion.as_str().to_owned(), vec![message]);
    }
    AppError::Invalid(fields)
}

async fn open_exit(db: &impl ConnectionTrait, village_id: i64) -> AppResult<Option<village_exit::Model>> {
    Ok(village_exit::Entity::find()
        .filter(village_exit::Column::OrgUnitId.eq(village_id))
        .filter(village_exit::Column::Status.eq(ApplicationStatus::InProgress))
        .one(db)
        .await?)
}

fn conflict(message: &str) -> AppError {
    AppError::Conflict { code: "village_exit_state", message: message.to_owned() }
}

/// Files the village's exit for `input.year`: a poor village not yet exited, with no exit in
/// progress, that passes the year's exit check (422 with each failing criterion otherwise).
pub async fn file(db: &impl Db, user: &CurrentUser, id: OrgUnitId, input: FileVillageExit) -> AppResult<VillageExit> {
    let mut v = Validator::new();
    check_year(&mut v, input.year);
    typed_date(&mut v, user, "applied_on", input.applied_on);
    in_txn(db, Some(user), async |txn| {
        let village = super::village(txn, user, id, Capability::FileVillageExit).await?;
        v.finish()?;
        let listed = profiles::latest(txn, vec![village.id], Some(input.year)).await?;
        if !listed.get(&village.id).is_some_and(|p| p.is_poor_village) {
            return Err(AppError::field("year", format!("{}年不是贫困村，无需出列", input.year)));
        }
        if let Some(year) = village.exit_year {
            return Err(conflict(&format!("该村已于 {year} 年出列")));
        }
        if open_exit(txn, village.id).await?.is_some() {
            return Err(conflict("该村已有办理中的出列申请"));
        }
        let check = exit_check::check(txn, &village, input.year).await?;
        if !check.passes {
            return Err(refused(&check));
        }
        let row = village_exit::ActiveModel {
            org_unit_id: Set(village.id),
            year: Set(input.year),
            status: Set(ApplicationStatus::InProgress),
            applied_on: Set(input.applied_on),
            applied_by: Set(user.username.clone()),
            version: Set(1),
            created_at: Set(Utc::now()),
            ..Default::default()
        }
        .insert(txn)
        .await?;
        let dto = to_dto(&row);
        Ok((dto.clone(), Event::new("create", "village_exit", row.id).after(&dto)))
    })
    .await
}

/// Records the village notice of the exit in progress: at least [`NOTICE_DAYS`] days, not
/// before the application, both dates no later than today.
pub async fn notice(
    db: &impl Db,
    user: &CurrentUser,
    id: OrgUnitId,
    input: VillageExitNotice,
) -> AppResult<VillageExit> {
    let mut v = Validator::new();
    typed_date(&mut v, user, "notice_start", input.notice_start);
    typed_date(&mut v, user, "notice_end", input.notice_end);
    let earliest_end = add_days(input.notice_start, NOTICE_DAYS.unsigned_abs());
    if earliest_end.is_none_or(|earliest| input.notice_end < earliest) {
        v.add("notice_end", format!("公示须满 {NOTICE_DAYS} 天"));
    }
    in_txn(db, Some(user), async |txn| {
        let village = super::village(txn, user, id, Capability::FileVillageExit).await?;
        v.finish()?;
        let open = open_exit(txn, village.id).await?.ok_or_else(|| conflict("该村没有办理中的出列申请"))?;
        if input.notice_start < open.applied_on {
            return Err(AppError::field("notice_start", "公示不能早于申请日期"));
        }
        let update = village_exit::Entity::update_many()
            .col_expr(village_exit::Column::NoticeStart, Expr::value(input.notice_start))
            .col_expr(village_exit::Column::NoticeEnd, Expr::value(input.notice_end));
        update_at_version(txn, update, open.id, input.version).await?;
        let after = reread(txn, open.id).await?;
        Ok((after.clone(), Event::new("update", "village_exit", open.id).before(&to_dto(&open)).after(&after)))
    })
    .await
}

/// Announces the exit in progress (admin, district official): its notice has ended, the
/// announcement is on or after that day and no later than today, and the exit check still
/// passes. The village's `exit_year` becomes the application's year.
pub async fn announce(
    db: &impl Db,
    user: &CurrentUser,
    id: OrgUnitId,
    input: AnnounceVillageExit,
) -> AppResult<VillageExit> {
    let mut v = Validator::new();
    typed_date(&mut v, user, "announced_on", input.announced_on);
    in_txn(db, Some(user), async |txn| {
        let village = super::village(txn, user, id, Capability::EditVillages).await?;
        v.finish()?;
        let open = open_exit(txn, village.id).await?.ok_or_else(|| conflict("该村没有办理中的出列申请"))?;
        let notice_end = open.notice_end.ok_or_else(|| conflict("须先完成村级公示"))?;
        if input.announced_on < notice_end {
            return Err(AppError::field("announced_on", format!("公告不能早于公示结束日 {notice_end}")));
        }
        let check = exit_check::check(txn, &village, open.year).await?;
        if !check.passes {
            return Err(refused(&check));
        }
        let update = village_exit::Entity::update_many()
            .col_expr(village_exit::Column::Status, Expr::value(ApplicationStatus::Approved.as_str()))
            .col_expr(village_exit::Column::AnnouncedOn, Expr::value(input.announced_on))
            .col_expr(village_exit::Column::AnnouncedBy, Expr::value(user.username.clone()));
        update_at_version(txn, update, open.id, input.version).await?;
        bumped(org_unit::Entity::update_many().col_expr(org_unit::Column::ExitYear, Expr::value(open.year)))
            .filter(org_unit::Column::Id.eq(village.id))
            .exec(txn)
            .await?;
        let after = reread(txn, open.id).await?;
        Ok((after.clone(), Event::new("announce", "village_exit", open.id).before(&to_dto(&open)).after(&after)))
    })
    .await
}

/// Closes the exit in progress as rejected (the township's review or the district's), with
/// the reason; the village may file again.
pub async fn reject(
    db: &impl Db,
    user: &CurrentUser,
    id: OrgUnitId,
    input: RejectVillageExit,
) -> AppResult<VillageExit> {
    let mut v = Validator::new();
    let reason = required_text(&mut v, "reason", &input.reason, NOTE_MAX, "驳回理由");
    in_txn(db, Some(user), async |txn| {
        let village = super::village(txn, user, id, Capability::FileVillageExit).await?;
        v.finish()?;
        let open = open_exit(txn, village.id).await?.ok_or_else(|| conflict("该村没有办理中的出列申请"))?;
        let update = village_exit::Entity::update_many()
            .col_expr(village_exit::Column::Status, Expr::value(ApplicationStatus::Rejected.as_str()))
            .col_expr(village_exit::Column::Reason, Expr::value(reason));
        update_at_version(txn, update, open.id, input.version).await?;
        let after = reread(txn, open.id).await?;
        Ok((after.clone(), Event::new("reject", "village_exit", open.id).before(&to_dto(&open)).after(&after)))
    })
    .await
}

async fn reread(db: &impl ConnectionTrait, id: i64) -> AppResult<VillageExit> {
    let row = village_exit::Entity::find_by_id(id).one(db).await?.ok_or(AppError::stale())?;
    Ok(to_dto(&row))
}
