//! Assistance logs: what an enterprise did for its pairing, written by the enterprise (for its
//! own pairings) or the district. The district confirms a log, which locks it: a mistake in a
//! confirmed log is put right by a new log that names it in `corrects` and replaces it in
//! every figure.

use std::collections::HashMap;

use chrono::{NaiveDate, Utc};
use jingzhun_shared::error::Validator;
use jingzhun_shared::page::{Page, PageQuery};
use jingzhun_shared::pairing::{
    AssistanceEntry, AssistanceLogDto, AssistanceLogQuery, ConfirmAssistanceLog, CreateAssistanceLog,
    UpdateAssistanceLog, check_measure,
};
use jingzhun_shared::{AssistanceLogId, Capability, EnterpriseId, Fen, PairingId};
use sea_orm::sea_query::Query;
use sea_orm::{ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder};

use super::Reach;
use super::pairings::find_visible as visible_pairing;
use crate::actor::CurrentUser;
use crate::entities::{assistance_log, assistance_log_photo, enterprise, pairing, pairing_household};
use crate::error::{AppError, AppResult};
use crate::services::txn::{Db, created, in_txn, updated};
use crate::services::versioned::update_at_version;
use crate::services::{by_ids, optional_note, paginate, typed_date, with_items};

/// Logs as DTOs with their enterprise's name and their photos, in three queries.
pub async fn dtos(db: &impl ConnectionTrait, rows: &[assistance_log::Model]) -> AppResult<Vec<AssistanceLogDto>> {
    let names = by_ids::<enterprise::Entity>(db, rows.iter().map(|l| l.enterprise_id).collect(), |e| e.id).await?;
    let photos = assistance_log_photo::Entity::find()
        .filter(assistance_log_photo::Column::LogId.is_in(rows.iter().map(|l| l.id)))
        .order_by_asc(assistance_log_photo::Column::Id)
        .all(db)
        .await?;
    let mut by_log: HashMap<i64, Vec<i64>> = HashMap::new();
    for photo in photos {
        by_log.entry(photo.log_id).or_default().push(photo.id);
    }
    Ok(rows
        .iter()
        .map(|l| AssistanceLogDto {
            id: AssistanceLogId(l.id),
            pairing_id: PairingId(l.pairing_id),
            enterprise_id: EnterpriseId(l.enterprise_id),
            enterprise_name: names.get(&l.enterprise_id).map(|e| e.name.clone()).unwrap_or_default(),
            entry: AssistanceEntry {
                kind: l.kind,
                amount_fen: l.amount_fen.map(Fen::new),
                count: l.count,
                date: l.date,
                note: l.note.clone(),
            },
            confirmed_on: l.confirmed_on,
            corrects: l.corrects.map(AssistanceLogId),
            photos: by_log.remove(&l.id).unwrap_or_default(),
            version: l.version,
        })
        .collect())
}

pub async fn list(
    db: &impl ConnectionTrait,
    user: &CurrentUser,
    query: AssistanceLogQuery,
) -> AppResult<Page<AssistanceLogDto>> {
    user.require(Capability::ReadPairing)?;
    let reach = Reach::of(db, user).await?;
    let reached =
        Query::select().column(pairing::Column::Id).from(pairing::Entity).cond_where(reach.pairings()).to_owned();
    let mut select = assistance_log::Entity::find()
        .filter(assistance_log::Column::PairingId.in_subquery(reached))
        .order_by_desc(assistance_log::Column::Date)
        .order_by_desc(assistance_log::Column::Id);
    if let Some(pairing) = query.pairing_id {
        select = select.filter(assistance_log::Column::PairingId.eq(pairing.0));
    }
    if let Some(enterprise) = query.enterprise_id {
        select = select.filter(assistance_log::Column::EnterpriseId.eq(enterprise.0));
    }
    if let Some(household) = query.household_id {
        select = select.filter(assistance_log::Column::PairingId.in_subquery(naming(&reach, household.0)));
    }
    if let Some(confirmed) = query.confirmed {
        let column = assistance_log::Column::ConfirmedOn;
        select = select.filter(if confirmed { column.is_not_null() } else { column.is_null() });
    }
    if let Some((from, to)) = query.year.and_then(year_bounds) {
        select = select.filter(assistance_log::Column::Date.between(from, to));
    }
    let page = paginate(db, select, PageQuery { page: query.page, per_page: query.per_page }, |l| l).await?;
    let items = dtos(db, &page.items).await?;
    Ok(with_items(page, items))
}

/// The pairings that name the household, when the caller reaches the household itself: an
/// enterprise names it in its own pairings, anyone else must have it in their subtree.
fn naming(reach: &Reach, household: i64) -> sea_orm::sea_query::SelectStatement {
    let mut query = Query::select()
        .column(pairing_household::Column::PairingId)
        .from(pairing_household::Entity)
        .and_where(pairing_household::Column::HouseholdId.eq(household))
        .to_owned();
    if let Reach::Subtree(path) = reach {
        query.and_where(pairing_household::Column::OrgPath.starts_with(path));
    }
    query
}

/// The first and last day of `year`.
pub fn year_bounds(year: i32) -> Option<(NaiveDate, NaiveDate)> {
    Some((NaiveDate::from_ymd_opt(year, 1, 1)?, NaiveDate::from_ymd_opt(year, 12, 31)?))
}

/// The log `id` if the user reaches its pairing, else 404.
pub async fn find_visible(
    db: &impl ConnectionTrait,
    user: &CurrentUser,
    id: AssistanceLogId,
) -> AppResult<assistance_log::Model> {
    user.require(Capability::ReadPairing)?;
    let log = assistance_log::Entity::find_by_id(id.0).one(db).await?.ok_or(AppError::NotFound)?;
    visible_pairing(db, user, PairingId(log.pairing_id)).await?;
    Ok(log)
}

/// Records on `v` every problem of an entry; the entry with its note trimmed.
fn check(user: &CurrentUser, v: &mut Validator, entry: AssistanceEntry) -> AssistanceEntry {
    let note = optional_note("note", entry.note.as_deref()).unwrap_or_else(|_| {
        v.add("note", format!("备注最多 {} 个字", crate::services::NOTE_MAX));
        None
    });
    check_measure(v, entry.kind, entry.amount_fen, entry.count);
    typed_date(v, user, "date", entry.date);
    AssistanceEntry { note, ..entry }
}

pub async fn create(db: &impl Db, user: &CurrentUser, input: CreateAssistanceLog) -> AppResult<AssistanceLogDto> {
    user.require(Capability::LogAssistance)?;
    in_txn(db, Some(user), async |txn| {
        let pairing = visible_pairing(txn, user, input.pairing_id).await?;
        let mut v = Validator::new();
        let entry = check(user, &mut v, input.entry);
        if let Some(corrected) = input.corrects {
            let target = assistance_log::Entity::find_by_id(corrected.0).one(txn).await?;
            if !target.is_some_and(|t| t.pairing_id == pairing.id && t.confirmed_on.is_some()) {
                v.add("corrects", "只能更正本结对中已确认的记录");
            }
        }
        v.finish()?;
        let row = assistance_log::ActiveModel {
            pairing_id: Set(pairing.id),
            enterprise_id: Set(pairing.enterprise_id),
            corrects: Set(input.corrects.map(|c| c.0)),
            version: Set(1),
            created_at: Set(Utc::now()),
            ..fill(entry)
        }
        .insert(txn)
        .await?;
        let dto = dtos(txn, std::slice::from_ref(&row)).await?.pop().ok_or(AppError::NotFound)?;
        Ok(created("assistance_log", row.id, dto))
    })
    .await
}

fn fill(entry: AssistanceEntry) -> assistance_log::ActiveModel {
    assistance_log::ActiveModel {
        kind: Set(entry.kind),
        amount_fen: Set(entry.amount_fen.map(Fen::fen)),
        count: Set(entry.count),
        date: Set(entry.date),
        note: Set(entry.note),
        ..Default::default()
    }
}

/// 409 `confirmed` for a confirmed log.
fn unlocked(log: &assistance_log::Model) -> AppResult<()> {
    if log.confirmed_on.is_some() {
        return Err(AppError::Conflict {
            code: "confirmed",
            message: "该记录已确认，不能修改；如有错误请新增一条更正记录".to_owned(),
        });
    }
    Ok(())
}

pub async fn update(
    db: &impl Db,
    user: &CurrentUser,
    id: AssistanceLogId,
    input: UpdateAssistanceLog,
) -> AppResult<AssistanceLogDto> {
    user.require(Capability::LogAssistance)?;
    in_txn(db, Some(user), async |txn| {
        let current = find_visible(txn, user, id).await?;
        unlocked(&current)?;
        let mut v = Validator::new();
        let entry = check(user, &mut v, input.entry);
        v.finish()?;
        let update = assistance_log::Entity::update_many().set(fill(entry));
        update_at_version(txn, update, current.id, input.version).await?;
        let after = assistance_log::Entity::find_by_id(id.0).one(txn).await?.ok_or(AppError::NotFound)?;
        let before = dtos(txn, std::slice::from_ref(&current)).await?;
        let dto = dtos(txn, std::slice::from_ref(&after)).await?.pop().ok_or(AppError::NotFound)?;
        Ok(updated("assistance_log", id.0, &before, dto))
    })
    .await
}

/// The district confirms a log; it is locked from then on.
pub async fn confirm(
    db: &impl Db,
    user: &CurrentUser,
    id: AssistanceLogId,
    input: ConfirmAssistanceLog,
) -> AppResult<AssistanceLogDto> {
    user.require(Capability::ManagePairing)?;
    in_txn(db, Some(user), async |txn| {
        let current = find_visible(txn, user, id).await?;
        unlocked(&current)?;
        let row = assistance_log::ActiveModel {
            confirmed_on: Set(Some(user.today)),
            confirmed_by: Set(Some(user.id.0)),
            ..Default::default()
        };
        update_at_version(txn, assistance_log::Entity::update_many().set(row), current.id, input.version).await?;
        let after = assistance_log::Entity::find_by_id(id.0).one(txn).await?.ok_or(AppError::NotFound)?;
        let dto = dtos(txn, std::slice::from_ref(&after)).await?.pop().ok_or(AppError::NotFound)?;
        let event = crate::services::audit::Event::new("confirm", "assistance_log", id.0).after(&dto);
        Ok((dto, event))
    })
    .await
}
