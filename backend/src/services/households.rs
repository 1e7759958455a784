//! The household registry: households and their members, scoped by the org tree, with
//! ID-card numbers masked for roles without need and every full read audited.

use std::collections::HashMap;

use chrono::Utc;
use jingzhun_shared::error::Validator;
use jingzhun_shared::id_card::mask;
use jingzhun_shared::newtypes::DisplayName;
use jingzhun_shared::page::Page;
use jingzhun_shared::page::PageQuery;
use jingzhun_shared::registry::{
    CreateHousehold, CreateMember, HouseholdDto, HouseholdQuery, HouseholdSummary, MemberDto, UpdateHousehold,
};
use jingzhun_shared::{
    HealthStatus, HouseholdId, HouseholdStatus, IdCardNo, Labour, MemberId, OrgLevel, PovertyCause, Relation, Role,
};
use sea_orm::sea_query::{Alias, Expr, ExprTrait, Query};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, FromQueryResult,
    QueryFilter, QueryOrder, QuerySelect, QueryTrait, Select, TransactionTrait,
};

use crate::actor::CurrentUser;
use crate::entities::{household, member, org_unit};
use crate::error::{AppError, AppResult};
use crate::services::audit::{self, Event};
use crate::services::org_units;

/// Roles that enter and change registry data.
pub const WRITERS: &[Role] = &[Role::Admin, Role::DistrictOfficial, Role::TownshipOfficial, Role::VillageClerk];

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
    household::Entity::find_by_id(id.0).one(db).await?.filter(|h| user.sees(&h.org_path)).ok_or(AppError::NotFound)
}

/// The 422 for an ID-card number already on file, naming the household that has it.
async fn id_card_taken(db: &impl ConnectionTrait, number: &str) -> AppResult<Option<String>> {
    let Some(existing) = member::Entity::find().filter(member::Column::IdCardNo.eq(number)).one(db).await? else {
        return Ok(None);
    };
    let household = household::Entity::find_by_id(existing.household_id).one(db).await?;
    let label = household
        .map_or_else(|| existing.household_id.to_string(), |h| format!("{}（户主 {}）", h.number, h.head_name));
    Ok(Some(format!("该身份证号已在册：户 {label}")))
}

fn check_coordinates(v: &mut Validator, latitude: Option<f64>, longitude: Option<f64>) {
    if latitude.is_some_and(|l| !(-90.0..=90.0).contains(&l)) {
        v.add("latitude", "纬度须在 -90 到 90 之间");
    }
    if longitude.is_some_and(|l| !(-180.0..=180.0).contains(&l)) {
        v.add("longitude", "经度须在 -180 到 180 之间");
    }
    if latitude.is_some() != longitude.is_some() {
        v.add("longitude", "经纬度须同时填写");
    }
}

fn check_phone(v: &mut Validator, field: &str, phone: Option<&str>) -> Option<String> {
    let phone = phone.map(str::trim).filter(|p| !p.is_empty())?;
    if phone.len() > 20 || !phone.chars().all(|c| c.is_ascii_digit() || c == '-' || c == '+') {
        v.add(field, "电话号码只能包含数字、+ 或 -");
        return None;
    }
    Some(phone.to_owned())
}

/// Adds a household with its head (status `registered`, or `pending` when it is to go through
/// an entry application).
pub async fn create(db: &DatabaseConnection, user: &CurrentUser, input: CreateHousehold) -> AppResult<HouseholdDto> {
    let status = if input.pending { HouseholdStatus::Pending } else { HouseholdStatus::Registered };
    user.require(WRITERS)?;
    let txn = db.begin().await?;
    let mut v = Validator::new();
    let village = match org_units::find_visible(&txn, user, input.village_id).await {
        Ok(unit) if unit.level == OrgLevel::Village => Some(unit),
        Ok(_) => {
            v.add("village_id", "请选择一个村");
            None
        }
        Err(AppError::NotFound) => {
            v.add("village_id", "村不存在");
            None
        }
        Err(other) => return Err(other),
    };
    let name = v.check("head.name", DisplayName::parse(&input.head.name));
    let id_card = v.check("head.id_card_no", IdCardNo::parse(&input.head.id_card_no));
    if let Some(id) = &id_card
        && let Some(message) = id_card_taken(&txn, id.as_str()).await?
    {
        v.add("head.id_card_no", message);
    }
    let phone = check_phone(&mut v, "head.phone", input.head.phone.as_deref());
    check_coordinates(&mut v, input.latitude, input.longitude);
    if input.causes.is_empty() {
        v.add("causes", "请至少选择一项致贫原因");
    }
    v.finish()?;
    let (Some(village), Some(name), Some(id_card)) = (village, name, id_card) else {
        return Err(AppError::Internal("validated values missing".to_owned()));
    };
    let seq = last_number_seq(&txn, &village).await? + 1;
    let row = household::ActiveModel {
        village_id: Set(village.id),
        township_id: Set(village.parent_id.unwrap_or(village.id)),
        org_path: Set(village.path.clone()),
        number: Set(format!("{}{:05}", village.code, seq)),
        head_name: Set(name.as_str().to_owned()),
        category: Set(input.category),
        status: Set(status),
        exit_year: Set(None),
        removed_reason: Set(None),
        causes: Set(causes_to_text(&input.causes)),
        phone: Set(phone),
        latitude: Set(input.latitude),
        longitude: Set(input.longitude),
        version: Set(1),
        created_at: Set(Utc::now()),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    insert_member(
        &txn,
        row.id,
        name.as_str(),
        &id_card,
        Relation::Head,
        input.head.health.unwrap_or(HealthStatus::Healthy),
        input.head.labour.unwrap_or(Labour::Full),
    )
    .await?;
    let dto = load_dto(&txn, user, HouseholdId(row.id), false).await?;
    audit::record(&txn, Some(user), Event::new("create", "household", row.id).after(&dto)).await?;
    txn.commit().await?;
    Ok(dto)
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

pub async fn insert_member(
    db: &impl ConnectionTrait,
    household_id: i64,
    name: &str,
    id_card: &IdCardNo,
    relation: Relation,
    health: HealthStatus,
    labour: Labour,
) -> AppResult<member::Model> {
    Ok(member::ActiveModel {
        household_id: Set(household_id),
        name: Set(name.to_owned()),
        id_card_no: Set(id_card.as_str().to_owned()),
        sex: Set(id_card.sex()),
        birth_date: Set(id_card.birth_date()),
        relation: Set(relation),
        health: Set(health),
        labour: Set(labour),
        created_at: Set(Utc::now()),
        ..Default::default()
    }
    .insert(db)
    .await?)
}

fn member_dto(row: member::Model, masked: bool) -> MemberDto {
    MemberDto {
        id: MemberId(row.id),
        household_id: HouseholdId(row.household_id),
        id_card_no: if masked { mask(&row.id_card_no) } else { row.id_card_no },
        name: row.name,
        sex: row.sex,
        birth_date: row.birth_date,
        relation: row.relation,
        health: row.health,
        labour: row.labour,
    }
}

/// The household card. Roles that see personal data get full ID numbers, and that read is
/// audited when `audit_read` is set.
pub async fn load_dto(
    db: &impl ConnectionTrait,
    user: &CurrentUser,
    id: HouseholdId,
    audit_read: bool,
) -> AppResult<HouseholdDto> {
    let row = find_visible(db, user, id).await?;
    let village = org_unit::Entity::find_by_id(row.village_id).one(db).await?.ok_or(AppError::NotFound)?;
    let members = member::Entity::find()
        .filter(member::Column::HouseholdId.eq(row.id))
        .order_by_asc(member::Column::Id)
        .all(db)
        .await?;
    let masked = !user.role.sees_personal_data();
    if audit_read && !masked {
        audit::record(db, Some(user), Event::new("read_personal_data", "household", row.id)).await?;
    }
    Ok(HouseholdDto {
        id: HouseholdId(row.id),
        number: row.number,
        village: org_units::to_ref(&village),
        category: row.category,
        status: row.status,
        exit_year: row.exit_year,
        removed_reason: row.removed_reason,
        causes: causes_from_text(&row.causes),
        phone: row.phone.map(|p| if masked { mask(&p) } else { p }),
        latitude: row.latitude,
        longitude: row.longitude,
        head_member_id: members.iter().find(|m| m.relation == Relation::Head).map(|m| MemberId(m.id)),
        members: members.into_iter().map(|m| member_dto(m, masked)).collect(),
        masked,
        version: row.version,
        created_at: row.created_at,
    })
}

/// Keeps the households under `unit`: an indexed equality for a village or township.
fn under(select: Select<household::Entity>, unit: &org_unit::Model) -> Select<household::Entity> {
    match unit.level {
        OrgLevel::Village => select.filter(household::Column::VillageId.eq(unit.id)),
        OrgLevel::Township => select.filter(household::Column::TownshipId.eq(unit.id)),
        // The root district holds every household: no filter to evaluate row by row.
        OrgLevel::District if unit.parent_id.is_none() => select,
        OrgLevel::District => select.filter(household::Column::OrgPath.starts_with(&unit.path)),
    }
}

/// The numeric successor of a digit prefix of the same length ("34109" → "34110"), the
/// exclusive upper bound of the ID numbers that start with it; `None` for all nines.
fn prefix_successor(prefix: &str) -> Option<String> {
    let mut digits: Vec<u8> = prefix.bytes().collect();
    for i in (0..digits.len()).rev() {
        if digits[i] < b'9' {
            digits[i] += 1;
            digits.truncate(i + 1);
            digits.resize(prefix.len(), b'0');
            return String::from_utf8(digits).ok();
        }
    }
    None
}

/// A page of households in the caller's scope, filtered.
pub async fn list(
    db: &impl ConnectionTrait,
    user: &CurrentUser,
    query: HouseholdQuery,
) -> AppResult<Page<HouseholdSummary>> {
    let own = org_units::find_visible(db, user, user.org_unit_id).await?;
    let mut select = under(household::Entity::find(), &own);
    for unit_id in [query.village_id, query.township_id].into_iter().flatten() {
        let unit = org_units::find_visible(db, user, unit_id).await?;
        select = under(select, &unit);
    }
    if let Some(status) = query.status {
        select = select.filter(household::Column::Status.eq(status));
    }
    if let Some(category) = query.category {
        select = select.filter(household::Column::Category.eq(category));
    }
    if let Some(q) = query.q.as_deref().map(str::trim).filter(|q| !q.is_empty()) {
        if q.len() <= 18 && q.chars().all(|c| c.is_ascii_digit() || c == 'x' || c == 'X') {
            // A range, not LIKE: it uses the plain unique index on every database and collation.
            let prefix = q.to_ascii_uppercase();
            let mut holders = Query::select()
                .column(member::Column::HouseholdId)
                .from(member::Entity)
                .and_where(member::Column::IdCardNo.gte(prefix.clone()))
                .to_owned();
            match prefix_successor(&prefix).filter(|_| prefix.bytes().all(|b| b.is_ascii_digit())) {
                Some(upper) => holders.and_where(member::Column::IdCardNo.lt(upper)),
                None => holders.and_where(member::Column::IdCardNo.eq(prefix)),
            };
            select = select.filter(household::Column::Id.in_subquery(holders));
        } else {
            select = select.filter(household::Column::HeadName.contains(q));
        }
    }
    let page_query = PageQuery { page: query.page, per_page: query.per_page };
    let (total, total_exact) = capped_count(db, &select).await?;
    let (page, per_page) = (page_query.page(), page_query.per_page());
    let rows = select.order_by_asc(household::Column::Id).offset((page - 1) * per_page).limit(per_page).all(db).await?;
    let items = summaries(db, rows).await?;
    Ok(Page { items, total, page, per_page, total_exact })
}

/// Lists count exactly up to this many households, then report a lower bound.
pub const COUNT_CAP: u64 = 10_000;

/// The number of matching households, exact up to [`COUNT_CAP`]: counting a whole township of
/// a province-sized registry on every page turn would cost more than the page itself.
async fn capped_count(db: &impl ConnectionTrait, select: &Select<household::Entity>) -> AppResult<(u64, bool)> {
    let inner = select.clone().select_only().column(household::Column::Id).limit(COUNT_CAP + 1).into_query();
    let count = Query::select()
        .expr_as(Expr::cust("COUNT(*)"), Alias::new("n"))
        .from_subquery(inner, Alias::new("sub"))
        .to_owned();
    let n = match db.query_one(&count).await? {
        Some(row) => u64::try_from(row.try_get::<i64>("", "n")?).unwrap_or(0),
        None => 0,
    };
    Ok(if n > COUNT_CAP { (COUNT_CAP, false) } else { (n, true) })
}

#[derive(FromQueryResult)]
struct MemberCount {
    household_id: i64,
    members: i64,
}

/// List rows for households, with their villages, heads and member counts in three queries.
async fn summaries(db: &impl ConnectionTrait, rows: Vec<household::Model>) -> AppResult<Vec<HouseholdSummary>> {
    let ids: Vec<i64> = rows.iter().map(|h| h.id).collect();
    let counts: HashMap<i64, u64> = member::Entity::find()
        .select_only()
        .column(member::Column::HouseholdId)
        .column_as(member::Column::Id.count(), "members")
        .filter(member::Column::HouseholdId.is_in(ids.clone()))
        .group_by(member::Column::HouseholdId)
        .into_model::<MemberCount>()
        .all(db)
        .await?
        .into_iter()
        .map(|c| (c.household_id, u64::try_from(c.members).unwrap_or(0)))
        .collect();
    // The head is the member whose relation is `head`.
    let heads: HashMap<i64, String> = member::Entity::find()
        .filter(member::Column::HouseholdId.is_in(ids.clone()))
        .filter(member::Column::Relation.eq(Relation::Head))
        .all(db)
        .await?
        .into_iter()
        .map(|m| (m.household_id, m.id_card_no))
        .collect();
    let village_ids: Vec<i64> = rows.iter().map(|h| h.village_id).collect();
    let villages = org_units::by_ids(db, village_ids).await?;
    rows.into_iter()
        .map(|h| {
            let village = villages.get(&h.village_id).ok_or(AppError::NotFound)?;
            Ok(HouseholdSummary {
                id: HouseholdId(h.id),
                number: h.number,
                village: org_units::to_ref(village),
                head_name: h.head_name,
                head_id_card_masked: heads.get(&h.id).map(|n| mask(n)).unwrap_or_default(),
                category: h.category,
                status: h.status,
                exit_year: h.exit_year,
                members: counts.get(&h.id).copied().unwrap_or(0),
            })
        })
        .collect()
}

/// Changes a household's attributes; a stale version is 409 and changes nothing.
pub async fn update(
    db: &DatabaseConnection,
    user: &CurrentUser,
    id: HouseholdId,
    input: UpdateHousehold,
) -> AppResult<HouseholdDto> {
    user.require(WRITERS)?;
    let txn = db.begin().await?;
    let before = load_dto(&txn, user, id, false).await?;
    let mut v = Validator::new();
    let phone = check_phone(&mut v, "phone", input.phone.as_deref());
    check_coordinates(&mut v, input.latitude, input.longitude);
    if input.causes.is_empty() {
        v.add("causes", "请至少选择一项致贫原因");
    }
    v.finish()?;
    let updated = household::Entity::update_many()
        .col_expr(household::Column::Category, Expr::value(input.category.as_str()))
        .col_expr(household::Column::Causes, Expr::value(causes_to_text(&input.causes)))
        .col_expr(household::Column::Phone, Expr::value(phone))
        .col_expr(household::Column::Latitude, Expr::value(input.latitude))
        .col_expr(household::Column::Longitude, Expr::value(input.longitude))
        .col_expr(household::Column::Version, Expr::value(input.version + 1))
        .filter(household::Column::Id.eq(id.0))
        .filter(household::Column::Version.eq(input.version))
        .exec(&txn)
        .await?;
    if updated.rows_affected == 0 {
        return Err(AppError::stale());
    }
    let after = load_dto(&txn, user, id, false).await?;
    audit::record(&txn, Some(user), Event::new("update", "household", id).before(&before).after(&after)).await?;
    txn.commit().await?;
    Ok(after)
}

/// Adds a member; the ID card must be valid and not on file anywhere in the district.
pub async fn add_member(
    db: &DatabaseConnection,
    user: &CurrentUser,
    id: HouseholdId,
    input: CreateMember,
) -> AppResult<MemberDto> {
    user.require(WRITERS)?;
    let txn = db.begin().await?;
    let household = find_visible(&txn, user, id).await?;
    let mut v = Validator::new();
    let name = v.check("name", DisplayName::parse(&input.name));
    let id_card = v.check("id_card_no", IdCardNo::parse(&input.id_card_no));
    if let Some(card) = &id_card
        && let Some(message) = id_card_taken(&txn, card.as_str()).await?
    {
        v.add("id_card_no", message);
    }
    if input.relation == Relation::Head {
        v.add("relation", "每户只有一位户主");
    }
    v.finish()?;
    let (Some(name), Some(id_card)) = (name, id_card) else {
        return Err(AppError::Internal("validated values missing".to_owned()));
    };
    let row =
        insert_member(&txn, household.id, name.as_str(), &id_card, input.relation, input.health, input.labour).await?;
    household::Entity::update_many()
        .col_expr(household::Column::Version, Expr::col(household::Column::Version).add(1))
        .filter(household::Column::Id.eq(household.id))
        .exec(&txn)
        .await?;
    let dto = member_dto(row, false);
    audit::record(&txn, Some(user), Event::new("create", "member", dto.id).after(&dto)).await?;
    txn.commit().await?;
    Ok(member_dto_for(dto, user))
}

fn member_dto_for(mut dto: MemberDto, user: &CurrentUser) -> MemberDto {
    if !user.role.sees_personal_data() {
        dto.id_card_no = mask(&dto.id_card_no);
    }
    dto
}

/// The members of a household.
pub async fn members(db: &impl ConnectionTrait, user: &CurrentUser, id: HouseholdId) -> AppResult<Vec<MemberDto>> {
    Ok(load_dto(db, user, id, true).await?.members)
}

#[cfg(test)]
mod tests {
    use super::prefix_successor;

    #[test]
    fn a_prefix_s_successor_carries() {
        assert_eq!(prefix_successor("34109").as_deref(), Some("34110"));
        assert_eq!(prefix_successor("3410").as_deref(), Some("3411"));
        assert_eq!(prefix_successor("199").as_deref(), Some("200"));
        assert_eq!(prefix_successor("999"), None);
    }
}
