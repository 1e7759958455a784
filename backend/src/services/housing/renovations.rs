//! Renovations of unsafe houses (危房改造): planned for a year, completed, accepted, with the
//! government paying what the subsidy leaves of the cost ([`government_top_up`]).

use std::collections::HashMap;

use chrono::{Datelike, NaiveDate, Utc};
use jingzhun_shared::benefits::{BenefitArea, BenefitLine, BenefitSource};
use jingzhun_shared::dates::typed_date_error;
use jingzhun_shared::error::Validator;
use jingzhun_shared::housing::{HousingQuery, RenovationDto, RenovationInput, government_top_up};
use jingzhun_shared::page::{Page, PageQuery};
use jingzhun_shared::{Capability, Fen, HouseholdId};
use sea_orm::sea_query::Expr;
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder};

use crate::actor::CurrentUser;
use crate::entities::{household, housing_renovation};
use crate::error::{AppError, AppResult};
use crate::services::org::org_units;
use crate::services::per_household::{household_field, named, number_and_head, placed};
use crate::services::txn::{Db, created, in_txn, updated};
use crate::services::versioned::{Versioned, update_at_version};
use crate::services::{paginate, with_items};

impl Versioned for housing_renovation::Entity {
    const ID: housing_renovation::Column = housing_renovation::Column::Id;
    const VERSION: housing_renovation::Column = housing_renovation::Column::Version;
}

fn renovation_dto(r: &housing_renovation::Model, households: &HashMap<i64, household::Model>) -> RenovationDto {
    let (household_number, head_name) = number_and_head(households, r.household_id);
    RenovationDto {
        id: r.id,
        household_id: HouseholdId(r.household_id),
        household_number,
        head_name,
        plan_year: r.plan_year,
        kind: r.kind,
        cost_fen: Fen::new(r.cost_fen),
        subsidy_fen: Fen::new(r.subsidy_fen),
        government_top_up_fen: Fen::new(r.government_top_up_fen),
        completed_on: r.completed_on,
        accepted_on: r.accepted_on,
        version: r.version,
    }
}

/// Renovations in the caller's subtree (or a unit inside it), by plan year and household.
pub async fn renovations(
    db: &impl ConnectionTrait,
    user: &CurrentUser,
    query: HousingQuery,
) -> AppResult<Page<RenovationDto>> {
    user.require(Capability::ReadRegistry)?;
    let unit = org_units::scope_unit(db, user, query.org_unit_id).await?;
    let mut select =
        housing_renovation::Entity::find().filter(housing_renovation::Column::OrgPath.starts_with(&unit.path));
    if let Some(year) = query.year {
        select = select.filter(housing_renovation::Column::PlanYear.eq(year));
    }
    if let Some(h) = query.household_id {
        select = select.filter(housing_renovation::Column::HouseholdId.eq(h.0));
    }
    let select = select.order_by_desc(housing_renovation::Column::Id);
    let page = paginate(db, select, PageQuery { page: query.page, per_page: query.per_page }, |r| r).await?;
    let households = named(db, page.items.iter().map(|r| r.household_id)).await?;
    let items = page.items.iter().map(|r| renovation_dto(r, &households)).collect();
    Ok(with_items(page, items))
}

/// Every problem of a renovation's figures and dates, at once.
pub(super) fn check_fields(v: &mut dyn FnMut(&'static str, String), input: &RenovationInput, today: NaiveDate) {
    if !(2000..=2100).contains(&input.plan_year) {
        v("plan_year", "计划年度须在 2000 到 2100 之间".to_owned());
    }
    if let Err(message) = input.cost_fen.positive_amount("改造费用") {
        v("cost_fen", message);
    }
    if let Err(message) = input.subsidy_fen.amount("补助资金") {
        v("subsidy_fen", message);
    }
    for (field, on) in [("completed_on", input.completed_on), ("accepted_on", input.accepted_on)] {
        if let Some(message) = on.and_then(|on| typed_date_error(on, today)) {
            v(field, message);
        }
    }
    if let Some(on) = input.accepted_on {
        match input.completed_on {
            None => v("accepted_on", "尚未竣工，不能验收".to_owned()),
            Some(done) if on < done => v("accepted_on", "验收日期不能早于竣工日期".to_owned()),
            Some(_) => {}
        }
    }
}

fn check_input(v: &mut Validator, user: &CurrentUser, input: &RenovationInput) {
    check_fields(&mut |field, message| v.add(field, message), input, user.today);
}

/// A new row for household `h` carrying `input`, the government's top-up computed.
pub fn new_row(h: &household::Model, input: &RenovationInput) -> housing_renovation::ActiveModel {
    placed!(housing_renovation::ActiveModel, h, {
        plan_year: Set(input.plan_year),
        kind: Set(input.kind),
        cost_fen: Set(input.cost_fen.fen()),
        subsidy_fen: Set(input.subsidy_fen.fen()),
        government_top_up_fen: Set(government_top_up(input.cost_fen, input.subsidy_fen).fen()),
        completed_on: Set(input.completed_on),
        accepted_on: Set(input.accepted_on),
        version: Set(1),
        created_at: Set(Utc::now()),
    })
}

/// Plans a renovation of a household's house in the caller's scope.
pub async fn create_renovation(db: &impl Db, user: &CurrentUser, input: RenovationInput) -> AppResult<RenovationDto> {
    user.require(Capability::EditRegistry)?;
    let mut v = Validator::new();
    let h = household_field(db, user, &mut v, input.household_id).await?;
    check_input(&mut v, user, &input);
    v.finish()?;
    let Some(h) = h else { return Err(AppError::NotFound) };
    in_txn(db, Some(user), async |txn| {
        let row = new_row(&h, &input).insert(txn).await?;
        Ok(created("housing_renovation", row.id, renovation_dto(&row, &HashMap::from([(h.id, h)]))))
    })
    .await
}

/// Changes a renovation at the version read (its household stays); records completion and
/// acceptance.
pub async fn update_renovation(
    db: &impl Db,
    user: &CurrentUser,
    id: i64,
    input: RenovationInput,
) -> AppResult<RenovationDto> {
    user.require(Capability::EditRegistry)?;
    let before = housing_renovation::Entity::find_by_id(id)
        .one(db)
        .await?
        .filter(|r| user.sees(&r.org_path))
        .ok_or(AppError::NotFound)?;
    let mut v = Validator::new();
    check_input(&mut v, user, &input);
    if input.household_id.0 != before.household_id {
        v.add("household_id", "改造记录的农户不能更改");
    }
    let version = v.check("version", input.version.ok_or("请提供记录版本号 version"));
    v.finish()?;
    let version = version.ok_or(AppError::NotFound)?;
    in_txn(db, Some(user), async |txn| {
        let households = named(txn, std::iter::once(before.household_id)).await?;
        let update = housing_renovation::Entity::update_many()
            .col_expr(housing_renovation::Column::PlanYear, Expr::value(input.plan_year))
            .col_expr(housing_renovation::Column::Kind, Expr::value(input.kind.as_str()))
            .col_expr(housing_renovation::Column::CostFen, Expr::value(input.cost_fen.fen()))
            .col_expr(housing_renovation::Column::SubsidyFen, Expr::value(input.subsidy_fen.fen()))
            .col_expr(
                housing_renovation::Column::GovernmentTopUpFen,
                Expr::value(government_top_up(input.cost_fen, input.subsidy_fen).fen()),
            )
            .col_expr(housing_renovation::Column::CompletedOn, Expr::value(input.completed_on))
            .col_expr(housing_renovation::Column::AcceptedOn, Expr::value(input.accepted_on));
        update_at_version(txn, update, id, version).await?;
        let after = housing_renovation::Entity::find_by_id(id).one(txn).await?.ok_or(AppError::NotFound)?;
        Ok(updated(
            "housing_renovation",
            id,
            &renovation_dto(&before, &households),
            renovation_dto(&after, &households),
        ))
    })
    .await
}

/// The household's completed renovations, by the year of completion: the subsidy and the
/// top-up it received.
pub async fn benefit_lines(db: &impl ConnectionTrait, household_id: i64) -> AppResult<Vec<BenefitLine>> {
    let rows = housing_renovation::Entity::find()
        .filter(housing_renovation::Column::HouseholdId.eq(household_id))
        .filter(housing_renovation::Column::CompletedOn.is_not_null())
        .all(db)
        .await?;
    Ok(rows
        .into_iter()
        .filter_map(|r| {
            let done = r.completed_on?;
            Some(BenefitLine {
                area: BenefitArea::Housing,
                year: done.year(),
                title: format!("危房改造（{}）", r.kind.zh()),
                detail: format!(
                    "补助 {} 元，政府兜底 {} 元",
                    Fen::new(r.subsidy_fen).to_yuan_string(),
                    Fen::new(r.government_top_up_fen).to_yuan_string()
                ),
                on: Some(done),
                amount_fen: Fen::new(r.subsidy_fen + r.government_top_up_fen),
                source: BenefitSource::HousingRenovation,
                source_id: Some(r.id),
                lent: false,
            })
        })
        .collect())
}
