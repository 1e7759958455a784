//! Uploading, listing and reading attachments. The bytes are checked and stored before the
//! row is written (a file without a row is harmless, a row without a file is not); the same
//! file on the same record answers the row it already has.

use jingzhun_shared::attachments::{AttachmentDto, AttachmentTarget, Owner, RecordType};
use jingzhun_shared::page::{Page, PageQuery};
use std::collections::HashSet;

use jingzhun_shared::Capability;
use jingzhun_shared::oversight::ProblemStatus;
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter,
    QueryOrder,
};

use super::records::{readable, writable, write_right};
use super::store::AttachmentStore;
use crate::actor::CurrentUser;
use crate::entities::{app_user, attachment, problem};
use crate::error::{AppError, AppResult};
use crate::services::audit::{self, Event};
use crate::services::by_ids;
use crate::services::txn::{Db, created, deleted, in_txn};

/// The longest file name kept.
const NAME_MAX: usize = 120;

/// 403 before the body is read when the caller may attach files to nothing.
pub fn may_upload(user: &CurrentUser) -> AppResult<()> {
    user.require(jingzhun_shared::Capability::AttachFiles)
}

/// Whether `user` may remove `row` as far as who they are goes: its uploader, or a role that
/// removes anyone's files. The record's own rights and a closed problem are checked apart.
fn removes(user: &CurrentUser, row: &attachment::Model) -> bool {
    row.uploaded_by == user.id.0 || user.role.can(Capability::RemoveAnyFile)
}

/// The problems among `rows`' records that are closed (销号): their evidence stays.
async fn closed_problems(db: &impl ConnectionTrait, rows: &[attachment::Model]) -> AppResult<HashSet<i64>> {
    let ids: Vec<i64> = rows.iter().filter(|a| a.record_type == RecordType::Problem).map(|a| a.record_id).collect();
    if ids.is_empty() {
        return Ok(HashSet::new());
    }
    Ok(problem::Entity::find()
        .filter(problem::Column::Id.is_in(ids))
        .filter(problem::Column::Status.eq(ProblemStatus::Closed))
        .all(db)
        .await?
        .into_iter()
        .map(|p| p.id)
        .collect())
}

/// The rows as DTOs with their uploaders' names and whether `user` may remove each.
pub async fn dtos(
    db: &impl ConnectionTrait,
    user: &CurrentUser,
    rows: &[attachment::Model],
) -> AppResult<Vec<AttachmentDto>> {
    let users = by_ids::<app_user::Entity>(db, rows.iter().map(|a| a.uploaded_by).collect(), |u| u.id).await?;
    let closed = closed_problems(db, rows).await?;
    let writes = user.role.can(Capability::AttachFiles);
    Ok(rows
        .iter()
        .map(|a| AttachmentDto {
            id: a.id,
            record_type: a.record_type,
            record_id: a.record_id,
            kind: a.kind,
            sha256: a.sha256.clone(),
            size: u64::try_from(a.size).unwrap_or_default(),
            name: a.original_name.clone(),
            personal: a.personal,
            uploaded_by: users.get(&a.uploaded_by).map(|u| u.display_name.clone()).unwrap_or_default(),
            created_at: a.created_at,
            deletable: writes
                && user.role.can(write_right(a.record_type.owner()))
                && removes(user, a)
                && !(a.record_type == RecordType::Problem && closed.contains(&a.record_id)),
        })
        .collect())
}

/// A file name to keep: its last path part, trimmed, control characters dropped, at most
/// [`NAME_MAX`] characters; "未命名" when nothing is left.
fn clean_name(name: &str) -> String {
    let last = name.rsplit(['/', '\\']).next().unwrap_or_default();
    let kept: String = last.chars().filter(|c| !c.is_control()).take(NAME_MAX).collect();
    let kept = kept.trim();
    if kept.is_empty() { "未命名".to_owned() } else { kept.to_owned() }
}

async fn existing(
    db: &impl ConnectionTrait,
    target: AttachmentTarget,
    sha256: &str,
) -> AppResult<Option<attachment::Model>> {
    Ok(attachment::Entity::find()
        .filter(attachment::Column::RecordType.eq(target.record_type))
        .filter(attachment::Column::RecordId.eq(target.record_id))
        .filter(attachment::Column::Sha256.eq(sha256))
        .one(db)
        .await?)
}

/// Stores `bytes` for the record `target` names; answers the row and whether it is new.
pub async fn upload(
    db: &impl Db,
    store: &AttachmentStore,
    user: &CurrentUser,
    target: AttachmentTarget,
    name: &str,
    bytes: Vec<u8>,
) -> AppResult<(AttachmentDto, bool)> {
    let owner = target.record_type.owner();
    // Checked before the file is decoded and written, and again in the transaction.
    writable(db, user, owner, target.record_id).await?;
    let file = store.check(bytes).await?;
    let _linking = store.linking().await;
    store.put(&file).await?;
    if let Some(row) = existing(db, target, &file.sha256).await? {
        return Ok((dtos(db, user, std::slice::from_ref(&row)).await?.pop().ok_or(AppError::NotFound)?, false));
    }
    let name = clean_name(name);
    let size = i64::try_from(file.bytes.len()).map_err(|_| AppError::Internal("attachment size".to_owned()))?;
    let dto = in_txn(db, Some(user), async |txn| {
        let org_path = writable(txn, user, owner, target.record_id).await?;
        let row = attachment::ActiveModel {
            record_type: Set(target.record_type),
            record_id: Set(target.record_id),
            org_path: Set(org_path),
            kind: Set(file.kind),
            sha256: Set(file.sha256.clone()),
            size: Set(size),
            original_name: Set(name.clone()),
            personal: Set(target.record_type.personal()),
            uploaded_by: Set(user.id.0),
            created_at: Set(chrono::Utc::now()),
            ..Default::default()
        }
        .insert(txn)
        .await?;
        let dto = dtos(txn, user, std::slice::from_ref(&row)).await?.pop().ok_or(AppError::NotFound)?;
        Ok(created("attachment", row.id, dto))
    })
    .await?;
    Ok((dto, true))
}

/// The rows of record `id` of `owner` the caller may read, oldest first: personal documents
/// only for roles that read personal data.
pub async fn rows(
    db: &impl ConnectionTrait,
    user: &CurrentUser,
    owner: Owner,
    id: i64,
) -> AppResult<Vec<attachment::Model>> {
    readable(db, user, owner, id).await?;
    let mut select = attachment::Entity::find()
        .filter(attachment::Column::RecordType.is_in(RecordType::of(owner)))
        .filter(attachment::Column::RecordId.eq(id));
    if !user.role.sees_personal_data() {
        select = select.filter(attachment::Column::Personal.eq(false));
    }
    Ok(select.order_by_asc(attachment::Column::Id).all(db).await?)
}

/// The files of record `id` of `owner`, one page.
pub async fn list(
    db: &impl ConnectionTrait,
    user: &CurrentUser,
    owner: Owner,
    id: i64,
    query: PageQuery,
) -> AppResult<Page<AttachmentDto>> {
    let rows = rows(db, user, owner, id).await?;
    Ok(Page::from_all(dtos(db, user, &rows).await?, query))
}

/// Attachment `id` and its bytes, when the caller reads its record; a personal document only
/// with the right to personal data, and that read is audited.
pub async fn download(
    db: &impl ConnectionTrait,
    store: &AttachmentStore,
    user: &CurrentUser,
    id: i64,
) -> AppResult<(attachment::Model, Vec<u8>)> {
    let row = attachment::Entity::find_by_id(id).one(db).await?.ok_or(AppError::NotFound)?;
    readable(db, user, row.record_type.owner(), row.record_id).await?;
    if row.personal {
        if !user.role.sees_personal_data() {
            return Err(AppError::Forbidden("当前角色无权查看个人档案材料".to_owned()));
        }
        let detail = serde_json::json!({ "record_type": row.record_type, "record_id": row.record_id });
        audit::record(db, Some(user), Event::new("read_personal_data", "attachment", row.id).after(&detail)).await?;
    }
    let bytes = store.read(&row.sha256).await?;
    Ok((row, bytes))
}

/// Removes attachment `id` from its record: by its uploader while they still write the record,
/// or by a district official; never a closed problem's evidence (409). Audited with what was
/// removed. The bytes are deleted only when no row links them any more (the same file may hang
/// on other records).
pub async fn delete(db: &impl Db, store: &AttachmentStore, user: &CurrentUser, id: i64) -> AppResult<()> {
    may_upload(user)?;
    let _linking = store.linking().await;
    let sha256 = in_txn(db, Some(user), async |txn| {
        let row = attachment::Entity::find_by_id(id).one(txn).await?.ok_or(AppError::NotFound)?;
        if row.personal && !user.role.sees_personal_data() {
            return Err(AppError::NotFound);
        }
        writable(txn, user, row.record_type.owner(), row.record_id).await?;
        if !removes(user, &row) {
            return Err(AppError::Forbidden("只有上传人或区级管理人员可以删除这份材料".to_owned()));
        }
        if !closed_problems(txn, std::slice::from_ref(&row)).await?.is_empty() {
            return Err(AppError::Conflict {
                code: "wrong_status",
                message: "问题已销号，其整改佐证材料不能删除".to_owned(),
            });
        }
        let before = dtos(txn, user, std::slice::from_ref(&row)).await?;
        attachment::Entity::delete_by_id(id).exec(txn).await?;
        let ((), event) = deleted("attachment", id, &before);
        Ok((row.sha256, event))
    })
    .await?;
    let links = attachment::Entity::find().filter(attachment::Column::Sha256.eq(&sha256)).count(db).await?;
    if links == 0 {
        store.remove(&sha256).await?;
    }
    Ok(())
}
