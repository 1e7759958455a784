//! Compensations paid to a household by an ecological programme in a year, with the area.

use std::collections::HashMap;

use chrono::Utc;
use jingzhun_shared::benefits::{BenefitArea, BenefitLine, BenefitSource};
use jingzhun_shared::ecology::{EcologyDto, EcologyInput, EcologyQuery};
use jingzhun_shared::error::Validator;
use jingzhun_shared::industry::Quantity;
use jingzhun_shared::page::{Page, PageQuery};
use jingzhun_shared::{Capability, Fen, HouseholdId};
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder};

use crate::actor::CurrentUser;
use crate::entities::{ecology_compensation, household};
use crate::error::{AppError, AppResult};
use crate::services::org::org_units;
use crate::services::per_household::{household_field, named, number_and_head, placed};
use crate::services::txn::{Db, created, in_txn};
use crate::services::{check_year, paginate, typed_date, with_items};

/// At most this many 亩 on one record (the district's whole forest is 22.29 万亩).
const MAX_AREA_HUNDREDTHS: i64 = 100_000 * 100;

fn compensation_dto(c: &ecology_compensation::Model, households: &HashMap<i64, household::Model>) -> EcologyDto {
    let (household_number, head_name) = number_and_head(households, c.household_id);
    EcologyDto {
        id: c.id,
        household_id: HouseholdId(c.household_id),
        household_number,
        head_name,
        programme: c.programme,
        year: c.year,
        area_mu: c.area_mu_hundredths.map(Quantity::from_hundredths),
        amount_fen: Fen::new(c.amount_fen),
        paid_on: c.paid_on,
    }
}

/// Compensations in the caller's subtree (or a unit inside it), newest first.
pub async fn compensations(
    db: &impl ConnectionTrait,
    user: &CurrentUser,
    query: EcologyQuery,
) -> AppResult<Page<EcologyDto>> {
    user.require(Capability::ReadRegistry)?;
    let unit = org_units::scope_unit(db, user, query.org_unit_id).await?;
    let mut select =
        ecology_compensation::Entity::find().filter(ecology_compensation::Column::OrgPath.starts_with(&unit.path));
    if let Some(year) = query.year {
        select = select.filter(ecology_compensation::Column::Year.eq(year));
    }
    if let Some(h) = query.household_id {
        select = select.filter(ecology_compensation::Column::HouseholdId.eq(h.0));
    }
    if let Some(p) = query.programme {
        select = select.filter(ecology_compensation::Column::Programme.eq(p));
    }
    let select = select.order_by_desc(ecology_compensation::Column::Id);
    let page = paginate(db, select, PageQuery { page: query.page, per_page: query.per_page }, |c| c).await?;
    let households = named(db, page.items.iter().map(|c| c.household_id)).await?;
    let items = page.items.iter().map(|c| compensation_dto(c, &households)).collect();
    Ok(with_items(page, items))
}

/// Records a compensation to a household in the caller's scope.
pub async fn create_compensation(db: &impl Db, user: &CurrentUser, input: EcologyInput) -> AppResult<EcologyDto> {
    user.require(Capability::EditRegistry)?;
    let mut v = Validator::new();
    let h = household_field(db, user, &mut v, input.household_id).await?;
    check_year(&mut v, input.year);
    if input.area_mu.is_some_and(|a| a.hundredths() <= 0 || a.hundredths() > MAX_AREA_HUNDREDTHS) {
        v.add("area_mu", "面积须大于 0 且不超过 10 万亩");
    }
    v.check("amount_fen", input.amount_fen.positive_amount("补偿金额"));
    typed_date(&mut v, user, "paid_on", input.paid_on);
    v.finish()?;
    let Some(h) = h else { return Err(AppError::NotFound) };
    in_txn(db, Some(user), async |txn| {
        let row = placed!(ecology_compensation::ActiveModel, &h, {
            programme: Set(input.programme),
            year: Set(input.year),
            area_mu_hundredths: Set(input.area_mu.map(Quantity::hundredths)),
            amount_fen: Set(input.amount_fen.fen()),
            paid_on: Set(input.paid_on),
            created_at: Set(Utc::now()),
        })
        .insert(txn)
        .await?;
        Ok(created("ecology_compensation", row.id, compensation_dto(&row, &HashMap::from([(h.id, h)]))))
    })
    .await
}

/// The household's compensations, by year.
pub async fn benefit_lines(db: &impl ConnectionTrait, household_id: i64) -> AppResult<Vec<BenefitLine>> {
    let rows = ecology_compensation::Entity::find()
        .filter(ecology_compensation::Column::HouseholdId.eq(household_id))
        .order_by_asc(ecology_compensation::Column::PaidOn)
        .all(db)
        .await?;
    Ok(rows
        .into_iter()
        .map(|c| BenefitLine {
            area: BenefitArea::Ecology,
            year: c.year,
            title: format!("{}补助", c.programme.zh()),
            detail: c.area_mu_hundredths.map(|a| format!("{} 亩", Quantity::from_hundredths(a))).unwrap_or_default(),
            on: Some(c.paid_on),
            amount_fen: Fen::new(c.amount_fen),
            source: BenefitSource::EcologyCompensation,
            source_id: Some(c.id),
            lent: false,
        })
        .collect())
}
