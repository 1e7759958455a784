//! Members of a household: adding one, listing them, and the ID-card rule every member shares
//! with the household's head (one number, one person, anywhere in the district).

use chrono::{DateTime, Utc};
use jingzhun_shared::error::Parsed;
use jingzhun_shared::registry::{CreateMember, MemberDto};
use jingzhun_shared::{Capability, HealthStatus, HouseholdId, IdCardNo, Labour, MemberId, Personal, Relation};
use sea_orm::{ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};

use crate::actor::CurrentUser;
use crate::entities::{household, member};
use crate::error::AppResult;
use crate::services::audit::Event;
use crate::services::registry::households::{find_visible, load_dto};
use crate::services::txn::{Db, in_txn};
use crate::services::versioned::bumped;

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

/// A member row; sex and birth date are read off the ID card.
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
    }
}

/// Adds a member; the ID card must be valid and not on file anywhere in the district.
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
        if let Ok(card) = IdCardNo::parse(&input.id_card_no)
            && let Some(message) = id_card_taken(txn, user, card.as_str()).await?
        {
            parsed.add("id_card_no", message);
        }
        let m = parsed.finish()?;
        let row = new_row(household.id, m.name.as_str(), &m.id_card_no, m.relation, m.health, m.labour, Utc::now())
            .insert(txn)
            .await?;
        bumped(household::Entity::update_many()).filter(household::Column::Id.eq(household.id)).exec(txn).await?;
        let dto = member_dto(row);
        let event = Event::new("create", "member", dto.id).after(&dto);
        Ok((dto.for_reader(user.role), event))
    })
    .await
}

/// The members of a household.
pub async fn members(db: &impl ConnectionTrait, user: &CurrentUser, id: HouseholdId) -> AppResult<Vec<MemberDto>> {
    Ok(load_dto(db, user, id, true).await?.members)
}
