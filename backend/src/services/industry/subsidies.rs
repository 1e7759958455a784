//! Industry subsidies paid to households from the menu: amount = quantity × standard, lowered
//! to what the item's cap per household leaves.

use std::collections::{HashMap, HashSet};

use chrono::Utc;
use jingzhun_shared::error::Validator;
use jingzhun_shared::industry::{
    CreateIndustrySubsidy, IndustrySubsidyDto, IndustrySubsidyQuery, Quantity, subsidy_amount,
};
use jingzhun_shared::money::MoneyOverflow;
use jingzhun_shared::page::{Page, PageQuery};
use jingzhun_shared::{Capability, Fen, HouseholdId, HouseholdStatus, IndustrySubsidyId, OrgLevel, SubsidyMenuItemId};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect,
};

use super::under;
use crate::actor::CurrentUser;
use crate::entities::{household, industry_subsidy, subsidy_menu_item};
use crate::error::{AppError, AppResult};
use crate::services::org::org_units;
use crate::services::registry::households;
use crate::services::txn::{Db, created, deleted, in_txn};
use crate::services::{NOTE_MAX, by_ids, found, optional_text, paginate, with_items};

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
        amount_fen: Fen::new(s.amount_fen),
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
    let households = by_ids::<household::Entity>(db, household_ids, |h| h.id).await?;
    let items = by_ids::<subsidy_menu_item::Entity>(db, item_ids, |i| i.id).await?;
    Ok(rows.iter().map(|s| subsidy_dto(s, &households, &items)).collect())
}

/// The subsidies in the caller's subtree (or a unit inside it), newest first.
pub async fn subsidies(
    db: &impl ConnectionTrait,
    user: &CurrentUser,
    query: IndustrySubsidyQuery,
) -> AppResult<Page<IndustrySubsidyDto>> {
    user.require(Capability::ReadFunds)?;
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
    Ok(with_items(page, items))
}

/// Pays a subsidy from the menu: amount = quantity × standard, lowered to what the item's cap
/// per household leaves after the household's earlier subsidies of the same item.
pub async fn create_subsidy(
    db: &impl Db,
    user: &CurrentUser,
    input: CreateIndustrySubsidy,
) -> AppResult<IndustrySubsidyDto> {
    user.require(Capability::EditRegistry)?;
    in_txn(db, Some(user), async |txn| {
        let (h, item, amount, capped) = check_subsidy(txn, user, &input).await?;
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
            note: Set(optional_text(input.note.as_deref())),
            created_at: Set(Utc::now()),
            ..Default::default()
        }
        .insert(txn)
        .await?;
        let dto = subsidy_dto(&row, &HashMap::from([(h.id, h)]), &HashMap::from([(item.id, item)]));
        Ok(created("industry_subsidy", row.id, dto))
    })
    .await
}

/// The household, the menu item, the amount and whether the cap lowered it; or every reason
/// the subsidy cannot be paid, in one 422.
async fn check_subsidy(
    db: &impl ConnectionTrait,
    user: &CurrentUser,
    input: &CreateIndustrySubsidy,
) -> AppResult<(household::Model, subsidy_menu_item::Model, i64, bool)> {
    let mut v = Validator::new();
    let household = match found(
        &mut v,
        "household_id",
        "农户不存在",
        households::find_visible(db, user, input.household_id).await,
    )? {
        Some(h) if !matches!(h.status, HouseholdStatus::Registered | HouseholdStatus::Exited) => {
            v.add("household_id", "只有在册（未脱贫或已脱贫）的农户可享受产业补助");
            None
        }
        household => household,
    };
    let item = subsidy_menu_item::Entity::find_by_id(input.item_id.0).one(db).await?;
    if item.is_none() {
        v.add("item_id", "请从补助菜单中选择项目");
    }
    if input.quantity.hundredths() <= 0 {
        v.add("quantity", "数量须大于 0");
    }
    if optional_text(input.note.as_deref()).is_some_and(|n| n.chars().count() > NOTE_MAX) {
        v.add("note", format!("备注最多 {NOTE_MAX} 个字"));
    }
    let mut amount = (0, false);
    if let (Some(h), Some(item)) = (&household, &item)
        && input.quantity.hundredths() > 0
    {
        let earlier = match item.cap_fen {
            Some(_) => earlier_amount(db, h.id, item.id).await?,
            None => 0,
        };
        match menu_amount(input.quantity, item, earlier) {
            Ok(paid) => amount = paid,
            Err((field, message)) => v.add(field, &message),
        }
    }
    Ok(v.finish_with(|| Some((household?, item?, amount.0, amount.1)))?)
}

/// What the household has had of the item so far, read under a lock on the household's row
/// held to the end of the transaction (`FOR UPDATE` on PostgreSQL; on SQLite `BEGIN IMMEDIATE`
/// already lets one writer in at a time). A second subsidy for the same household waits at the
/// lock and then reads the first, so two at once cannot both pass the cap.
async fn earlier_amount(db: &impl ConnectionTrait, household_id: i64, item_id: i64) -> AppResult<i64> {
    household::Entity::find_by_id(household_id).lock_exclusive().one(db).await?;
    let amounts: Vec<i64> = industry_subsidy::Entity::find()
        .select_only()
        .column(industry_subsidy::Column::AmountFen)
        .filter(industry_subsidy::Column::HouseholdId.eq(household_id))
        .filter(industry_subsidy::Column::ItemId.eq(item_id))
        .into_tuple()
        .all(db)
        .await?;
    Ok(amounts.into_iter().map(Fen::new).sum::<Result<Fen, MoneyOverflow>>()?.fen())
}

pub async fn delete_subsidy(db: &impl Db, user: &CurrentUser, id: IndustrySubsidyId) -> AppResult<()> {
    user.require(Capability::EditRegistry)?;
    in_txn(db, Some(user), async |txn| {
        let row = industry_subsidy::Entity::find_by_id(id.0)
            .one(txn)
            .await?
            .filter(|s| user.sees(&s.org_path))
            .ok_or(AppError::NotFound)?;
        let before = subsidy_dtos(txn, std::slice::from_ref(&row)).await?;
        industry_subsidy::Entity::delete_by_id(row.id).exec(txn).await?;
        Ok(deleted("industry_subsidy", row.id, &before))
    })
    .await
}

/// The shared menu rule ([`subsidy_amount`]) over a stored menu item: the amount in fen and
/// whether the cap lowered it, or the field and message of why nothing can be paid.
pub fn menu_amount(
    quantity: Quantity,
    item: &subsidy_menu_item::Model,
    earlier: i64,
) -> Result<(i64, bool), (&'static str, String)> {
    subsidy_amount(quantity, Fen::new(item.standard_fen), item.cap_fen.map(Fen::new), Fen::new(earlier))
        .map(|paid| (paid.amount.fen(), paid.capped))
        .map_err(|refusal| refusal.field_and_message(&item.name))
}
