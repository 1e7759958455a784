//! Training courses members attended (技能培训) and the subsidy each was paid.

use chrono::{Datelike, NaiveDate, Utc};
use jingzhun_shared::employment::{LabourQuery, TrainingDto, TrainingInput};
use jingzhun_shared::error::Validator;
use jingzhun_shared::page::Page;
use jingzhun_shared::text::NAME_MAX;
use jingzhun_shared::{Capability, Fen, HouseholdId, MemberId, TrainingId};
use sea_orm::{ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, QueryFilter};

use super::{Columns, listed};
use crate::actor::CurrentUser;
use crate::entities::{member, training};
use crate::error::{AppError, AppResult};
use crate::services::registry::record_members::{Placed, delete_record, member_field};
use crate::services::txn::{Db, created, in_txn};
use crate::services::{by_ids, with_items};

async fn dtos(db: &impl ConnectionTrait, rows: &[training::Model]) -> AppResult<Vec<TrainingDto>> {
    let members = by_ids::<member::Entity>(db, rows.iter().map(|r| r.member_id).collect(), |m| m.id).await?;
    Ok(rows
        .iter()
        .map(|r| TrainingDto {
            id: TrainingId(r.id),
            member_id: MemberId(r.member_id),
            member_name: members.get(&r.member_id).map(|m| m.name.clone()).unwrap_or_default(),
            household_id: HouseholdId(r.household_id),
            course: r.course.clone(),
            year: r.year,
            ended_on: r.ended_on,
            days: r.days,
            subsidy_fen: Fen::new(r.subsidy_fen),
        })
        .collect())
}

pub async fn trainings(
    db: &impl ConnectionTrait,
    user: &CurrentUser,
    query: LabourQuery,
) -> AppResult<Page<TrainingDto>> {
    use training::Column as C;
    let columns = Columns { id: C::Id, path: C::OrgPath, household: C::HouseholdId, member: C::MemberId };
    let page = listed::<training::Entity>(db, user, &query, columns, |s, year| Ok(s.filter(C::Year.eq(year)))).await?;
    let items = dtos(db, &page.items).await?;
    Ok(with_items(page, items))
}

/// Every problem of a course's fields (none needs a lookup); the course's name to store.
pub(super) fn check_fields(v: &mut dyn FnMut(&'static str, String), input: &TrainingInput, today: NaiveDate) -> String {
    let course = input.course.trim();
    if course.is_empty() || course.chars().count() > NAME_MAX {
        v("course", format!("请填写培训项目（最多 {NAME_MAX} 个字）"));
    }
    if let Some(message) = jingzhun_shared::dates::typed_date_error(input.ended_on, today) {
        v("ended_on", message);
    }
    if !(1..=366).contains(&input.days) {
        v("days", "培训天数须在 1 到 366 之间".to_owned());
    }
    if let Err(message) = input.subsidy_fen.amount("培训补助") {
        v("subsidy_fen", message);
    }
    course.to_owned()
}

/// A new row for `placed` carrying `input`, in the year of the course's last day.
pub fn new_row(placed: &Placed, input: &TrainingInput, course: String) -> training::ActiveModel {
    let (m, h) = placed;
    training::ActiveModel {
        member_id: Set(m.id),
        household_id: Set(h.id),
        village_id: Set(h.village_id),
        township_id: Set(h.township_id),
        org_path: Set(h.org_path.clone()),
        course: Set(course),
        year: Set(input.ended_on.year()),
        ended_on: Set(input.ended_on),
        days: Set(input.days),
        subsidy_fen: Set(input.subsidy_fen.fen()),
        created_at: Set(Utc::now()),
        ..Default::default()
    }
}

/// Records a course a member finished, in the year of its last day.
pub async fn create_training(db: &impl Db, user: &CurrentUser, input: TrainingInput) -> AppResult<TrainingDto> {
    user.require(Capability::EditRegistry)?;
    in_txn(db, Some(user), async |txn| {
        let mut v = Validator::new();
        let placed = member_field(txn, user, &mut v, "member_id", input.member_id).await?;
        let course = check_fields(&mut |field, message| v.add(field, message), &input, user.today);
        v.finish()?;
        let (m, h) = placed.ok_or_else(|| AppError::Internal("training checked without a member".to_owned()))?;
        let row = new_row(&(m, h), &input, course).insert(txn).await?;
        let dto = dtos(txn, std::slice::from_ref(&row)).await?.pop().ok_or(AppError::NotFound)?;
        Ok(created("training", row.id, dto))
    })
    .await
}

pub async fn delete_training(db: &impl Db, user: &CurrentUser, id: TrainingId) -> AppResult<()> {
    let dto =
        async |txn: &sea_orm::DatabaseTransaction, row: &training::Model| dtos(txn, std::slice::from_ref(row)).await;
    delete_record::<training::Entity, _>(db, user, "training", id.0, |r| &r.org_path, dto).await
}
