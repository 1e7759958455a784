//! The demo campaign's evidence: every closed or submitted demo problem gets a photo of its
//! rectification, generated here (a small image whose colour follows the problem) and stored
//! through the attachment store like an upload, so the demo closes only with evidence, as the
//! rules demand, and its packs hold files.

use chrono::Utc;
use jingzhun_shared::attachments::{AttachmentTarget, RecordType};
use jingzhun_shared::oversight::ProblemStatus;
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, DatabaseConnection, EntityTrait, PaginatorTrait, QueryFilter,
    QueryOrder,
};

use crate::entities::{app_user, attachment, problem};
use crate::error::{AppError, AppResult};
use crate::services::attachments::AttachmentStore;

/// A small PNG in a colour made from `seed`.
fn photo(seed: i64) -> AppResult<Vec<u8>> {
    let shade = u8::try_from(seed.rem_euclid(200)).unwrap_or(0);
    let image = image::RgbImage::from_fn(48, 32, |x, y| {
        image::Rgb([shade.wrapping_add(u8::try_from(x).unwrap_or(0)), 120, u8::try_from(y * 4).unwrap_or(0)])
    });
    let mut out = Vec::new();
    image
        .write_to(&mut std::io::Cursor::new(&mut out), image::ImageFormat::Png)
        .map_err(|e| AppError::Internal(format!("demo photo: {e}")))?;
    Ok(out)
}

/// Hangs a generated photo on every closed or submitted problem; `false` when the demo's
/// evidence is already there (or there are no problems).
pub async fn load(db: &DatabaseConnection, files: &AttachmentStore) -> AppResult<bool> {
    let done =
        attachment::Entity::find().filter(attachment::Column::RecordType.eq(RecordType::Problem)).count(db).await?;
    if done > 0 {
        return Ok(false);
    }
    let district = app_user::Entity::find()
        .filter(app_user::Column::Username.eq("district"))
        .one(db)
        .await?
        .ok_or_else(|| AppError::Internal("demo district account".to_owned()))?;
    let problems = problem::Entity::find()
        .filter(problem::Column::Status.is_in([ProblemStatus::Closed, ProblemStatus::Submitted]))
        .order_by_asc(problem::Column::Id)
        .all(db)
        .await?;
    for p in &problems {
        let file = files.check(photo(p.id)?).await?;
        files.put(&file).await?;
        let target = AttachmentTarget { record_type: RecordType::Problem, record_id: p.id };
        attachment::ActiveModel {
            record_type: Set(target.record_type),
            record_id: Set(target.record_id),
            org_path: Set(p.org_path.clone()),
            kind: Set(file.kind),
            sha256: Set(file.sha256.clone()),
            size: Set(i64::try_from(file.bytes.len()).unwrap_or(i64::MAX)),
            original_name: Set(format!("整改佐证-问题{}.jpg", p.id)),
            personal: Set(false),
            uploaded_by: Set(district.id),
            created_at: Set(Utc::now()),
            ..Default::default()
        }
        .insert(db)
        .await?;
    }
    Ok(!problems.is_empty())
}
