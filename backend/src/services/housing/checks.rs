//! Appraisals of a household's house (房屋安全鉴定): grade A–D on a day not after today.

use std::collections::HashMap;

use chrono::Utc;
use jingzhun_shared::error::Validator;
use jingzhun_shared::housing::{HousingCheckDto, HousingCheckInput, HousingQuery};
use jingzhun_shared::page::{Page, PageQuery};
use jingzhun_shared::{Capability, HouseholdId};
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder};

use crate::actor::CurrentUser;
use crate::entities::{household, housing_check};
use crate::error::{AppError, AppResult};
use crate::services::org::org_units;
use crate::services::per_household::{household_field, named, number_and_head, placed, year_days};
use crate::services::txn::{Db, created, in_txn};
use crate::services::{NOTE_MAX, paginate, typed_date, with_items};

pub(super) fn check_dto(
    c: &housing_check::Model,
    households: &HashMap<i64, household::Model>,
    photos: &HashMap<i64, Vec<i64>>,
) -> HousingCheckDto {
    let (household_number, head_name) = number_and_head(households, c.household_id);
    HousingCheckDto {
        id: c.id,
        household_id: HouseholdId(c.household_id),
        household_number,
        head_name,
        checked_on: c.checked_on,
        grade: c.grade,
        note: c.note.clone(),
        photo_ids: photos.get(&c.id).cloned().unwrap_or_default(),
    }
}

/// Appraisals in the caller's subtree (or a unit inside it), newest first.
pub async fn checks(
    db: &impl ConnectionTrait,
    user: &CurrentUser,
    query: HousingQuery,
) -> AppResult<Page<HousingCheckDto>> {
    user.require(Capability::ReadRegistry)?;
    let unit = org_units::scope_unit(db, user, query.org_unit_id).await?;
    let mut select = housing_check::Entity::find().filter(housing_check::Column::OrgPath.starts_with(&unit.path));
    if let Some(year) = query.year {
        let (first, last) = year_days(year)?;
        select = select.filter(housing_check::Column::CheckedOn.between(first, last));
    }
    if let Some(h) = query.household_id {
        select = select.filter(housing_check::Column::HouseholdId.eq(h.0));
    }
    let select = select.order_by_desc(housing_check::Column::CheckedOn).order_by_desc(housing_check::Column::Id);
    let page = paginate(db, select, PageQuery { page: query.page, per_page: query.per_page }, |c| c).await?;
    let households = named(db, page.items.iter().map(|c| c.household_id)).await?;
    let photos = super::photos::photo_ids(db, page.items.iter().map(|c| c.id).collect()).await?;
    let items = page.items.iter().map(|c| check_dto(c, &households, &photos)).collect();
    Ok(with_items(page, items))
}

/// Records an appraisal of a household's house in the caller's scope.
pub async fn create_check(db: &impl Db, user: &CurrentUser, input: HousingCheckInput) -> AppResult<HousingCheckDto> {
    user.require(Capability::EditRegistry)?;
    let mut v = Validator::new();
    let h = household_field(db, user, &mut v, input.household_id).await?;
    typed_date(&mut v, user, "checked_on", input.checked_on);
    let note = v.check("note", jingzhun_shared::text::optional(input.note.as_deref(), NOTE_MAX)).flatten();
    v.finish()?;
    let Some(h) = h else { return Err(AppError::NotFound) };
    in_txn(db, Some(user), async |txn| {
        let row = placed!(housing_check::ActiveModel, &h, {
            checked_on: Set(input.checked_on),
            grade: Set(input.grade),
            note: Set(note),
            created_at: Set(Utc::now()),
        })
        .insert(txn)
        .await?;
        let households = HashMap::from([(h.id, h)]);
        Ok(created("housing_check", row.id, check_dto(&row, &households, &HashMap::new())))
    })
    .await
}
