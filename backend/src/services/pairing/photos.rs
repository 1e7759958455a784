//! Photos of assistance logs, taken on the enterprise's phone: at most [`PHOTOS_PER_LOG`] a
//! log, stored through the one photo store (content-checked, re-encoded without EXIF or GPS),
//! read by whoever reaches the log. A confirmed log takes no more photos.

use chrono::Utc;
use jingzhun_shared::pairing::AssistanceLogDto;
use jingzhun_shared::{AssistanceLogId, Capability};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter,
};

use super::logs::{dtos, find_visible};
use crate::actor::CurrentUser;
use crate::entities::{assistance_log, assistance_log_photo};
use crate::error::{AppError, AppResult};
use crate::services::audit::Event;
use crate::services::photos::PhotoStore;
use crate::services::txn::{Db, in_txn};

/// Photos a log may carry.
pub const PHOTOS_PER_LOG: u64 = 3;

/// 403 unless the role logs assistance: checked before the upload is read.
pub fn may_add(user: &CurrentUser) -> AppResult<()> {
    user.require(Capability::LogAssistance)
}

/// The log, reached, unconfirmed and with room for another photo.
async fn open_log(
    db: &impl ConnectionTrait,
    user: &CurrentUser,
    id: AssistanceLogId,
) -> AppResult<assistance_log::Model> {
    let log = find_visible(db, user, id).await?;
    if log.confirmed_on.is_some() {
        return Err(AppError::Conflict {
            code: "confirmed", message: "该记录已确认，不能再添加照片".to_owned()
        });
    }
    let taken =
        assistance_log_photo::Entity::find().filter(assistance_log_photo::Column::LogId.eq(log.id)).count(db).await?;
    if taken >= PHOTOS_PER_LOG {
        return Err(AppError::Conflict {
            code: "photos_full",
            message: format!("每条记录最多上传 {PHOTOS_PER_LOG} 张照片"),
        });
    }
    Ok(log)
}

pub async fn add(
    db: &impl Db,
    store: &PhotoStore,
    user: &CurrentUser,
    id: AssistanceLogId,
    bytes: Vec<u8>,
) -> AppResult<AssistanceLogDto> {
    may_add(user)?;
    // Checked before the photo is decoded and written, and again in the transaction.
    open_log(db, user, id).await?;
    let file = store.store(bytes).await?;
    in_txn(db, Some(user), async |txn| {
        let log = open_log(txn, user, id).await?;
        let row = assistance_log_photo::ActiveModel {
            log_id: Set(log.id),
            file: Set(file.clone()),
            at: Set(Utc::now()),
            user_id: Set(user.id.0),
            ..Default::default()
        }
        .insert(txn)
        .await?;
        let dto = dtos(txn, std::slice::from_ref(&log)).await?.pop().ok_or(AppError::NotFound)?;
        let event = Event::new("add_photo", "assistance_log", log.id)
            .after(&serde_json::json!({ "photo_id": row.id, "file": file }));
        Ok((dto, event))
    })
    .await
}

/// The JPEG of one of the log's photos.
pub async fn read(
    db: &impl ConnectionTrait,
    store: &PhotoStore,
    user: &CurrentUser,
    id: AssistanceLogId,
    photo: i64,
) -> AppResult<Vec<u8>> {
    find_visible(db, user, id).await?;
    let select = assistance_log_photo::Entity::find_by_id(photo).filter(assistance_log_photo::Column::LogId.eq(id.0));
    store.read_row(db, select, |row| row.file).await
}
