//! Industry poverty alleviation (产业扶贫): the year's subsidy menu (菜单式) and the subsidies
//! paid to households from it, business entities and the households they drive, photovoltaic
//! stations with their dividends, asset-income investments, and the coverage figures.

use std::collections::{HashMap, HashSet};

use chrono::Utc;
use jingzhun_shared::error::Validator;
use jingzhun_shared::funds::RatesQuery;
use jingzhun_shared::industry::{
    AssetInvestmentDto, AssetInvestmentInput, BusinessEntityDto, BusinessEntityInput, BusinessEntityQuery,
    CreateIndustrySubsidy, CreatePvDividend, IndustrySubsidyDto, IndustrySubsidyQuery, IndustrySummary, PvDividendDto,
    PvStationDto, PvStationInput, PvStationQuery, Quantity, SubsidyMenuInput, SubsidyMenuItemDto, SubsidyMenuQuery,
};
use jingzhun_shared::money::rate_bp;
use jingzhun_shared::page::{Page, PageQuery};
use jingzhun_shared::{
    BusinessEntityId, Fen, HouseholdId, HouseholdStatus, IndustrySubsidyId, OrgLevel, OrgUnitId, ProjectKind,
    PvDividendId, PvStationId, SubsidyMenuItemId,
};
use sea_orm::sea_query::{Alias, Expr, ExprTrait, Query, SimpleExpr};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, PaginatorTrait,
    QueryFilter, QueryOrder, QuerySelect, QueryTrait, TransactionTrait,
};
use serde::Serialize;

use crate::actor::CurrentUser;
use crate::entities::{
    asset_investment, asset_investment_household, business_entity, business_entity_household, household,
    industry_subsidy, org_unit, project, pv_dividend, pv_station, pv_station_village, subsidy_menu_item,
};
use crate::error::{AppError, AppResult};
use crate::services::audit::{self, Event};
use crate::services::funds::{FUND_READERS, FUND_WRITERS, project_scope};
use crate::services::households::{self, WRITERS};
use crate::services::org_units::{self, placement};
use crate::services::{check_year, paginate, required_text};

fn in_use(what: &str) -> AppError {
    AppError::Conflict { code: "in_use", message: format!("{what}已有记录引用，不能删除") }
}

/// The unit for a record's placement, 422 on `field` when it is unknown or outside scope.
async fn unit_field(
    db: &impl ConnectionTrait,
    user: &CurrentUser,
    v: &mut Validator,
    field: &str,
    id: OrgUnitId,
) -> AppResult<Option<org_unit::Model>> {
    match org_units::find_visible(db, user, id).await {
        Ok(unit) => Ok(Some(unit)),
        Err(AppError::NotFound) => {
            v.add(field, "单位不存在或不在您的管辖范围");
            Ok(None)
        }
        Err(e) => Err(e),
    }
}

/// Checks that every household exists in the caller's scope; the ids deduplicated.
async fn households_field(
    db: &impl ConnectionTrait,
    user: &CurrentUser,
    v: &mut Validator,
    ids: &[HouseholdId],
) -> AppResult<Vec<i64>> {
    let mut wanted: Vec<i64> = ids.iter().map(|h| h.0).collect();
    wanted.sort_unstable();
    wanted.dedup();
    let mut found = HashSet::new();
    for chunk in wanted.chunks(1_000) {
        for h in household::Entity::find().filter(household::Column::Id.is_in(chunk.to_vec())).all(db).await? {
            if user.sees(&h.org_path) {
                found.insert(h.id);
            }
        }
    }
    let missing: Vec<String> = wanted.iter().filter(|id| !found.contains(id)).map(i64::to_string).collect();
    if !missing.is_empty() {
        v.add("household_ids", format!("以下农户不存在或不在您的管辖范围：{}", missing.join("、")));
    }
    Ok(wanted)
}

/// The condition "placed in `unit`'s subtree" on a table with an `org_path` column.
fn under<C: ColumnTrait>(path_column: C, unit: &org_unit::Model) -> SimpleExpr {
    path_column.starts_with(&unit.path)
}

// ---- the subsidy menu ----

fn menu_dto(m: &subsidy_menu_item::Model) -> SubsidyMenuItemDto {
    SubsidyMenuItemDto {
        id: SubsidyMenuItemId(m.id),
        year: m.year,
        name: m.name.clone(),
        unit: m.unit.clone(),
        standard_fen: Fen(m.standard_fen),
        cap_fen: m.cap_fen.map(Fen),
        version: m.version,
    }
}

pub async fn menu(
    db: &impl ConnectionTrait,
    user: &CurrentUser,
    query: SubsidyMenuQuery,
) -> AppResult<Vec<SubsidyMenuItemDto>> {
    user.require(FUND_READERS)?;
    let mut select = subsidy_menu_item::Entity::find()
        .order_by_desc(subsidy_menu_item::Column::Year)
        .order_by_asc(subsidy_menu_item::Column::Id);
    if let Some(year) = query.year {
        select = select.filter(subsidy_menu_item::Column::Year.eq(year));
    }
    Ok(select.all(db).await?.iter().map(menu_dto).collect())
}

async fn check_menu_input(
    db: &impl ConnectionTrait,
    input: &SubsidyMenuInput,
    except: Option<i64>,
) -> AppResult<(String, String)> {
    let mut v = Validator::new();
    check_year(&mut v, input.year);
    let name = required_text(&mut v, "name", &input.name, 64, "项目名称");
    let unit = required_text(&mut v, "unit", &input.unit, 16, "计量单位");
    if input.standard_fen.0 <= 0 {
        v.add("standard_fen", "补助标准须大于 0");
    }
    if input.cap_fen.is_some_and(|c| c.0 <= 0) {
        v.add("cap_fen", "每户上限须大于 0");
    }
    let same = subsidy_menu_item::Entity::find()
        .filter(subsidy_menu_item::Column::Year.eq(input.year))
        .filter(subsidy_menu_item::Column::Name.eq(name.as_str()))
        .one(db)
        .await?;
    if same.is_some_and(|s| Some(s.id) != except) {
        v.add("name", format!("{} 年菜单中已有“{name}”", input.year));
    }
    v.finish()?;
    Ok((name, unit))
}

pub async fn create_menu_item(
    db: &DatabaseConnection,
    user: &CurrentUser,
    input: SubsidyMenuInput,
) -> AppResult<SubsidyMenuItemDto> {
    user.require(FUND_WRITERS)?;
    let (name, unit) = check_menu_input(db, &input, None).await?;
    let txn = db.begin().await?;
    let row = subsidy_menu_item::ActiveModel {
        year: Set(input.year),
        name: Set(name),
        unit: Set(unit),
        standard_fen: Set(input.standard_fen.0),
        cap_fen: Set(input.cap_fen.map(|c| c.0)),
        version: Set(1),
        created_at: Set(Utc::now()),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    let dto = menu_dto(&row);
    audit::record(&txn, Some(user), Event::new("create", "subsidy_menu_item", row.id).after(&dto)).await?;
    txn.commit().await?;
    Ok(dto)
}

/// Changes a menu entry; subsidies already paid keep their amounts.
pub async fn update_menu_item(
    db: &DatabaseConnection,
    user: &CurrentUser,
    id: SubsidyMenuItemId,
    input: SubsidyMenuInput,
) -> AppResult<SubsidyMenuItemDto> {
    user.require(FUND_WRITERS)?;
    let txn = db.begin().await?;
    let current = subsidy_menu_item::Entity::find_by_id(id.0).one(&txn).await?.ok_or(AppError::NotFound)?;
    if input.version != Some(current.version) {
        return Err(AppError::stale());
    }
    let (name, unit) = check_menu_input(&txn, &input, Some(current.id)).await?;
    let mut row: subsidy_menu_item::ActiveModel = current.clone().into();
    row.year = Set(input.year);
    row.name = Set(name);
    row.unit = Set(unit);
    row.standard_fen = Set(input.standard_fen.0);
    row.cap_fen = Set(input.cap_fen.map(|c| c.0));
    row.version = Set(current.version + 1);
    let updated = row.update(&txn).await?;
    let dto = menu_dto(&updated);
    audit::record(
        &txn,
        Some(user),
        Event::new("update", "subsidy_menu_item", id.0).before(&menu_dto(&current)).after(&dto),
    )
    .await?;
    txn.commit().await?;
    Ok(dto)
}

pub async fn delete_menu_item(db: &DatabaseConnection, user: &CurrentUser, id: SubsidyMenuItemId) -> AppResult<()> {
    user.require(FUND_WRITERS)?;
    let txn = db.begin().await?;
    let current = subsidy_menu_item::Entity::find_by_id(id.0).one(&txn).await?.ok_or(AppError::NotFound)?;
    if industry_subsidy::Entity::find().filter(industry_subsidy::Column::ItemId.eq(id.0)).one(&txn).await?.is_some() {
        return Err(in_use("该菜单项目"));
    }
    subsidy_menu_item::Entity::delete_by_id(id.0).exec(&txn).await?;
    audit::record(&txn, Some(user), Event::new("delete", "subsidy_menu_item", id.0).before(&menu_dto(&current)))
        .await?;
    txn.commit().await?;
    Ok(())
}

// ---- industry subsidies ----

fn subsidy_dto(
    s: &industry_subsidy::Model,
    households: &HashMap<i64, household::Model>,
    items: &HashMap<i64, subsidy_menu_item::Model>,
) -> IndustrySubsidyDto {
    let h = households.get(&s.household_id);
    let item = items.get(&s.item_id);
    IndustrySubsidyDto {
        id: IndustrySubsidyId(s.id),
        household_id: HouseholdId(s.household_id),
        household_number: h.map(|h| h.number.clone()).unwrap_or_default(),
        head_name: h.map(|h| h.head_name.clone()).unwrap_or_default(),
        item_id: SubsidyMenuItemId(s.item_id),
        item_name: item.map(|i| i.name.clone()).unwrap_or_default(),
        unit: item.map(|i| i.unit.clone()).unwrap_or_default(),
        year: s.year,
        quantity: Quantity::from_hundredths(s.quantity),
        amount_fen: Fen(s.amount_fen),
        capped: s.capped,
        note: s.note.clone(),
    }
}

async fn subsidy_dtos(
    db: &impl ConnectionTrait,
    rows: &[industry_subsidy::Model],
) -> AppResult<Vec<IndustrySubsidyDto>> {
    let household_ids: Vec<i64> = rows.iter().map(|s| s.household_id).collect::<HashSet<_>>().into_iter().collect();
    let item_ids: Vec<i64> = rows.iter().map(|s| s.item_id).collect::<HashSet<_>>().into_iter().collect();
    let households: HashMap<i64, household::Model> = household::Entity::find()
        .filter(household::Column::Id.is_in(household_ids))
        .all(db)
        .await?
        .into_iter()
        .map(|h| (h.id, h))
        .collect();
    let items: HashMap<i64, subsidy_menu_item::Model> = subsidy_menu_item::Entity::find()
        .filter(subsidy_menu_item::Column::Id.is_in(item_ids))
        .all(db)
        .await?
        .into_iter()
        .map(|i| (i.id, i))
        .collect();
    Ok(rows.iter().map(|s| subsidy_dto(s, &households, &items)).collect())
}

/// The subsidies in the caller's subtree (or a unit inside it), newest first.
pub async fn subsidies(
    db: &impl ConnectionTrait,
    user: &CurrentUser,
    query: IndustrySubsidyQuery,
) -> AppResult<Page<IndustrySubsidyDto>> {
    user.require(FUND_READERS)?;
    let unit = org_units::scope_unit(db, user, query.org_unit_id).await?;
    let mut select = industry_subsidy::Entity::find().filter(match unit.level {
        OrgLevel::Village => industry_subsidy::Column::VillageId.eq(unit.id),
        OrgLevel::Township => industry_subsidy::Column::TownshipId.eq(unit.id),
        OrgLevel::District => under(industry_subsidy::Column::OrgPath, &unit),
    });
    if let Some(year) = query.year {
        select = select.filter(industry_subsidy::Column::Year.eq(year));
    }
    if let Some(h) = query.household_id {
        select = select.filter(industry_subsidy::Column::HouseholdId.eq(h.0));
    }
    if let Some(item) = query.item_id {
        select = select.filter(industry_subsidy::Column::ItemId.eq(item.0));
    }
    let select = select.order_by_desc(industry_subsidy::Column::Id);
    let page = paginate(db, select, PageQuery { page: query.page, per_page: query.per_page }, |s| s).await?;
    let items = subsidy_dtos(db, &page.items).await?;
    Ok(Page { items, total: page.total, page: page.page, per_page: page.per_page, total_exact: page.total_exact })
}

/// What a subsidy of `quantity` of `item` pays a household that has had `earlier` fen of the
/// same item: quantity × standard, lowered to what the cap leaves; the amount and whether the
/// cap lowered it, or the field and message of why nothing can be paid.
pub fn subsidy_amount(
    quantity: Quantity,
    item: &subsidy_menu_item::Model,
    earlier: i64,
) -> Result<(i64, bool), (&'static str, String)> {
    let full = quantity.times(Fen(item.standard_fen)).ok_or(("quantity", "数量过大".to_owned()))?;
    match item.cap_fen {
        Some(cap) if cap - earlier <= 0 => {
            Err(("item_id", format!("本户“{}”补助已达每户上限 {} 元", item.name, Fen(cap).to_yuan_string())))
        }
        Some(cap) if full.0 > cap - earlier => Ok((cap - earlier, true)),
        _ => Ok((full.0, false)),
    }
}

/// Pays a subsidy from the menu: amount = quantity × standard, lowered to what the item's cap
/// per household leaves after the household's earlier subsidies of the same item.
pub async fn create_subsidy(
    db: &DatabaseConnection,
    user: &CurrentUser,
    input: CreateIndustrySubsidy,
) -> AppResult<IndustrySubsidyDto> {
    user.require(WRITERS)?;
    let txn = db.begin().await?;
    let mut v = Validator::new();
    let household = match households::find_visible(&txn, user, input.household_id).await {
        Ok(h) if matches!(h.status, HouseholdStatus::Registered | HouseholdStatus::Exited) => Some(h),
        Ok(_) => {
            v.add("household_id", "只有在册（未脱贫或已脱贫）的农户可享受产业补助");
            None
        }
        Err(AppError::NotFound) => {
            v.add("household_id", "农户不存在");
            None
        }
        Err(e) => return Err(e),
    };
    let item = subsidy_menu_item::Entity::find_by_id(input.item_id.0).one(&txn).await?;
    if item.is_none() {
        v.add("item_id", "请从补助菜单中选择项目");
    }
    if input.quantity.hundredths() <= 0 {
        v.add("quantity", "数量须大于 0");
    }
    let note = input.note.as_deref().map(str::trim).filter(|n| !n.is_empty()).map(str::to_owned);
    if note.as_ref().is_some_and(|n| n.chars().count() > 255) {
        v.add("note", "备注最多 255 个字");
    }
    let mut amount = 0;
    let mut capped = false;
    if let (Some(h), Some(item)) = (&household, &item)
        && input.quantity.hundredths() > 0
    {
        let earlier: i64 = match item.cap_fen {
            Some(_) => industry_subsidy::Entity::find()
                .filter(industry_subsidy::Column::HouseholdId.eq(h.id))
                .filter(industry_subsidy::Column::ItemId.eq(item.id))
                .all(&txn)
                .await?
                .iter()
                .map(|s| s.amount_fen)
                .sum(),
            None => 0,
        };
        match subsidy_amount(input.quantity, item, earlier) {
            Ok((a, c)) => (amount, capped) = (a, c),
            Err((field, message)) => v.add(field, message),
        }
    }
    v.finish()?;
    let (Some(h), Some(item)) = (household, item) else {
        return Err(AppError::Internal("validated values missing".to_owned()));
    };
    let row = industry_subsidy::ActiveModel {
        household_id: Set(h.id),
        village_id: Set(h.village_id),
        township_id: Set(h.township_id),
        org_path: Set(h.org_path.clone()),
        item_id: Set(item.id),
        year: Set(item.year),
        quantity: Set(input.quantity.hundredths()),
        amount_fen: Set(amount),
        capped: Set(capped),
        note: Set(note),
        created_at: Set(Utc::now()),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    let dto = subsidy_dto(&row, &HashMap::from([(h.id, h)]), &HashMap::from([(item.id, item)]));
    audit::record(&txn, Some(user), Event::new("create", "industry_subsidy", row.id).after(&dto)).await?;
    txn.commit().await?;
    Ok(dto)
}

pub async fn delete_subsidy(db: &DatabaseConnection, user: &CurrentUser, id: IndustrySubsidyId) -> AppResult<()> {
    user.require(WRITERS)?;
    let txn = db.begin().await?;
    let row = industry_subsidy::Entity::find_by_id(id.0)
        .one(&txn)
        .await?
        .filter(|s| user.sees(&s.org_path))
        .ok_or(AppError::NotFound)?;
    let before = subsidy_dtos(&txn, std::slice::from_ref(&row)).await?;
    industry_subsidy::Entity::delete_by_id(row.id).exec(&txn).await?;
    audit::record(&txn, Some(user), Event::new("delete", "industry_subsidy", row.id).before(&before)).await?;
    txn.commit().await?;
    Ok(())
}

// ---- saving records with linked households or villages ----

/// 409 when a record being replaced is no longer at the version the caller read.
fn check_version(current: Option<i32>, sent: Option<i32>) -> AppResult<()> {
    match current {
        Some(version) if sent != Some(version) => Err(AppError::stale()),
        _ => Ok(()),
    }
}

/// The id of a row `save` just wrote.
fn saved_id(id: &sea_orm::ActiveValue<i64>) -> AppResult<i64> {
    match id {
        sea_orm::ActiveValue::Set(id) | sea_orm::ActiveValue::Unchanged(id) => Ok(*id),
        sea_orm::ActiveValue::NotSet => Err(AppError::Internal("saved row without id".to_owned())),
    }
}

/// Replaces the rows of link table `L` whose `owner` column is `owner_id` with `rows`.
async fn replace_links<L>(
    db: &impl ConnectionTrait,
    owner: L::Column,
    owner_id: i64,
    rows: Vec<L::ActiveModel>,
) -> AppResult<()>
where
    L: EntityTrait,
    L::ActiveModel: ActiveModelTrait<Entity = L> + Send,
{
    L::delete_many().filter(owner.eq(owner_id)).exec(db).await?;
    crate::services::bulk::insert(db, rows).await
}

/// The audit event of a save: a create when there was nothing before, else an update.
fn save_event<'a>(entity: &'a str, id: i64, before: Option<&impl Serialize>, after: &impl Serialize) -> Event<'a> {
    let event = Event::new(if before.is_some() { "update" } else { "create" }, entity, id);
    match before {
        Some(b) => event.before(b).after(after),
        None => event.after(after),
    }
}

/// The only element of a one-row answer.
fn single<T>(mut items: Vec<T>) -> AppResult<T> {
    items.pop().ok_or(AppError::NotFound)
}

/// Pairs of (owner, linked id) from a link table, for the owners `ids`, in linked-id order.
async fn links<L>(
    db: &impl ConnectionTrait,
    owner: L::Column,
    linked: L::Column,
    ids: Vec<i64>,
) -> AppResult<HashMap<i64, Vec<i64>>>
where
    L: EntityTrait,
{
    let pairs: Vec<(i64, i64)> = L::find()
        .select_only()
        .column(owner)
        .column(linked)
        .filter(owner.is_in(ids))
        .order_by_asc(linked)
        .into_tuple()
        .all(db)
        .await?;
    let mut out: HashMap<i64, Vec<i64>> = HashMap::new();
    for (o, l) in pairs {
        out.entry(o).or_default().push(l);
    }
    Ok(out)
}

// ---- business entities ----

/// The DTOs of `rows` with their households, in three queries whatever the number of rows.
async fn entity_dtos(db: &impl ConnectionTrait, rows: &[business_entity::Model]) -> AppResult<Vec<BusinessEntityDto>> {
    let ids = rows.iter().map(|e| e.id).collect();
    let households = links::<business_entity_household::Entity>(
        db,
        business_entity_household::Column::EntityId,
        business_entity_household::Column::HouseholdId,
        ids,
    )
    .await?;
    let units = org_units::by_ids(db, rows.iter().map(|e| e.org_unit_id).collect()).await?;
    Ok(rows
        .iter()
        .map(|e| BusinessEntityDto {
            id: BusinessEntityId(e.id),
            name: e.name.clone(),
            kind: e.kind,
            org_unit: org_units::unit_ref(&units, e.org_unit_id),
            industry: e.industry.clone(),
            household_ids: households.get(&e.id).into_iter().flatten().map(|h| HouseholdId(*h)).collect(),
            version: e.version,
        })
        .collect())
}

async fn find_entity(
    db: &impl ConnectionTrait,
    user: &CurrentUser,
    id: BusinessEntityId,
) -> AppResult<business_entity::Model> {
    business_entity::Entity::find_by_id(id.0)
        .one(db)
        .await?
        .filter(|e| user.sees(&e.org_path))
        .ok_or(AppError::NotFound)
}

pub async fn entity(
    db: &impl ConnectionTrait,
    user: &CurrentUser,
    id: BusinessEntityId,
) -> AppResult<BusinessEntityDto> {
    user.require(FUND_READERS)?;
    single(entity_dtos(db, &[find_entity(db, user, id).await?]).await?)
}

pub async fn entities(
    db: &impl ConnectionTrait,
    user: &CurrentUser,
    query: BusinessEntityQuery,
) -> AppResult<Page<BusinessEntityDto>> {
    user.require(FUND_READERS)?;
    let unit = org_units::scope_unit(db, user, query.org_unit_id).await?;
    let mut select = business_entity::Entity::find().filter(under(business_entity::Column::OrgPath, &unit));
    if let Some(kind) = query.kind {
        select = select.filter(business_entity::Column::Kind.eq(kind));
    }
    if let Some(q) = query.q.as_deref().map(str::trim).filter(|q| !q.is_empty()) {
        select = select.filter(business_entity::Column::Name.contains(q));
    }
    let page = paginate(
        db,
        select.order_by_asc(business_entity::Column::Id),
        PageQuery { page: query.page, per_page: query.per_page },
        |e| e,
    )
    .await?;
    let items = entity_dtos(db, &page.items).await?;
    Ok(Page { items, total: page.total, page: page.page, per_page: page.per_page, total_exact: page.total_exact })
}

/// Creates (`id` none) or replaces a business entity with its driven households.
pub async fn save_entity(
    db: &DatabaseConnection,
    user: &CurrentUser,
    id: Option<BusinessEntityId>,
    input: BusinessEntityInput,
) -> AppResult<BusinessEntityDto> {
    user.require(FUND_WRITERS)?;
    let txn = db.begin().await?;
    let current = match id {
        Some(id) => Some(find_entity(&txn, user, id).await?),
        None => None,
    };
    check_version(current.as_ref().map(|c| c.version), input.version)?;
    let mut v = Validator::new();
    let name = required_text(&mut v, "name", &input.name, 128, "名称");
    if input.industry.chars().count() > 64 {
        v.add("industry", "主导产业最多 64 个字");
    }
    let unit = unit_field(&txn, user, &mut v, "org_unit_id", input.org_unit_id).await?;
    let households = households_field(&txn, user, &mut v, &input.household_ids).await?;
    v.finish()?;
    let place = placement(&unit.ok_or_else(|| AppError::Internal("validated unit missing".to_owned()))?);
    let before = match &current {
        Some(c) => Some(single(entity_dtos(&txn, std::slice::from_ref(c)).await?)?),
        None => None,
    };
    let mut row = match &current {
        Some(c) => c.clone().into(),
        None => business_entity::ActiveModel { created_at: Set(Utc::now()), ..Default::default() },
    };
    row.name = Set(name);
    row.kind = Set(input.kind);
    row.industry = Set(input.industry.trim().to_owned());
    row.org_unit_id = Set(place.org_unit_id);
    row.org_path = Set(place.org_path);
    row.township_id = Set(place.township_id);
    row.village_id = Set(place.village_id);
    row.version = Set(current.as_ref().map_or(1, |c| c.version + 1));
    let saved = saved_id(&row.save(&txn).await?.id)?;
    let rows = households
        .iter()
        .map(|h| business_entity_household::ActiveModel { entity_id: Set(saved), household_id: Set(*h) })
        .collect();
    replace_links::<business_entity_household::Entity>(&txn, business_entity_household::Column::EntityId, saved, rows)
        .await?;
    let dto = entity(&txn, user, BusinessEntityId(saved)).await?;
    audit::record(&txn, Some(user), save_event("business_entity", saved, before.as_ref(), &dto)).await?;
    txn.commit().await?;
    Ok(dto)
}

pub async fn delete_entity(db: &DatabaseConnection, user: &CurrentUser, id: BusinessEntityId) -> AppResult<()> {
    user.require(FUND_WRITERS)?;
    let txn = db.begin().await?;
    let e = find_entity(&txn, user, id).await?;
    let before = single(entity_dtos(&txn, std::slice::from_ref(&e)).await?)?;
    replace_links::<business_entity_household::Entity>(
        &txn,
        business_entity_household::Column::EntityId,
        e.id,
        Vec::new(),
    )
    .await?;
    business_entity::Entity::delete_by_id(e.id).exec(&txn).await?;
    audit::record(&txn, Some(user), Event::new("delete", "business_entity", e.id).before(&before)).await?;
    txn.commit().await?;
    Ok(())
}

// ---- photovoltaic stations ----

/// The DTOs of `rows` with their villages and dividend totals, in four queries whatever the
/// number of rows.
async fn station_dtos(db: &impl ConnectionTrait, rows: &[pv_station::Model]) -> AppResult<Vec<PvStationDto>> {
    let ids: Vec<i64> = rows.iter().map(|s| s.id).collect();
    let villages = links::<pv_station_village::Entity>(
        db,
        pv_station_village::Column::StationId,
        pv_station_village::Column::VillageId,
        ids.clone(),
    )
    .await?;
    let totals = Query::select()
        .column(pv_dividend::Column::StationId)
        .expr_as(Expr::cust("CAST(SUM(amount_fen) AS BIGINT)"), Alias::new("fen"))
        .expr_as(Expr::cust("COUNT(DISTINCT household_id)"), Alias::new("households"))
        .from(pv_dividend::Entity)
        .and_where(pv_dividend::Column::StationId.is_in(ids))
        .group_by_col(pv_dividend::Column::StationId)
        .to_owned();
    let mut dividends: HashMap<i64, (i64, i64)> = HashMap::new();
    for row in db.query_all(&totals).await? {
        dividends.insert(row.try_get("", "station_id")?, (row.try_get("", "fen")?, row.try_get("", "households")?));
    }
    let unit_ids = rows.iter().map(|s| s.org_unit_id).chain(villages.values().flatten().copied()).collect();
    let units = org_units::by_ids(db, unit_ids).await?;
    Ok(rows
        .iter()
        .map(|s| {
            let (fen, households) = dividends.get(&s.id).copied().unwrap_or_default();
            PvStationDto {
                id: PvStationId(s.id),
                name: s.name.clone(),
                org_unit: org_units::unit_ref(&units, s.org_unit_id),
                capacity_kw: s.capacity_kw,
                villages: villages.get(&s.id).into_iter().flatten().map(|v| org_units::unit_ref(&units, *v)).collect(),
                grid_connected_on: s.grid_connected_on,
                dividends_fen: Fen(fen),
                dividend_households: u64::try_from(households).unwrap_or(0),
                version: s.version,
            }
        })
        .collect())
}

async fn find_station(db: &impl ConnectionTrait, user: &CurrentUser, id: PvStationId) -> AppResult<pv_station::Model> {
    pv_station::Entity::find_by_id(id.0).one(db).await?.filter(|s| user.sees(&s.org_path)).ok_or(AppError::NotFound)
}

pub async fn station(db: &impl ConnectionTrait, user: &CurrentUser, id: PvStationId) -> AppResult<PvStationDto> {
    user.require(FUND_READERS)?;
    single(station_dtos(db, &[find_station(db, user, id).await?]).await?)
}

pub async fn stations(
    db: &impl ConnectionTrait,
    user: &CurrentUser,
    query: PvStationQuery,
) -> AppResult<Page<PvStationDto>> {
    user.require(FUND_READERS)?;
    let unit = org_units::scope_unit(db, user, query.org_unit_id).await?;
    let mut select = pv_station::Entity::find().filter(under(pv_station::Column::OrgPath, &unit));
    match query.grid_connected {
        Some(true) => select = select.filter(pv_station::Column::GridConnectedOn.is_not_null()),
        Some(false) => select = select.filter(pv_station::Column::GridConnectedOn.is_null()),
        None => {}
    }
    let page = paginate(
        db,
        select.order_by_asc(pv_station::Column::Id),
        PageQuery { page: query.page, per_page: query.per_page },
        |s| s,
    )
    .await?;
    let items = station_dtos(db, &page.items).await?;
    Ok(Page { items, total: page.total, page: page.page, per_page: page.per_page, total_exact: page.total_exact })
}

/// Creates (`id` none) or replaces a station with the villages that share its income.
pub async fn save_station(
    db: &DatabaseConnection,
    user: &CurrentUser,
    id: Option<PvStationId>,
    input: PvStationInput,
) -> AppResult<PvStationDto> {
    user.require(FUND_WRITERS)?;
    let txn = db.begin().await?;
    let current = match id {
        Some(id) => Some(find_station(&txn, user, id).await?),
        None => None,
    };
    check_version(current.as_ref().map(|c| c.version), input.version)?;
    let mut v = Validator::new();
    let name = required_text(&mut v, "name", &input.name, 128, "电站名称");
    if !(1..=1_000_000).contains(&input.capacity_kw) {
        v.add("capacity_kw", "装机容量须在 1 到 1,000,000 千瓦之间");
    }
    if input.grid_connected_on.is_some_and(|d| d > Utc::now().date_naive()) {
        v.add("grid_connected_on", "并网日期不能晚于今天");
    }
    let unit = unit_field(&txn, user, &mut v, "org_unit_id", input.org_unit_id).await?;
    let mut villages: Vec<i64> = input.village_ids.iter().map(|v| v.0).collect();
    villages.sort_unstable();
    villages.dedup();
    for village in &villages {
        match org_units::find_visible(&txn, user, OrgUnitId(*village)).await {
            Ok(u) if u.level == OrgLevel::Village => {}
            Ok(_) | Err(AppError::NotFound) => {
                v.add("village_ids", format!("{village} 不是您管辖范围内的村"));
            }
            Err(e) => return Err(e),
        }
    }
    v.finish()?;
    let place = placement(&unit.ok_or_else(|| AppError::Internal("validated unit missing".to_owned()))?);
    let before = match &current {
        Some(c) => Some(single(station_dtos(&txn, std::slice::from_ref(c)).await?)?),
        None => None,
    };
    let mut row = match &current {
        Some(c) => c.clone().into(),
        None => pv_station::ActiveModel { created_at: Set(Utc::now()), ..Default::default() },
    };
    row.name = Set(name);
    row.capacity_kw = Set(input.capacity_kw);
    row.grid_connected_on = Set(input.grid_connected_on);
    row.org_unit_id = Set(place.org_unit_id);
    row.org_path = Set(place.org_path);
    row.township_id = Set(place.township_id);
    row.village_id = Set(place.village_id);
    row.version = Set(current.as_ref().map_or(1, |c| c.version + 1));
    let saved = saved_id(&row.save(&txn).await?.id)?;
    let rows = villages
        .iter()
        .map(|v| pv_station_village::ActiveModel { station_id: Set(saved), village_id: Set(*v) })
        .collect();
    replace_links::<pv_station_village::Entity>(&txn, pv_station_village::Column::StationId, saved, rows).await?;
    let dto = station(&txn, user, PvStationId(saved)).await?;
    audit::record(&txn, Some(user), save_event("pv_station", saved, before.as_ref(), &dto)).await?;
    txn.commit().await?;
    Ok(dto)
}

/// Deletes a station without dividends; 409 otherwise.
pub async fn delete_station(db: &DatabaseConnection, user: &CurrentUser, id: PvStationId) -> AppResult<()> {
    user.require(FUND_WRITERS)?;
    let txn = db.begin().await?;
    let s = find_station(&txn, user, id).await?;
    if pv_dividend::Entity::find().filter(pv_dividend::Column::StationId.eq(s.id)).one(&txn).await?.is_some() {
        return Err(in_use("该电站"));
    }
    let before = single(station_dtos(&txn, std::slice::from_ref(&s)).await?)?;
    replace_links::<pv_station_village::Entity>(&txn, pv_station_village::Column::StationId, s.id, Vec::new()).await?;
    pv_station::Entity::delete_by_id(s.id).exec(&txn).await?;
    audit::record(&txn, Some(user), Event::new("delete", "pv_station", s.id).before(&before)).await?;
    txn.commit().await?;
    Ok(())
}

fn dividend_dto(d: &pv_dividend::Model) -> PvDividendDto {
    PvDividendDto {
        id: PvDividendId(d.id),
        station_id: PvStationId(d.station_id),
        household_id: HouseholdId(d.household_id),
        amount_fen: Fen(d.amount_fen),
        paid_on: d.paid_on,
    }
}

pub async fn dividends(
    db: &impl ConnectionTrait,
    user: &CurrentUser,
    id: PvStationId,
) -> AppResult<Vec<PvDividendDto>> {
    user.require(FUND_READERS)?;
    let s = find_station(db, user, id).await?;
    let rows = pv_dividend::Entity::find()
        .filter(pv_dividend::Column::StationId.eq(s.id))
        .order_by_asc(pv_dividend::Column::PaidOn)
        .order_by_asc(pv_dividend::Column::Id)
        .all(db)
        .await?;
    Ok(rows.iter().map(dividend_dto).collect())
}

/// Pays a dividend to a household of one of the station's villages, once it is connected.
pub async fn add_dividend(
    db: &DatabaseConnection,
    user: &CurrentUser,
    id: PvStationId,
    input: CreatePvDividend,
) -> AppResult<PvDividendDto> {
    user.require(FUND_WRITERS)?;
    let txn = db.begin().await?;
    let s = find_station(&txn, user, id).await?;
    let mut v = Validator::new();
    match s.grid_connected_on {
        None => v.add("paid_on", "电站尚未并网，不能分红"),
        Some(on) if input.paid_on < on => v.add("paid_on", format!("分红日期不能早于并网日期 {on}")),
        Some(_) => {}
    }
    if input.paid_on > Utc::now().date_naive() {
        v.add("paid_on", "日期不能晚于今天");
    }
    if input.amount_fen.0 <= 0 {
        v.add("amount_fen", "金额须大于 0");
    }
    match households::find_visible(&txn, user, input.household_id).await {
        Ok(h) => {
            let shares = pv_station_village::Entity::find()
                .filter(pv_station_village::Column::StationId.eq(s.id))
                .filter(pv_station_village::Column::VillageId.eq(h.village_id))
                .one(&txn)
                .await?;
            if shares.is_none() {
                v.add("household_id", "该户所在村不在本电站的受益村中");
            }
        }
        Err(AppError::NotFound) => v.add("household_id", "农户不存在"),
        Err(e) => return Err(e),
    }
    v.finish()?;
    let row = pv_dividend::ActiveModel {
        station_id: Set(s.id),
        household_id: Set(input.household_id.0),
        amount_fen: Set(input.amount_fen.0),
        paid_on: Set(input.paid_on),
        created_at: Set(Utc::now()),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    let dto = dividend_dto(&row);
    audit::record(&txn, Some(user), Event::new("create", "pv_dividend", row.id).after(&dto)).await?;
    txn.commit().await?;
    Ok(dto)
}

// ---- asset-income investments ----

/// The DTOs of `rows` with their beneficiaries, in three queries whatever the number of rows.
async fn asset_dtos(db: &impl ConnectionTrait, rows: &[asset_investment::Model]) -> AppResult<Vec<AssetInvestmentDto>> {
    let households = links::<asset_investment_household::Entity>(
        db,
        asset_investment_household::Column::InvestmentId,
        asset_investment_household::Column::HouseholdId,
        rows.iter().map(|a| a.id).collect(),
    )
    .await?;
    let units = org_units::by_ids(db, rows.iter().map(|a| a.org_unit_id).collect()).await?;
    Ok(rows
        .iter()
        .map(|a| AssetInvestmentDto {
            id: a.id,
            year: a.year,
            name: a.name.clone(),
            sector: a.sector.clone(),
            org_unit: org_units::unit_ref(&units, a.org_unit_id),
            amount_fen: Fen(a.amount_fen),
            household_ids: households.get(&a.id).into_iter().flatten().map(|h| HouseholdId(*h)).collect(),
            version: a.version,
        })
        .collect())
}

async fn find_asset(db: &impl ConnectionTrait, user: &CurrentUser, id: i64) -> AppResult<asset_investment::Model> {
    asset_investment::Entity::find_by_id(id).one(db).await?.filter(|a| user.sees(&a.org_path)).ok_or(AppError::NotFound)
}

pub async fn assets(
    db: &impl ConnectionTrait,
    user: &CurrentUser,
    query: RatesQuery,
) -> AppResult<Vec<AssetInvestmentDto>> {
    user.require(FUND_READERS)?;
    let unit = org_units::scope_unit(db, user, query.org_unit_id).await?;
    let rows = asset_investment::Entity::find()
        .filter(under(asset_investment::Column::OrgPath, &unit))
        .filter(asset_investment::Column::Year.eq(query.year))
        .order_by_asc(asset_investment::Column::Id)
        .all(db)
        .await?;
    asset_dtos(db, &rows).await
}

/// Creates (`id` none) or replaces an asset-income investment with its beneficiaries.
pub async fn save_asset(
    db: &DatabaseConnection,
    user: &CurrentUser,
    id: Option<i64>,
    input: AssetInvestmentInput,
) -> AppResult<AssetInvestmentDto> {
    user.require(FUND_WRITERS)?;
    let txn = db.begin().await?;
    let current = match id {
        Some(id) => Some(find_asset(&txn, user, id).await?),
        None => None,
    };
    check_version(current.as_ref().map(|c| c.version), input.version)?;
    let mut v = Validator::new();
    check_year(&mut v, input.year);
    let name = required_text(&mut v, "name", &input.name, 128, "名称");
    let sector = required_text(&mut v, "sector", &input.sector, 32, "投向产业");
    if input.amount_fen.0 <= 0 {
        v.add("amount_fen", "金额须大于 0");
    }
    let unit = unit_field(&txn, user, &mut v, "org_unit_id", input.org_unit_id).await?;
    let households = households_field(&txn, user, &mut v, &input.household_ids).await?;
    v.finish()?;
    let place = placement(&unit.ok_or_else(|| AppError::Internal("validated unit missing".to_owned()))?);
    let before = match &current {
        Some(c) => Some(single(asset_dtos(&txn, std::slice::from_ref(c)).await?)?),
        None => None,
    };
    let mut row = match &current {
        Some(c) => c.clone().into(),
        None => asset_investment::ActiveModel { created_at: Set(Utc::now()), ..Default::default() },
    };
    row.year = Set(input.year);
    row.name = Set(name);
    row.sector = Set(sector);
    row.amount_fen = Set(input.amount_fen.0);
    row.org_unit_id = Set(place.org_unit_id);
    row.org_path = Set(place.org_path);
    row.township_id = Set(place.township_id);
    row.village_id = Set(place.village_id);
    row.version = Set(current.as_ref().map_or(1, |c| c.version + 1));
    let saved = saved_id(&row.save(&txn).await?.id)?;
    let rows = households
        .iter()
        .map(|h| asset_investment_household::ActiveModel { investment_id: Set(saved), household_id: Set(*h) })
        .collect();
    replace_links::<asset_investment_household::Entity>(
        &txn,
        asset_investment_household::Column::InvestmentId,
        saved,
        rows,
    )
    .await?;
    let dto = single(asset_dtos(&txn, &[find_asset(&txn, user, saved).await?]).await?)?;
    audit::record(&txn, Some(user), save_event("asset_investment", saved, before.as_ref(), &dto)).await?;
    txn.commit().await?;
    Ok(dto)
}

// ---- figures ----

/// A single count from `query` (aliased `n`).
async fn count(db: &impl ConnectionTrait, query: &sea_orm::sea_query::SelectStatement) -> AppResult<u64> {
    let row = db.query_one(query).await?;
    let n: i64 = match row {
        Some(row) => row.try_get::<Option<i64>>("", "n")?.unwrap_or(0),
        None => 0,
    };
    Ok(u64::try_from(n).unwrap_or(0))
}

/// `COUNT(DISTINCT household_id)` of a link table whose owners lie under `unit`.
fn distinct_households(
    link: impl sea_orm::sea_query::IntoTableRef,
    link_owner: &str,
    owner: impl sea_orm::sea_query::IntoTableRef + Clone,
    unit: &org_unit::Model,
    year: Option<i32>,
) -> sea_orm::sea_query::SelectStatement {
    let mut inner = Query::select();
    inner
        .column(Alias::new("id"))
        .from(owner)
        .and_where(Expr::col(Alias::new("org_path")).like(format!("{}%", unit.path)));
    if let Some(year) = year {
        inner.and_where(Expr::col(Alias::new("year")).eq(year));
    }
    Query::select()
        .expr_as(Expr::cust("COUNT(DISTINCT household_id)"), Alias::new("n"))
        .from(link)
        .and_where(Expr::col(Alias::new(link_owner)).in_subquery(inner.to_owned()))
        .to_owned()
}

/// The year's industry figures for the caller's subtree or a unit inside it. Households count
/// when on file (registered or exited).
pub async fn summary(db: &impl ConnectionTrait, user: &CurrentUser, query: RatesQuery) -> AppResult<IndustrySummary> {
    user.require(FUND_READERS)?;
    let unit = org_units::scope_unit(db, user, query.org_unit_id).await?;
    let year = query.year;
    let mut s = IndustrySummary {
        villages: org_unit::Entity::find()
            .filter(org_unit::Column::Path.starts_with(&unit.path))
            .filter(org_unit::Column::Level.eq(OrgLevel::Village))
            .count(db)
            .await?,
        ..Default::default()
    };
    s.villages_with_industry = count(
        db,
        &Query::select()
            .expr_as(Expr::cust("COUNT(DISTINCT village_id)"), Alias::new("n"))
            .from(project::Entity)
            .and_where(project::Column::Year.eq(year))
            .and_where(project::Column::Kind.eq(ProjectKind::Industry))
            .and_where(project_scope(&unit))
            .and_where(project::Column::VillageId.is_not_null())
            .to_owned(),
    )
    .await?;
    s.village_coverage_bp = rate_bp(s.villages_with_industry as i64, s.villages as i64);
    let on_file = household::Entity::find()
        .filter(household::Column::OrgPath.starts_with(&unit.path))
        .filter(household::Column::Status.is_in([HouseholdStatus::Registered, HouseholdStatus::Exited]));
    s.households = on_file.clone().count(db).await?;
    let subsidies_of_year = || {
        Query::select()
            .from(industry_subsidy::Entity)
            .and_where(industry_subsidy::Column::Year.eq(year))
            .and_where(industry_subsidy::Column::OrgPath.starts_with(&unit.path))
            .to_owned()
    };
    s.households_with_subsidy = count(
        db,
        &subsidies_of_year()
            .expr_as(Expr::cust("COUNT(DISTINCT household_id)"), Alias::new("n"))
            .and_where(
                industry_subsidy::Column::HouseholdId
                    .in_subquery(on_file.select_only().column(household::Column::Id).into_query()),
            )
            .to_owned(),
    )
    .await?;
    s.household_coverage_bp = rate_bp(s.households_with_subsidy as i64, s.households as i64);
    s.subsidies = count(db, &subsidies_of_year().expr_as(Expr::cust("COUNT(*)"), Alias::new("n")).to_owned()).await?;
    s.subsidy_fen = Fen(count(
        db,
        &subsidies_of_year().expr_as(Expr::cust("CAST(SUM(amount_fen) AS BIGINT)"), Alias::new("n")).to_owned(),
    )
    .await? as i64);
    s.business_entities =
        business_entity::Entity::find().filter(under(business_entity::Column::OrgPath, &unit)).count(db).await?;
    s.entity_households = count(
        db,
        &distinct_households(business_entity_household::Entity, "entity_id", business_entity::Entity, &unit, None),
    )
    .await?;
    let stations = pv_station::Entity::find().filter(under(pv_station::Column::OrgPath, &unit)).all(db).await?;
    s.pv_stations = stations.len() as u64;
    s.pv_capacity_kw = stations.iter().map(|st| i64::from(st.capacity_kw)).sum();
    s.pv_grid_connected = stations.iter().filter(|st| st.grid_connected_on.is_some()).count() as u64;
    s.pv_dividend_households =
        count(db, &distinct_households(pv_dividend::Entity, "station_id", pv_station::Entity, &unit, None)).await?;
    let assets = asset_investment::Entity::find()
        .filter(under(asset_investment::Column::OrgPath, &unit))
        .filter(asset_investment::Column::Year.eq(year))
        .all(db)
        .await?;
    s.asset_investment_fen = Fen(assets.iter().map(|a| a.amount_fen).sum());
    s.asset_households = count(
        db,
        &distinct_households(
            asset_investment_household::Entity,
            "investment_id",
            asset_investment::Entity,
            &unit,
            Some(year),
        ),
    )
    .await?;
    Ok(s)
}
