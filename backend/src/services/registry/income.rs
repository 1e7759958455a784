//! Yearly income per household and the per-capita net income against the year's poverty
//! line.

use chrono::NaiveDate;
use jingzhun_shared::error::Validator;
use jingzhun_shared::registry::{IncomeInput, IncomeRecordDto};
use jingzhun_shared::{Capability, Fen, HouseholdId};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, IntoActiveModel, PaginatorTrait,
    QueryFilter, QueryOrder, TryIntoModel,
};

use crate::actor::CurrentUser;
use crate::entities::{income_record, member};
use crate::error::{AppError, AppResult};
use crate::services::audit::Event;
use crate::services::registry::households::find_visible;
use crate::services::registry::members::present_on;
use crate::services::registry::poverty_lines::poverty_line;
use crate::services::txn::{Db, in_txn};

/// (wage + operating + property + transfer − expenses) / members, rounded down to the fen.
pub fn per_capita(row: &income_record::Model, members: u64) -> Fen {
    let net = i128::from(row.wage_fen)
        + i128::from(row.operating_fen)
        + i128::from(row.property_fen)
        + i128::from(row.transfer_fen)
        - i128::from(row.expenses_fen);
    let members = i128::from(members.max(1));
    Fen::new(i64::try_from(net.div_euclid(members)).unwrap_or(i64::MAX))
}

async fn to_dto(db: &impl ConnectionTrait, row: &income_record::Model) -> AppResult<IncomeRecordDto> {
    let members = member_count(db, row.household_id, row.year).await?;
    let line = poverty_line(db, row.year).await?;
    let per_capita_net_fen = per_capita(row, members);
    Ok(IncomeRecordDto {
        year: row.year,
        wage_fen: Fen::new(row.wage_fen),
        operating_fen: Fen::new(row.operating_fen),
        property_fen: Fen::new(row.property_fen),
        transfer_fen: Fen::new(row.transfer_fen),
        expenses_fen: Fen::new(row.expenses_fen),
        members,
        per_capita_net_fen,
        poverty_line_fen: line,
        above_line: line.map(|line| per_capita_net_fen > line),
    })
}

/// The household's people at the end of `year` ([`present_on`] its 31 December): a member who
/// left during the year no longer shares the year's income, one who joined does.
pub async fn member_count(db: &impl ConnectionTrait, household_id: i64, year: i32) -> AppResult<u64> {
    let year_end = NaiveDate::from_ymd_opt(year, 12, 31).unwrap_or(NaiveDate::MAX);
    Ok(member::Entity::find()
        .filter(member::Column::HouseholdId.eq(household_id))
        .filter(present_on(year_end))
        .count(db)
        .await?)
}

/// One year's record with its per-capita figure, `None` when that year has none.
pub async fn for_year(db: &impl ConnectionTrait, household_id: i64, year: i32) -> AppResult<Option<IncomeRecordDto>> {
    let row = income_record::Entity::find()
        .filter(income_record::Column::HouseholdId.eq(household_id))
        .filter(income_record::Column::Year.eq(year))
        .one(db)
        .await?;
    match row {
        Some(row) => Ok(Some(to_dto(db, &row).await?)),
        None => Ok(None),
    }
}

/// Every year's record of a household, newest first.
pub async fn list(db: &impl ConnectionTrait, user: &CurrentUser, id: HouseholdId) -> AppResult<Vec<IncomeRecordDto>> {
    let household = find_visible(db, user, id).await?;
    let rows = income_record::Entity::find()
        .filter(income_record::Column::HouseholdId.eq(household.id))
        .order_by_desc(income_record::Column::Year)
        .all(db)
        .await?;
    let mut out = Vec::with_capacity(rows.len());
    for row in &rows {
        out.push(to_dto(db, row).await?);
    }
    Ok(out)
}

/// Records (or replaces) one year's income.
pub async fn upsert(
    db: &impl Db,
    user: &CurrentUser,
    id: HouseholdId,
    input: IncomeInput,
) -> AppResult<IncomeRecordDto> {
    user.require(Capability::EditRegistry)?;
    in_txn(db, Some(user), async |txn| {
        let household = find_visible(txn, user, id).await?;
        check_input(&input)?;
        let existing = income_record::Entity::find()
            .filter(income_record::Column::HouseholdId.eq(household.id))
            .filter(income_record::Column::Year.eq(input.year))
            .one(txn)
            .await?;
        let before = existing.as_ref().map(|b| {
            serde_json::json!({ "wage_fen": b.wage_fen, "operating_fen": b.operating_fen,
                "property_fen": b.property_fen, "transfer_fen": b.transfer_fen, "expenses_fen": b.expenses_fen })
        });
        let mut active = match existing {
            Some(row) => row.into_active_model(),
            None => income_record::ActiveModel {
                household_id: Set(household.id),
                year: Set(input.year),
                ..Default::default()
            },
        };
        active.wage_fen = Set(input.wage_fen.fen());
        active.operating_fen = Set(input.operating_fen.fen());
        active.property_fen = Set(input.property_fen.fen());
        active.transfer_fen = Set(input.transfer_fen.fen());
        active.expenses_fen = Set(input.expenses_fen.fen());
        let row: income_record::Model =
            active.save(txn).await?.try_into_model().map_err(|e| AppError::Internal(e.to_string()))?;
        let dto = to_dto(txn, &row).await?;
        let event = Event::new(if before.is_some() { "update" } else { "create" }, "income_record", row.id).after(&dto);
        let event = match &before {
            Some(b) => event.before(b),
            None => event,
        };
        Ok((dto, event))
    })
    .await
}

/// Every invalid field of an income entry in one 422.
fn check_input(input: &IncomeInput) -> AppResult<()> {
    let mut v = Validator::new();
    if !(2000..=2100).contains(&input.year) {
        v.add("year", "年份不合理");
    }
    for (field, value) in [
        ("wage_fen", input.wage_fen),
        ("operating_fen", input.operating_fen),
        ("property_fen", input.property_fen),
        ("transfer_fen", input.transfer_fen),
        ("expenses_fen", input.expenses_fen),
    ] {
        v.check(field, value.amount("金额"));
    }
    Ok(v.finish()?)
}
