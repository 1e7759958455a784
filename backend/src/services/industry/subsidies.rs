//! Industry subsidies paid to households from the menu: amount = quantity × standard, lowered
//! to what the item's cap per household leaves, and refused beyond what the year's cap across
//! all items leaves ([`subsidy_amount`], shared with the page).
//!
//! A subsidy names the industry project whose money pays it and counts as that project's
//! spending: it is charged through [`funds::charge`] (the one guarded statement that keeps
//! spending within the budget) in the transaction that records it, and given back when it is
//! deleted, so a project's `spent_fen` is its expenditures plus its subsidies.

use std::collections::{HashMap, HashSet};

use chrono::Utc;
use jingzhun_shared::error::Validator;
use jingzhun_shared::industry::{
    CreateIndustrySubsidy, IndustrySubsidyDto, IndustrySubsidyQuery, Quantity, YearCap, subsidy_amount,
};
use jingzhun_shared::money::MoneyOverflow;
use jingzhun_shared::page::{Page, PageQuery};
use jingzhun_shared::{
    Capability, Fen, HouseholdId, HouseholdStatus, IndustrySubsidyId, OrgLevel, ProjectId, ProjectKind, ProjectStatus,
    SubsidyMenuItemId,
};
use sea_orm::sea_query::{Expr, ExprTrait};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect,
};

use super::under;
use super::year_settings::household_cap;
use crate::actor::CurrentUser;
use crate::entities::{household, industry_subsidy, project, subsidy_menu_item};
use crate::error::{AppError, AppResult};
use crate::services::funds;
use crate::services::org::org_units;
use crate::services::registry::households;
use crate::services::txn::{Db, created, deleted, in_txn};
use crate::services::versioned::bumped;
use crate::services::{NOTE_MAX, by_ids, found, optional_text, paginate, with_items};

/// What a subsidy's DTO reads besides its row: households, menu items and projects by id.
struct Named {
    households: HashMap<i64, household::Model>,
    items: HashMap<i64, subsidy_menu_item::Model>,
    projects: HashMap<i64, project::Model>,
}

fn subsidy_dto(s: &industry_subsidy::Model, named: &Named) -> IndustrySubsidyDto {
    let h = named.households.get(&s.household_id);
    let item = named.items.get(&s.item_id);
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
        project_id: s.project_id.map(ProjectId),
        project_name: s.project_id.and_then(|p| named.projects.get(&p)).map(|p| p.name.clone()),
    }
}

async fn subsidy_dtos(
    db: &impl ConnectionTrait,
    rows: &[industry_subsidy::Model],
) -> AppResult<Vec<IndustrySubsidyDto>> {
    let household_ids: Vec<i64> = rows.iter().map(|s| s.household_id).collect::<HashSet<_>>().into_iter().collect();
    let item_ids: Vec<i64> = rows.iter().map(|s| s.item_id).collect::<HashSet<_>>().into_iter().collect();
    let project_ids: Vec<i64> = rows.iter().filter_map(|s| s.project_id).collect::<HashSet<_>>().into_iter().collect();
    let named = Named {
        households: by_ids::<household::Entity>(db, household_ids, |h| h.id).await?,
        items: by_ids::<subsidy_menu_item::Entity>(db, item_ids, |i| i.id).await?,
        projects: by_ids::<project::Entity>(db, project_ids, |p| p.id).await?,
    };
    Ok(rows.iter().map(|s| subsidy_dto(s, &named)).collect())
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
    if let Some(p) = query.project_id {
        select = select.filter(industry_subsidy::Column::ProjectId.eq(p.0));
    }
    let select = select.order_by_desc(industry_subsidy::Column::Id);
    let page = paginate(db, select, PageQuery { page: query.page, per_page: query.per_page }, |s| s).await?;
    let items = subsidy_dtos(db, &page.items).await?;
    Ok(with_items(page, items))
}

/// Pays a subsidy from the menu out of the named project: amount = quantity × standard,
/// lowered to what the item's cap per household leaves after the household's earlier
/// subsidies of the same item, within the year's cap across items and the project's budget.
pub async fn create_subsidy(
    db: &impl Db,
    user: &CurrentUser,
    input: CreateIndustrySubsidy,
) -> AppResult<IndustrySubsidyDto> {
    user.require(Capability::EditRegistry)?;
    in_txn(db, Some(user), async |txn| {
        let Checked { household: h, item, project: p, amount, capped } = check_subsidy(txn, user, &input).await?;
        if !funds::charge(txn, p.id, amount).await? {
            let now = project::Entity::find_by_id(p.id).one(txn).await?.ok_or(AppError::NotFound)?;
            let left = Fen::new(now.budget_fen - now.spent_fen).to_yuan_string();
            return Err(AppError::field("project_id", format!("超出项目预算：“{}”剩余可支出 {left} 元", p.name)));
        }
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
            project_id: Set(Some(p.id)),
            paid_on: Set(Some(user.today)),
            created_at: Set(Utc::now()),
            ..Default::default()
        }
        .insert(txn)
        .await?;
        let named = Named {
            households: HashMap::from([(h.id, h)]),
            items: HashMap::from([(item.id, item)]),
            projects: HashMap::from([(p.id, p)]),
        };
        Ok(created("industry_subsidy", row.id, subsidy_dto(&row, &named)))
    })
    .await
}

/// A subsidy that passed every check, with its amount in fen.
struct Checked {
    household: household::Model,
    item: subsidy_menu_item::Model,
    project: project::Model,
    amount: i64,
    capped: bool,
}

/// The paying project, or why it cannot pay: it must be an industry project in the caller's
/// scope, covering the household, of the item's year, and started.
async fn paying_project(
    db: &impl ConnectionTrait,
    user: &CurrentUser,
    v: &mut Validator,
    id: ProjectId,
    household: Option<&household::Model>,
    item: Option<&subsidy_menu_item::Model>,
) -> AppResult<Option<project::Model>> {
    let p = project::Entity::find_by_id(id.0).one(db).await?.filter(|p| user.sees(&p.org_path));
    let Some(p) = p else {
        v.add("project_id", "项目不存在或不在您的管辖范围");
        return Ok(None);
    };
    let problem = if p.kind != ProjectKind::Industry {
        Some("须选择产业类项目列支产业补助".to_owned())
    } else if let Some(item) = item.filter(|item| item.year != p.year) {
        Some(format!("须选择 {} 年的产业项目（该项目属于 {} 年）", item.year, p.year))
    } else if household.is_some_and(|h| !h.org_path.starts_with(&p.org_path)) {
        Some("该户不在项目实施范围内".to_owned())
    } else if p.status == ProjectStatus::Planned {
        Some("项目尚未开工，不能列支补助".to_owned())
    } else {
        None
    };
    Ok(match problem {
        Some(message) => {
            v.add("project_id", message);
            None
        }
        None => Some(p),
    })
}

/// The household, the menu item, the project, the amount and whether the cap lowered it; or
/// every reason the subsidy cannot be paid, in one 422.
async fn check_subsidy(
    db: &impl ConnectionTrait,
    user: &CurrentUser,
    input: &CreateIndustrySubsidy,
) -> AppResult<Checked> {
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
    let project = paying_project(db, user, &mut v, input.project_id, household.as_ref(), item.as_ref()).await?;
    let mut amount = (0, false);
    if let (Some(h), Some(item)) = (&household, &item)
        && input.quantity.hundredths() > 0
    {
        let (earlier, year) = earlier_amounts(db, h.id, item).await?;
        let year = household_cap(db, item.year).await?.map(|cap| YearCap { cap, used: year });
        match menu_amount(input.quantity, item, earlier, year) {
            Ok(paid) => amount = paid,
            Err((field, message)) => v.add(field, &message),
        }
    }
    Ok(v.finish_with(|| {
        Some(Checked { household: household?, item: item?, project: project?, amount: amount.0, capped: amount.1 })
    })?)
}

/// What the household has had of the item so far (fen), and of every item in the item's year,
/// read under a lock on the household's row held to the end of the transaction (`FOR UPDATE`
/// on PostgreSQL; on SQLite `BEGIN IMMEDIATE` already lets one writer in at a time). A second
/// subsidy for the same household waits at the lock and then reads the first, so two at once
/// cannot both pass a cap.
async fn earlier_amounts(
    db: &impl ConnectionTrait,
    household_id: i64,
    item: &subsidy_menu_item::Model,
) -> AppResult<(i64, Fen)> {
    household::Entity::find_by_id(household_id).lock_exclusive().one(db).await?;
    let amounts: Vec<(i64, i64)> = industry_subsidy::Entity::find()
        .select_only()
        .column(industry_subsidy::Column::ItemId)
        .column(industry_subsidy::Column::AmountFen)
        .filter(industry_subsidy::Column::HouseholdId.eq(household_id))
        .filter(industry_subsidy::Column::Year.eq(item.year))
        .into_tuple()
        .all(db)
        .await?;
    let of_item = amounts.iter().filter(|(i, _)| *i == item.id).map(|(_, fen)| Fen::new(*fen));
    let of_item = of_item.sum::<Result<Fen, MoneyOverflow>>()?.fen();
    let of_year = amounts.iter().map(|(_, fen)| Fen::new(*fen)).sum::<Result<Fen, MoneyOverflow>>()?;
    Ok((of_item, of_year))
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
        if let Some(p) = row.project_id {
            // Given back to the paying project, bumping its version like a payment does.
            let update = project::Entity::update_many()
                .col_expr(project::Column::SpentFen, Expr::col(project::Column::SpentFen).sub(row.amount_fen));
            bumped(update).filter(project::Column::Id.eq(p)).exec(txn).await?;
        }
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
    year: Option<YearCap>,
) -> Result<(i64, bool), (&'static str, String)> {
    subsidy_amount(quantity, Fen::new(item.standard_fen), item.cap_fen.map(Fen::new), Fen::new(earlier), year)
        .map(|paid| (paid.amount.fen(), paid.capped))
        .map_err(|refusal| refusal.field_and_message(&item.name))
}
