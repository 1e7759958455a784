//! Photos of the posted notices (公示照片): taken while a notice stands, by those who handle
//! applications in the household's scope, at most [`PHOTOS_PER_NOTICE`] a notice; read by
//! whoever may read the application.

use chrono::Utc;
use jingzhun_shared::applications::{ApplicationDto, PHOTOS_PER_NOTICE};
use jingzhun_shared::{ApplicationId, ApplicationStatus, HouseholdId};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter,
};

use super::acts_on_applications;
use super::read::get;
use crate::actor::CurrentUser;
use crate::entities::{application, application_photo};
use crate::error::{AppError, AppResult};
use crate::services::audit::Event;
use crate::services::photos::PhotoStore;
use crate::services::registry::households;
use crate::services::txn::{Db, in_txn};

/// 403 unless the user's role handles applications: checked before the upload is read.
pub fn may_add(user: &CurrentUser) -> AppResult<()> {
    acts_on_applications(user)
}

/// The application, in scope, standing at a notice with room for another photo.
async fn at_notice(db: &impl ConnectionTrait, user: &CurrentUser, id: ApplicationId) -> AppResult<application::Model> {
    let app = application::Entity::find_by_id(id.0).one(db).await?.ok_or(AppError::NotFound)?;
    households::find_visible(db, user, HouseholdId(app.household_id)).await?;
    if app.status != ApplicationStatus::InProgress || !app.stage.is_notice() {
        return Err(AppError::Conflict {
            code: "not_at_notice", message: "只能在公示期间上传公示照片".to_owned()
        });
    }
    let taken = application_photo::Entity::find()
        .filter(application_photo::Column::ApplicationId.eq(app.id))
        .filter(application_photo::Column::Stage.eq(app.stage))
        .count(db)
        .await?;
    if taken >= PHOTOS_PER_NOTICE as u64 {
        return Err(AppError::Conflict {
            code: "photos_full",
            message: format!("每次公示最多上传 {PHOTOS_PER_NOTICE} 张照片"),
        });
    }
    Ok(app)
}

/// Adds a photo of the notice the application stands at.
pub async fn add(
    db: &impl Db,
    store: &PhotoStore,
    user: &CurrentUser,
    id: ApplicationId,
    bytes: Vec<u8>,
) -> AppResult<ApplicationDto> {
    may_add(user)?;
    // Checked before the photo is decoded and written, and again in the transaction.
    at_notice(db, user, id).await?;
    let file = store.store(bytes).await?;
    in_txn(db, Some(user), async |txn| {
        let app = at_notice(txn, user, id).await?;
        let row = application_photo::ActiveModel {
            application_id: Set(app.id),
            stage: Set(app.stage),
            file: Set(file.clone()),
            at: Set(Utc::now()),
            user_id: Set(user.id.0),
            username: Set(user.username.clone()),
            ..Default::default()
        }
        .insert(txn)
        .await?;
        let dto = get(txn, user, id).await?;
        let event = Event::new("add_photo", "application", app.id)
            .after(&serde_json::json!({ "photo_id": row.id, "stage": app.stage, "file": file }));
        Ok((dto, event))
    })
    .await
}

/// The JPEG of one of the application's photos.
pub async fn read(
    db: &impl ConnectionTrait,
    store: &PhotoStore,
    user: &CurrentUser,
    id: ApplicationId,
    photo: i64,
) -> AppResult<Vec<u8>> {
    get(db, user, id).await?;
    let select = application_photo::Entity::find_by_id(photo).filter(application_photo::Column::ApplicationId.eq(id.0));
    store.read_row(db, select, |row| row.file).await
}
