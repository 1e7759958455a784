//! Appraisals of a household's house (房屋安全鉴定): grade A–D on a day not after today.

use std::collections::HashMap;

use chrono::{NaiveDate, Utc};
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
use crate::services::{NOTE_MAX, paginate, with_items};

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

/// Every problem of a check's fields that needs no lookup; the note to store.
pub(super) fn check_fields(
    v: &mut dyn FnMut(&'static str, String),
    input: &HousingCheckInput,
    today: NaiveDate,
) -> Option<String> {
    if let Some(message) = jingzhun_shared::dates::typed_date_error(input.checked_on, today) {
        v("checked_on", message);
    }
    match jingzhun_shared::text::optional(input.note.as_deref(), NOTE_MAX) {
        Ok(note) => note,
        Err(message) => {
            v("note", message);
            None
        }
    }
}

/// A new row for household `h` carrying `input`.
pub fn new_row(h: &household::Model, input: &HousingCheckInput, note: Option<String>) -> housing_check::ActiveModel {
    placed!(housing_check::ActiveModel, h, {
        checked_on: Set(input.checked_on),
        grade: Set(input.grade),
        note: Set(note),
        created_at: Set(Utc::now()),
    })
}

/// Records an appraisal of a household's house in the caller's scope.
pub async fn create_check(db: &impl Db, user: &CurrentUser, input: HousingCheckInput) -> AppResult<HousingCheckDto> {
    user.require(Capability::EditRegistry)?;
    let mut v = Validator::new();
    let h = household_field(db, user, &mut v, input.household_id).await?;
    let note = check_fields(&mut |field, message| v.add(field, message), &input, user.today);
    v.finish()?;
    let Some(h) = h else { return Err(AppError::NotFound) };
    in_txn(db, Some(user), async |txn| {
        let row = new_row(&h, &input, note).insert(txn).await?;
        let households = HashMap::from([(h.id, h)]);
        Ok(created("housing_check", row.id, check_dto(&row, &households, &HashMap::new())))
    })
    .await
}
