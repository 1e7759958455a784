//! The year's subsidy menu (菜单式): what a household can be paid for, at what standard per
//! unit, and up to what cap per household.

use chrono::Utc;
use jingzhun_shared::error::Validator;
use jingzhun_shared::industry::{SubsidyMenuInput, SubsidyMenuItemDto, SubsidyMenuQuery};
use jingzhun_shared::{Capability, Fen, SubsidyMenuItemId};
use sea_orm::{ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder};

use super::in_use;
use crate::actor::CurrentUser;
use crate::entities::{industry_subsidy, subsidy_menu_item};
use crate::error::{AppError, AppResult};
use crate::services::txn::{Db, created, deleted, in_txn, updated};
use crate::services::versioned::update_at_version;
use crate::services::{check_year, required_text};

fn menu_dto(m: &subsidy_menu_item::Model) -> SubsidyMenuItemDto {
    SubsidyMenuItemDto {
        id: SubsidyMenuItemId(m.id),
        year: m.year,
        name: m.name.clone(),
        unit: m.unit.clone(),
        standard_fen: Fen::new(m.standard_fen),
        cap_fen: m.cap_fen.map(Fen::new),
        version: m.version,
    }
}

pub async fn menu(
    db: &impl ConnectionTrait,
    user: &CurrentUser,
    query: SubsidyMenuQuery,
) -> AppResult<Vec<SubsidyMenuItemDto>> {
    user.require(Capability::ReadFunds)?;
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
    v.check("standard_fen", input.standard_fen.positive_amount("补助标准"));
    if let Some(cap) = input.cap_fen {
        v.check("cap_fen", cap.positive_amount("每户上限"));
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
    db: &impl Db,
    user: &CurrentUser,
    input: SubsidyMenuInput,
) -> AppResult<SubsidyMenuItemDto> {
    user.require(Capability::EditFunds)?;
    in_txn(db, Some(user), async |txn| {
        let (name, unit) = check_menu_input(txn, &input, None).await?;
        let mut row =
            subsidy_menu_item::ActiveModel { version: Set(1), created_at: Set(Utc::now()), ..Default::default() };
        fill(&mut row, &input, name, unit);
        let dto = menu_dto(&row.insert(txn).await?);
        Ok(created("subsidy_menu_item", dto.id.0, dto))
    })
    .await
}

/// Changes a menu entry; subsidies already paid keep their amounts.
pub async fn update_menu_item(
    db: &impl Db,
    user: &CurrentUser,
    id: SubsidyMenuItemId,
    input: SubsidyMenuInput,
) -> AppResult<SubsidyMenuItemDto> {
    user.require(Capability::EditFunds)?;
    in_txn(db, Some(user), async |txn| {
        let current = subsidy_menu_item::Entity::find_by_id(id.0).one(txn).await?.ok_or(AppError::NotFound)?;
        if input.version != Some(current.version) {
            return Err(AppError::stale());
        }
        let (name, unit) = check_menu_input(txn, &input, Some(current.id)).await?;
        let mut row: subsidy_menu_item::ActiveModel = current.clone().into();
        fill(&mut row, &input, name, unit);
        let update = subsidy_menu_item::Entity::update_many().set(row);
        update_at_version(txn, update, current.id, current.version).await?;
        let after = subsidy_menu_item::Entity::find_by_id(id.0).one(txn).await?.ok_or(AppError::NotFound)?;
        Ok(updated("subsidy_menu_item", id.0, &menu_dto(&current), menu_dto(&after)))
    })
    .await
}

fn fill(row: &mut subsidy_menu_item::ActiveModel, input: &SubsidyMenuInput, name: String, unit: String) {
    row.year = Set(input.year);
    row.name = Set(name);
    row.unit = Set(unit);
    row.standard_fen = Set(input.standard_fen.fen());
    row.cap_fen = Set(input.cap_fen.map(|c| c.fen()));
}

pub async fn delete_menu_item(db: &impl Db, user: &CurrentUser, id: SubsidyMenuItemId) -> AppResult<()> {
    user.require(Capability::EditFunds)?;
    in_txn(db, Some(user), async |txn| {
        let current = subsidy_menu_item::Entity::find_by_id(id.0).one(txn).await?.ok_or(AppError::NotFound)?;
        let used = industry_subsidy::Entity::find().filter(industry_subsidy::Column::ItemId.eq(id.0)).one(txn).await?;
        if used.is_some() {
            return Err(in_use("该菜单项目"));
        }
        subsidy_menu_item::Entity::delete_by_id(id.0).exec(txn).await?;
        Ok(deleted("subsidy_menu_item", id.0, &menu_dto(&current)))
    })
    .await
}
