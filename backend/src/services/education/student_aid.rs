//! Student aid records: one per member, programme and term. The amount of the district's
//! supplement is the year's setting; 雨露计划 aids vocational and university students only
//! ([`aid_amount`], shared with the page).

use std::collections::HashMap;

use chrono::Utc;
use jingzhun_shared::education::{StudentAidDto, StudentAidInput, StudentAidQuery, aid_amount};
use jingzhun_shared::error::Validator;
use jingzhun_shared::page::{Page, PageQuery};
use jingzhun_shared::text::NAME_MAX;
use jingzhun_shared::{Capability, Fen, HouseholdId, MemberId, StudentAidId};
use sea_orm::{ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder};

use super::settings::supplement;
use crate::actor::CurrentUser;
use crate::entities::{household, member, student_aid};
use crate::error::{AppError, AppResult};
use crate::services::org::org_units;
use crate::services::registry::record_members::{Placed, delete_record, member_field};
use crate::services::txn::{Db, created, in_txn};
use crate::services::{by_ids, check_year, paginate, required_text, typed_date, with_items};

fn dto(
    row: &student_aid::Model,
    member: Option<&member::Model>,
    household: Option<&household::Model>,
) -> StudentAidDto {
    StudentAidDto {
        id: StudentAidId(row.id),
        member_id: MemberId(row.member_id),
        member_name: member.map(|m| m.name.clone()).unwrap_or_default(),
        household_id: HouseholdId(row.household_id),
        household_number: household.map(|h| h.number.clone()).unwrap_or_default(),
        stage: row.stage,
        school: row.school.clone(),
        year: row.year,
        term: row.term,
        in_district: row.in_district,
        programme: row.programme,
        amount_fen: Fen::new(row.amount_fen),
        paid_on: row.paid_on,
        via_card: row.via_card,
    }
}

async fn dtos(db: &impl ConnectionTrait, rows: &[student_aid::Model]) -> AppResult<Vec<StudentAidDto>> {
    let members = by_ids::<member::Entity>(db, rows.iter().map(|r| r.member_id).collect(), |m| m.id).await?;
    let households = by_ids::<household::Entity>(db, rows.iter().map(|r| r.household_id).collect(), |h| h.id).await?;
    Ok(rows.iter().map(|r| dto(r, members.get(&r.member_id), households.get(&r.household_id))).collect())
}

/// Aid in the caller's subtree (or a unit inside it), newest first.
pub async fn list(
    db: &impl ConnectionTrait,
    user: &CurrentUser,
    query: StudentAidQuery,
) -> AppResult<Page<StudentAidDto>> {
    user.require(Capability::ReadRegistry)?;
    let unit = org_units::scope_unit(db, user, query.org_unit_id).await?;
    let mut select = student_aid::Entity::find().filter(student_aid::Column::OrgPath.starts_with(&unit.path));
    if let Some(year) = query.year {
        select = select.filter(student_aid::Column::Year.eq(year));
    }
    if let Some(h) = query.household_id {
        select = select.filter(student_aid::Column::HouseholdId.eq(h.0));
    }
    if let Some(m) = query.member_id {
        select = select.filter(student_aid::Column::MemberId.eq(m.0));
    }
    if let Some(p) = query.programme {
        select = select.filter(student_aid::Column::Programme.eq(p));
    }
    if let Some(s) = query.stage {
        select = select.filter(student_aid::Column::Stage.eq(s));
    }
    let select = select.order_by_desc(student_aid::Column::Id);
    let page = paginate(db, select, PageQuery { page: query.page, per_page: query.per_page }, |r| r).await?;
    let items = dtos(db, &page.items).await?;
    Ok(with_items(page, items))
}

/// A new row for `placed` (its household's place) carrying `input` with the amount it pays.
pub fn new_row(placed: &Placed, input: &StudentAidInput, school: String, amount: Fen) -> student_aid::ActiveModel {
    let (m, h) = placed;
    student_aid::ActiveModel {
        member_id: Set(m.id),
        household_id: Set(h.id),
        village_id: Set(h.village_id),
        township_id: Set(h.township_id),
        org_path: Set(h.org_path.clone()),
        stage: Set(input.stage),
        school: Set(school),
        year: Set(input.year),
        term: Set(input.term),
        in_district: Set(input.in_district),
        programme: Set(input.programme),
        amount_fen: Set(amount.fen()),
        paid_on: Set(input.paid_on),
        via_card: Set(input.via_card),
        created_at: Set(Utc::now()),
        ..Default::default()
    }
}

/// Records aid for a member of a household in scope; every problem in one 422.
pub async fn create(db: &impl Db, user: &CurrentUser, input: StudentAidInput) -> AppResult<StudentAidDto> {
    user.require(Capability::EditRegistry)?;
    in_txn(db, Some(user), async |txn| {
        let mut v = Validator::new();
        let placed = member_field(txn, user, &mut v, "member_id", input.member_id).await?;
        let school = required_text(&mut v, "school", &input.school, NAME_MAX, "学校");
        check_year(&mut v, input.year);
        typed_date(&mut v, user, "paid_on", input.paid_on);
        let standard = supplement(txn, input.year).await?;
        let amount = aid_amount(input.stage, input.programme, input.amount_fen, standard, input.year)
            .map_err(|(field, message)| v.add(field, message))
            .ok();
        let twice = student_aid::Entity::find()
            .filter(student_aid::Column::MemberId.eq(input.member_id.0))
            .filter(student_aid::Column::Year.eq(input.year))
            .filter(student_aid::Column::Term.eq(input.term))
            .filter(student_aid::Column::Programme.eq(input.programme))
            .count(txn)
            .await?;
        if twice > 0 {
            v.add("programme", "该学生本学期已有此项资助");
        }
        v.finish()?;
        let (Some(placed), Some(amount)) = (placed, amount) else {
            return Err(AppError::Internal("student aid checked without a member or an amount".to_owned()));
        };
        let row = sea_orm::ActiveModelTrait::insert(new_row(&placed, &input, school, amount), txn).await?;
        Ok(created("student_aid", row.id, dto(&row, Some(&placed.0), Some(&placed.1))))
    })
    .await
}

pub async fn delete(db: &impl Db, user: &CurrentUser, id: StudentAidId) -> AppResult<()> {
    let dto =
        async |txn: &sea_orm::DatabaseTransaction, row: &student_aid::Model| dtos(txn, std::slice::from_ref(row)).await;
    delete_record::<student_aid::Entity, _>(db, user, "student_aid", id.0, |r| &r.org_path, dto).await
}

/// The members' aid of `year` (member id → its rows), for figures and checks.
pub(super) async fn of_members(
    db: &impl ConnectionTrait,
    members: Vec<i64>,
    year: i32,
) -> AppResult<HashMap<i64, Vec<student_aid::Model>>> {
    let mut by_member: HashMap<i64, Vec<student_aid::Model>> = HashMap::new();
    for chunk in members.chunks(1_000) {
        let rows = student_aid::Entity::find()
            .filter(student_aid::Column::MemberId.is_in(chunk.to_vec()))
            .filter(student_aid::Column::Year.eq(year))
            .all(db)
            .await?;
        for row in rows {
            by_member.entry(row.member_id).or_default().push(row);
        }
    }
    Ok(by_member)
}
