//! Insurance premium subsidies (参保资助): the part of a poor person's yearly premium the
//! government pays (e.g. 90 元 of the 城乡居民医保 premium), once per person and year. Read in
//! detail with [`Capability::ReadHealth`]; a clerk sees the member's total of the year on the
//! household card ([`super::totals`]).

use chrono::Utc;
use jingzhun_shared::error::Validator;
use jingzhun_shared::health::{PremiumSubsidyDto, PremiumSubsidyInput, PremiumSubsidyQuery};
use jingzhun_shared::page::{Page, PageQuery};
use jingzhun_shared::{Capability, Fen, HouseholdId, MemberId, PremiumSubsidyId};
use sea_orm::ActiveValue::Set;
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder};

use super::member_field;
use crate::actor::CurrentUser;
use crate::entities::{member, premium_subsidy};
use crate::error::{AppError, AppResult};
use crate::services::org::org_units;
use crate::services::txn::{Db, created, deleted, in_txn};
use crate::services::{by_ids, check_year, paginate, typed_date, with_items};

async fn dtos(db: &impl ConnectionTrait, rows: &[premium_subsidy::Model]) -> AppResult<Vec<PremiumSubsidyDto>> {
    let members = by_ids::<member::Entity>(db, rows.iter().map(|r| r.member_id).collect(), |m| m.id).await?;
    Ok(rows
        .iter()
        .map(|r| PremiumSubsidyDto {
            id: PremiumSubsidyId(r.id),
            member_id: MemberId(r.member_id),
            member_name: members.get(&r.member_id).map(|m| m.name.clone()).unwrap_or_default(),
            household_id: HouseholdId(r.household_id),
            year: r.year,
            kind: r.kind,
            amount_fen: Fen::new(r.amount_fen),
            paid_on: r.paid_on,
        })
        .collect())
}

/// Subsidies in the caller's subtree (or a unit inside it), newest first.
pub async fn premiums(
    db: &impl ConnectionTrait,
    user: &CurrentUser,
    query: PremiumSubsidyQuery,
) -> AppResult<Page<PremiumSubsidyDto>> {
    use premium_subsidy::Column as C;
    user.require(Capability::ReadHealth)?;
    let unit = org_units::scope_unit(db, user, query.org_unit_id).await?;
    let mut select = premium_subsidy::Entity::find().filter(C::OrgPath.starts_with(&unit.path));
    if let Some(m) = query.member_id {
        select = select.filter(C::MemberId.eq(m.0));
    }
    if let Some(year) = query.year {
        select = select.filter(C::Year.eq(year));
    }
    let select = select.order_by_desc(C::Year).order_by_desc(C::Id);
    let page = paginate(db, select, PageQuery { page: query.page, per_page: query.per_page }, |r| r).await?;
    let items = dtos(db, &page.items).await?;
    Ok(with_items(page, items))
}

/// Records a person's subsidy of a year; every problem in one 422, a second one for the same
/// person and year on `year` (the unique index answers 409 to a race).
pub async fn create_premium(
    db: &impl Db,
    user: &CurrentUser,
    input: PremiumSubsidyInput,
) -> AppResult<PremiumSubsidyDto> {
    user.require(Capability::EditHealth)?;
    in_txn(db, Some(user), async |txn| {
        let mut v = Validator::new();
        let placed = member_field(txn, user, &mut v, input.member_id).await?;
        check_year(&mut v, input.year);
        typed_date(&mut v, user, "paid_on", input.paid_on);
        v.check("amount_fen", input.amount_fen.positive_amount("资助金额"));
        if let Some((m, _)) = &placed {
            let paid = premium_subsidy::Entity::find()
                .filter(premium_subsidy::Column::MemberId.eq(m.id))
                .filter(premium_subsidy::Column::Year.eq(input.year))
                .count(txn)
                .await?;
            if paid > 0 {
                v.add("year", format!("{} {} 年的参保资助已登记", m.name, input.year));
            }
        }
        let (m, h) = v.finish_with(|| placed)?;
        let row = premium_subsidy::ActiveModel {
            member_id: Set(m.id),
            household_id: Set(h.id),
            village_id: Set(h.village_id),
            township_id: Set(h.township_id),
            org_path: Set(h.org_path.clone()),
            year: Set(input.year),
            kind: Set(input.kind),
            amount_fen: Set(input.amount_fen.fen()),
            paid_on: Set(input.paid_on),
            created_at: Set(Utc::now()),
            ..Default::default()
        }
        .insert(txn)
        .await?;
        let dto = dtos(txn, std::slice::from_ref(&row)).await?.pop().ok_or(AppError::NotFound)?;
        Ok(created("premium_subsidy", row.id, dto))
    })
    .await
}

/// Deletes a subsidy entered in error (404 outside the caller's subtree).
pub async fn delete_premium(db: &impl Db, user: &CurrentUser, id: PremiumSubsidyId) -> AppResult<()> {
    user.require(Capability::EditHealth)?;
    in_txn(db, Some(user), async |txn| {
        let row = premium_subsidy::Entity::find_by_id(id.0).one(txn).await?;
        let row = row.filter(|r| user.sees(&r.org_path)).ok_or(AppError::NotFound)?;
        let before = dtos(txn, std::slice::from_ref(&row)).await?;
        premium_subsidy::Entity::delete_by_id(row.id).exec(txn).await?;
        Ok(deleted("premium_subsidy", row.id, &before))
    })
    .await
}
