//! Photos of the house an appraisal looked at: added by those who may record appraisals in
//! the household's scope, read by whoever may read the appraisal. The bytes go through the
//! one photo store (decoded within bounds, re-encoded, EXIF and GPS dropped).

use std::collections::HashMap;

use chrono::Utc;
use jingzhun_shared::Capability;
use jingzhun_shared::housing::HousingCheckDto;
use sea_orm::{ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder};

use super::checks::check_dto;
use crate::actor::CurrentUser;
use crate::entities::{housing_check, housing_check_photo};
use crate::error::{AppError, AppResult};
use crate::services::audit::Event;
use crate::services::per_household::named;
use crate::services::photos::PhotoStore;
use crate::services::txn::{Db, in_txn};

/// At most this many photos per appraisal.
const PHOTOS_PER_CHECK: u64 = 9;

/// The photo ids of each appraisal in `check_ids`, oldest first.
pub async fn photo_ids(db: &impl ConnectionTrait, check_ids: Vec<i64>) -> AppResult<HashMap<i64, Vec<i64>>> {
    let rows = housing_check_photo::Entity::find()
        .filter(housing_check_photo::Column::CheckId.is_in(check_ids))
        .order_by_asc(housing_check_photo::Column::Id)
        .all(db)
        .await?;
    let mut out: HashMap<i64, Vec<i64>> = HashMap::new();
    for p in rows {
        out.entry(p.check_id).or_default().push(p.id);
    }
    Ok(out)
}

/// The appraisal `id` if the caller sees it; 404 otherwise.
async fn visible(db: &impl ConnectionTrait, user: &CurrentUser, id: i64) -> AppResult<housing_check::Model> {
    housing_check::Entity::find_by_id(id).one(db).await?.filter(|c| user.sees(&c.org_path)).ok_or(AppError::NotFound)
}

/// Adds a photo to an appraisal in the caller's scope.
pub async fn add(
    db: &impl Db,
    store: &PhotoStore,
    user: &CurrentUser,
    id: i64,
    bytes: Vec<u8>,
) -> AppResult<HousingCheckDto> {
    user.require(Capability::EditRegistry)?;
    visible(db, user, id).await?;
    let file = store.store(bytes).await?;
    in_txn(db, Some(user), async |txn| {
        let check = visible(txn, user, id).await?;
        let taken = photo_ids(txn, vec![id]).await?.remove(&id).unwrap_or_default();
        if taken.len() as u64 >= PHOTOS_PER_CHECK {
            return Err(AppError::Conflict {
                code: "photos_full",
                message: format!("每次鉴定最多上传 {PHOTOS_PER_CHECK} 张照片"),
            });
        }
        let row = housing_check_photo::ActiveModel {
            check_id: Set(id),
            file: Set(file.clone()),
            at: Set(Utc::now()),
            user_id: Set(user.id.0),
            ..Default::default()
        }
        .insert(txn)
        .await?;
        let households = named(txn, std::iter::once(check.household_id)).await?;
        let photos = photo_ids(txn, vec![id]).await?;
        let event = Event::new("add_photo", "housing_check", id)
            .after(&serde_json::json!({ "photo_id": row.id, "file": file }));
        Ok((check_dto(&check, &households, &photos), event))
    })
    .await
}

/// The JPEG of one of an appraisal's photos.
pub async fn read(
    db: &impl ConnectionTrait,
    store: &PhotoStore,
    user: &CurrentUser,
    id: i64,
    photo: i64,
) -> AppResult<Vec<u8>> {
    user.require(Capability::ReadRegistry)?;
    visible(db, user, id).await?;
    let row = housing_check_photo::Entity::find_by_id(photo)
        .filter(housing_check_photo::Column::CheckId.eq(id))
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    store.read(&row.file).await
}
