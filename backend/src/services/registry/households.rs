//! Households: adding one with its head, changing its attributes, the household card, and the
//! numbering rule. ID-card numbers and phones are masked for roles without need, and every
//! full read is audited.

use chrono::{DateTime, Utc};
use jingzhun_shared::error::Parsed;
use jingzhun_shared::registry::{CreateHousehold, HouseholdDto, UpdateHousehold, ValidHousehold};
use jingzhun_shared::{
    Capability, HouseholdCategory, HouseholdId, HouseholdStatus, IdCardNo, MemberId, OrgLevel, Personal, PovertyCause,
    Relation,
};
use sea_orm::sea_query::Expr;
use sea_orm::{ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder};

use crate::actor::CurrentUser;
use crate::entities::{household, member, org_unit};
use crate::error::{AppError, AppResult};
use crate::services::audit::{self, Event};
use crate::services::org::org_units;
use crate::services::registry::categories;
use crate::services::registry::members::{self, counts_on, id_card_taken, member_dto};
use crate::services::registry::monitoring;
use crate::services::registry::status_history::{self, Change};
use crate::services::txn::{Db, created, in_txn, updated};
use crate::services::versioned::update_at_version;

pub fn causes_to_text(causes: &[PovertyCause]) -> String {
    let mut words: Vec<&str> = causes.iter().map(|c| c.as_str()).collect();
    words.sort_unstable();
    words.dedup();
    words.join(",")
}

pub fn causes_from_text(text: &str) -> Vec<PovertyCause> {
    text.split(',').filter_map(|w| w.parse().ok()).collect()
}

/// The household if it lies in the caller's subtree; 404 otherwise.
pub async fn find_visible(
    db: &impl ConnectionTrait,
    user: &CurrentUser,
    id: HouseholdId,
) -> AppResult<household::Model> {
    user.require(Capability::ReadRegistry)?;
    household::Entity::find_by_id(id.0).one(db).await?.filter(|h| user.sees(&h.org_path)).ok_or(AppError::NotFound)
}

/// The household whose card the caller may read: one of its subtree with the registry read
/// ([`find_visible`]), or for a cadre account one of the households it is responsible for now;
/// 404 for any other. The card then passes the masking gate like any other read.
pub async fn find_card(db: &impl ConnectionTrait, user: &CurrentUser, id: HouseholdId) -> AppResult<household::Model> {
    let Some(own) = super::cadre_reach::own_households(db, user).await? else {
        return find_visible(db, user, id).await;
    };
    household::Entity::find_by_id(id.0)
        .filter(household::Column::Id.in_subquery(own))
        .one(db)
        .await?
        .ok_or(AppError::NotFound)
}

/// A new household row in `village` with number `seq`, not yet exited or removed, without
/// causes, phone or coordinates; the form, the import and the demo loader all start from it.
pub fn new_row(
    village: &org_unit::Model,
    seq: u64,
    head_name: &str,
    category: HouseholdCategory,
    status: HouseholdStatus,
    now: DateTime<Utc>,
) -> household::ActiveModel {
    household::ActiveModel {
        village_id: Set(village.id),
        township_id: Set(village.parent_id.unwrap_or(village.id)),
        org_path: Set(village.path.clone()),
        number: Set(format!("{}{:05}", village.code, seq)),
        head_name: Set(head_name.to_owned()),
        category: Set(category),
        status: Set(status),
        exit_year: Set(None),
        removed_reason: Set(None),
        causes: Set(String::new()),
        phone: Set(None),
        latitude: Set(None),
        longitude: Set(None),
        version: Set(1),
        created_at: Set(now),
        ..Default::default()
    }
}

/// Adds a household with its head: `pending` (待识别) until its entry application is announced,
/// or `registered` at once in the district's initial load from the national system.
pub async fn create(db: &impl Db, user: &CurrentUser, input: CreateHousehold) -> AppResult<HouseholdDto> {
    user.require(Capability::EditRegistry)?;
    let status = if input.initial_load {
        user.require(Capability::InitialLoad)?;
        HouseholdStatus::Registered
    } else {
        HouseholdStatus::Pending
    };
    in_txn(db, Some(user), async |txn| {
        let (valid, village) = check_create(txn, user, &input).await?;
        let head = valid.head;
        let seq = last_number_seq(txn, &village).await? + 1;
        let mut row = new_row(&village, seq, head.name.as_str(), valid.category, status, Utc::now());
        row.causes = Set(causes_to_text(&valid.causes));
        row.phone = Set(head.phone.map(jingzhun_shared::Phone::into_inner));
        row.latitude = Set(valid.location.map(|p| p.latitude));
        row.longitude = Set(valid.location.map(|p| p.longitude));
        let row = row.insert(txn).await?;
        status_history::record(txn, Change::filed(row.id, status, user.today)).await?;
        members::new_row(
            row.id,
            head.name.as_str(),
            &head.id_card_no,
            Relation::Head,
            head.health,
            head.labour,
            Utc::now(),
        )
        .insert(txn)
        .await?;
        let dto = load_dto(txn, user, HouseholdId(row.id), false).await?;
        Ok(created("household", row.id, dto))
    })
    .await
}

/// A new household parsed, with its village, or every invalid field in one 422: what
/// `CreateHousehold::parse` finds, a village out of scope, an ID-card number already on file.
async fn check_create(
    db: &impl ConnectionTrait,
    user: &CurrentUser,
    input: &CreateHousehold,
) -> AppResult<(ValidHousehold, org_unit::Model)> {
    let mut parsed = Parsed::new(input.parse());
    // The number is checked against the registry whenever it parses, whatever else fails.
    if let Ok(card) = IdCardNo::parse(&input.head.id_card_no)
        && let Some(message) = id_card_taken(db, user, card.as_str()).await?
    {
        parsed.add("head.id_card_no", message);
    }
    let village = match org_units::find_visible(db, user, input.village_id).await {
        Ok(unit) if unit.level == OrgLevel::Village => Ok(unit),
        Ok(_) => Err("请选择一个村".to_owned()),
        Err(AppError::NotFound) => Err("村不存在".to_owned()),
        Err(e) => return Err(e),
    };
    Ok(parsed.zip("village_id", village).finish()?)
}

/// The sequence part of the village's newest household number (0 when it has none): numbers
/// are the village code and five digits, given out in order.
pub async fn last_number_seq(db: &impl ConnectionTrait, village: &org_unit::Model) -> AppResult<u64> {
    let newest = household::Entity::find()
        .filter(household::Column::VillageId.eq(village.id))
        .order_by_desc(household::Column::Id)
        .one(db)
        .await?;
    Ok(newest.and_then(|h| h.number.strip_prefix(village.code.as_str()).and_then(|s| s.parse().ok())).unwrap_or(0))
}

/// The household card (a cadre's own households too, [`find_card`]). Roles that see personal
/// data get full ID numbers, and that read is audited when `audit_read` is set.
pub async fn load_dto(
    db: &impl ConnectionTrait,
    user: &CurrentUser,
    id: HouseholdId,
    audit_read: bool,
) -> AppResult<HouseholdDto> {
    let row = find_card(db, user, id).await?;
    let village = org_unit::Entity::find_by_id(row.village_id).one(db).await?.ok_or(AppError::NotFound)?;
    let members = member::Entity::find()
        .filter(member::Column::HouseholdId.eq(row.id))
        .order_by_asc(member::Column::Id)
        .all(db)
        .await?;
    let category_history = categories::history(db, row.id).await?;
    if audit_read && user.role.sees_personal_data() {
        audit::record(db, Some(user), Event::new("read_personal_data", "household", row.id)).await?;
    }
    let dto = HouseholdDto {
        id: HouseholdId(row.id),
        number: row.number,
        village: org_units::to_ref(&village),
        category: row.category,
        status: row.status,
        exit_year: row.exit_year,
        removed_reason: row.removed_reason,
        causes: causes_from_text(&row.causes),
        phone: row.phone,
        latitude: row.latitude,
        longitude: row.longitude,
        head_member_id: members
            .iter()
            .find(|m| m.relation == Relation::Head && counts_on(m, user.today))
            .map(|m| MemberId(m.id)),
        people: members.iter().filter(|m| counts_on(m, user.today)).count() as u64,
        members: members.into_iter().map(member_dto).collect(),
        monitoring: monitoring::for_household(db, row.id).await?,
        status_history: status_history::for_household(db, row.id).await?,
        category_history,
        masked: false,
        version: row.version,
        created_at: row.created_at,
    };
    Ok(dto.for_reader(user.role))
}

/// Changes a household's attributes; a stale version is 409 and changes nothing. The category
/// is a civil-affairs decision with its date and document ([`categories::change`]): here it
/// must stay as it is.
pub async fn update(
    db: &impl Db,
    user: &CurrentUser,
    id: HouseholdId,
    input: UpdateHousehold,
) -> AppResult<HouseholdDto> {
    user.require(Capability::EditRegistry)?;
    in_txn(db, Some(user), async |txn| {
        let before = load_dto(txn, user, id, false).await?;
        let valid = input.parse()?;
        if valid.category != before.category {
            return Err(AppError::field("category", "户类别须按民政认定变更，请通过“变更户类别”登记日期、原因和文号"));
        }
        let update = household::Entity::update_many()
            .col_expr(household::Column::Causes, Expr::value(causes_to_text(&valid.causes)))
            .col_expr(household::Column::Phone, Expr::value(valid.phone.map(jingzhun_shared::Phone::into_inner)))
            .col_expr(household::Column::Latitude, Expr::value(valid.location.map(|p| p.latitude)))
            .col_expr(household::Column::Longitude, Expr::value(valid.location.map(|p| p.longitude)));
        update_at_version(txn, update, id.0, valid.version).await?;
        let after = load_dto(txn, user, id, false).await?;
        Ok(updated("household", id, &before, after))
    })
    .await
}
