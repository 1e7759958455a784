//! Members of a household: adding one (增员, with why and when), changing one, one leaving
//! (减员: the person stays on file as history), the ID-card rule every member shares with the
//! household's head (one number, one person, anywhere in the district), and [`present_on`],
//! the one rule of who counts among a household's people on a date.

use chrono::{DateTime, NaiveDate, Utc};
use jingzhun_shared::error::{Parsed, Validator};
use jingzhun_shared::registry::{CreateMember, LeaveMember, MemberDto, UpdateMember};
use jingzhun_shared::{Capability, HealthStatus, HouseholdId, IdCardNo, Labour, MemberId, Personal, Relation};
use sea_orm::sea_query::Expr;
use sea_orm::{ActiveModelTrait, ActiveValue::Set, ColumnTrait, Condition, ConnectionTrait, EntityTrait, QueryFilter};

use crate::actor::CurrentUser;
use crate::entities::{household, member};
use crate::error::{AppError, AppResult};
use crate::services::audit::Event;
use crate::services::registry::households::{find_visible, load_dto};
use crate::services::txn::{Db, in_txn, updated};
use crate::services::typed_date;
use crate::services::versioned::{bumped, update_at_version};

/// The members who count among their household's people on `date`: joined on or before it
/// (or on file before joins were recorded) and not left by it (a member who left on `date`
/// no longer counts that day). Every people count — the card, the list, per-capita income,
/// the figures — filters with this condition.
pub fn present_on(date: NaiveDate) -> Condition {
    Condition::all()
        .add(Condition::any().add(member::Column::JoinedOn.is_null()).add(member::Column::JoinedOn.lte(date)))
        .add(Condition::any().add(member::Column::LeftOn.is_null()).add(member::Column::LeftOn.gt(date)))
}

/// [`present_on`] for a row already loaded.
pub fn counts_on(row: &member::Model, date: NaiveDate) -> bool {
    row.joined_on.is_none_or(|joined| joined <= date) && row.left_on.is_none_or(|left| left > date)
}

/// The 422 for an ID-card number already on file: it names the household only when that
/// household lies in `user`'s scope, so the message tells nobody what lies outside it.
pub(super) async fn id_card_taken(
    db: &impl ConnectionTrait,
    user: &CurrentUser,
    number: &str,
) -> AppResult<Option<String>> {
    let Some(existing) = member::Entity::find().filter(member::Column::IdCardNo.eq(number)).one(db).await? else {
        return Ok(None);
    };
    let household = household::Entity::find_by_id(existing.household_id).one(db).await?;
    Ok(Some(match household.filter(|h| user.sees(&h.org_path)) {
        Some(h) => format!("该身份证号已在册：户 {}（户主 {}）", h.number, h.head_name),
        None => ELSEWHERE.to_owned(),
    }))
}

/// What a writer hears of a number registered outside their scope.
pub const ELSEWHERE: &str = "该身份证号已在其他地方登记，请联系区扶贫办核实";

/// A member row; sex and birth date are read off the ID card. When they joined is unknown
/// until the caller sets it.
pub fn new_row(
    household_id: i64,
    name: &str,
    id_card: &IdCardNo,
    relation: Relation,
    health: HealthStatus,
    labour: Labour,
    now: DateTime<Utc>,
) -> member::ActiveModel {
    member::ActiveModel {
        household_id: Set(household_id),
        name: Set(name.to_owned()),
        id_card_no: Set(id_card.as_str().to_owned()),
        sex: Set(id_card.sex()),
        birth_date: Set(id_card.birth_date()),
        relation: Set(relation),
        health: Set(health),
        labour: Set(labour),
        created_at: Set(now),
        version: Set(1),
        joined_on: Set(None),
        join_reason: Set(None),
        left_on: Set(None),
        leave_reason: Set(None),
        ..Default::default()
    }
}

/// The member whole; responses pass it through [`Personal::for_reader`].
pub(super) fn member_dto(row: member::Model) -> MemberDto {
    MemberDto {
        id: MemberId(row.id),
        household_id: HouseholdId(row.household_id),
        id_card_no: row.id_card_no,
        name: row.name,
        sex: Some(row.sex),
        birth_date: Some(row.birth_date),
        relation: row.relation,
        health: Some(row.health),
        labour: row.labour,
        joined_on: row.joined_on,
        join_reason: row.join_reason,
        left_on: row.left_on,
        leave_reason: row.leave_reason,
        version: row.version,
    }
}

/// Adds a member with why and when they joined; the ID card must be valid and not on file
/// anywhere in the district, the date neither after today nor before the birth date.
pub async fn add_member(
    db: &impl Db,
    user: &CurrentUser,
    id: HouseholdId,
    input: CreateMember,
) -> AppResult<MemberDto> {
    user.require(Capability::EditRegistry)?;
    in_txn(db, Some(user), async |txn| {
        let household = find_visible(txn, user, id).await?;
        let mut parsed = Parsed::new(input.parse());
        if let Some(message) = input.joined_on.and_then(|on| user.date_error(on)) {
            parsed.add("joined_on", message);
        }
        if let Ok(card) = IdCardNo::parse(&input.id_card_no) {
            if let Some(message) = id_card_taken(txn, user, card.as_str()).await? {
                parsed.add("id_card_no", message);
            }
            if input.joined_on.is_some_and(|on| on < card.birth_date()) {
                parsed.add("joined_on", "增员日期不能早于出生日期");
            }
        }
        let new = parsed.finish()?;
        let m = new.member;
        let mut row = new_row(household.id, m.name.as_str(), &m.id_card_no, m.relation, m.health, m.labour, Utc::now());
        row.joined_on = Set(Some(new.joined_on));
        row.join_reason = Set(Some(new.join_reason));
        let row = row.insert(txn).await?;
        bumped(household::Entity::update_many()).filter(household::Column::Id.eq(household.id)).exec(txn).await?;
        let dto = member_dto(row);
        let event = Event::new("create", "member", dto.id).after(&dto);
        Ok((dto.for_reader(user.role), event))
    })
    .await
}

/// The member with its household, if the household lies in the caller's subtree; 404
/// otherwise.
async fn find_member(
    db: &impl ConnectionTrait,
    user: &CurrentUser,
    id: MemberId,
) -> AppResult<(member::Model, household::Model)> {
    let row = member::Entity::find_by_id(id.0).one(db).await?.ok_or(AppError::NotFound)?;
    let household = find_visible(db, user, HouseholdId(row.household_id)).await?;
    Ok((row, household))
}

async fn reload(db: &impl ConnectionTrait, id: MemberId) -> AppResult<MemberDto> {
    member::Entity::find_by_id(id.0).one(db).await?.map(member_dto).ok_or(AppError::NotFound)
}

/// Changes a member's particulars (as `CreateMember` checks them); the head stays head and no
/// one else becomes head here. A stale version is 409 and changes nothing.
pub async fn update_member(
    db: &impl Db,
    user: &CurrentUser,
    id: MemberId,
    input: UpdateMember,
) -> AppResult<MemberDto> {
    user.require(Capability::EditRegistry)?;
    in_txn(db, Some(user), async |txn| {
        let (row, household) = find_member(txn, user, id).await?;
        let mut parsed = Parsed::new(input.parse());
        if let Ok(card) = IdCardNo::parse(&input.id_card_no)
            && card.as_str() != row.id_card_no
            && let Some(message) = id_card_taken(txn, user, card.as_str()).await?
        {
            parsed.add("id_card_no", message);
        }
        match (row.relation == Relation::Head, input.relation == Relation::Head) {
            (true, false) => parsed.add("relation", "户主的关系不能修改；户主减员时可指定新户主"),
            (false, true) => parsed.add("relation", "每户只有一位户主"),
            _ => {}
        }
        let m = parsed.finish()?;
        let update = member::Entity::update_many()
            .col_expr(member::Column::Name, Expr::value(m.name.as_str()))
            .col_expr(member::Column::IdCardNo, Expr::value(m.id_card_no.as_str()))
            .col_expr(member::Column::Sex, Expr::value(m.id_card_no.sex().as_str()))
            .col_expr(member::Column::BirthDate, Expr::value(m.id_card_no.birth_date()))
            .col_expr(member::Column::Relation, Expr::value(m.relation.as_str()))
            .col_expr(member::Column::Health, Expr::value(m.health.as_str()))
            .col_expr(member::Column::Labour, Expr::value(m.labour.as_str()));
        update_at_version(txn, update, id.0, input.version).await?;
        let mut touched = bumped(household::Entity::update_many());
        if row.relation == Relation::Head && row.left_on.is_none() {
            touched = touched.col_expr(household::Column::HeadName, Expr::value(m.name.as_str()));
        }
        touched.filter(household::Column::Id.eq(household.id)).exec(txn).await?;
        let after = reload(txn, id).await?;
        let (after, event) = updated("member", id, &member_dto(row), after);
        Ok((after.for_reader(user.role), event))
    })
    .await
}

/// The member leaves the household (减员): the date lies between joining (or birth) and today.
/// A head who leaves while others remain names the remaining member who becomes head; the
/// departed head stays on file with the relation they had. Leaving twice is 409.
pub async fn leave(db: &impl Db, user: &CurrentUser, id: MemberId, input: LeaveMember) -> AppResult<MemberDto> {
    user.require(Capability::EditRegistry)?;
    in_txn(db, Some(user), async |txn| {
        let (row, household) = find_member(txn, user, id).await?;
        if let Some(left) = row.left_on {
            return Err(AppError::Conflict { code: "already_left", message: format!("该成员已于 {left} 减员") });
        }
        let mut v = Validator::new();
        typed_date(&mut v, user, "left_on", input.left_on);
        match row.joined_on {
            Some(joined) if input.left_on < joined => v.add("left_on", format!("减员日期不能早于增员日期（{joined}）")),
            _ if input.left_on < row.birth_date => v.add("left_on", "减员日期不能早于出生日期"),
            _ => {}
        }
        let new_head = successor(txn, user, &row, input.new_head_id, &mut v).await?;
        v.finish()?;
        let update = member::Entity::update_many()
            .col_expr(member::Column::LeftOn, Expr::value(input.left_on))
            .col_expr(member::Column::LeaveReason, Expr::value(input.reason.as_str()));
        update_at_version(txn, update, id.0, input.version).await?;
        let mut touched = bumped(household::Entity::update_many());
        if let Some(head) = new_head {
            bumped(member::Entity::update_many())
                .col_expr(member::Column::Relation, Expr::value(Relation::Head.as_str()))
                .filter(member::Column::Id.eq(head.id))
                .exec(txn)
                .await?;
            touched = touched.col_expr(household::Column::HeadName, Expr::value(head.name));
        }
        touched.filter(household::Column::Id.eq(household.id)).exec(txn).await?;
        let after = reload(txn, id).await?;
        let event = Event::new("leave", "member", id).before(&member_dto(row)).after(&after);
        Ok((after.for_reader(user.role), event))
    })
    .await
}

/// The member who becomes head when `leaving` (the head) leaves: required while anyone else
/// remains, and one of them; `None` when a member who is not the head leaves, or nobody
/// remains.
async fn successor(
    db: &impl ConnectionTrait,
    user: &CurrentUser,
    leaving: &member::Model,
    named: Option<MemberId>,
    v: &mut Validator,
) -> AppResult<Option<member::Model>> {
    if leaving.relation != Relation::Head {
        if named.is_some() {
            v.add("new_head_id", "只有户主减员时才需指定新户主");
        }
        return Ok(None);
    }
    let remaining = member::Entity::find()
        .filter(member::Column::HouseholdId.eq(leaving.household_id))
        .filter(member::Column::Id.ne(leaving.id))
        .filter(present_on(user.today))
        .all(db)
        .await?;
    if remaining.is_empty() {
        return Ok(None);
    }
    let found = named.and_then(|id| remaining.into_iter().find(|m| m.id == id.0));
    if found.is_none() {
        v.add("new_head_id", "户主减员时，请指定一位在册成员为新户主");
    }
    Ok(found)
}

/// The members of a household, those who left included.
pub async fn members(db: &impl ConnectionTrait, user: &CurrentUser, id: HouseholdId) -> AppResult<Vec<MemberDto>> {
    Ok(load_dto(db, user, id, true).await?.members)
}
