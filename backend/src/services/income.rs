//! Yearly income per household and the per-capita net income against the year's poverty
//! line (a per-year setting).

use jingzhun_shared::error::Validator;
use jingzhun_shared::registry::{IncomeInput, IncomeRecordDto, PovertyLine};
use jingzhun_shared::{Fen, HouseholdId, Role};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, IntoActiveModel,
    PaginatorTrait, QueryFilter, QueryOrder, TransactionTrait, TryIntoModel,
};

use crate::actor::CurrentUser;
use crate::entities::{income_record, member, year_setting};
use crate::error::{AppError, AppResult};
use crate::services::audit::{self, Event};
use crate::services::households::{self, WRITERS};

/// The poverty line of `year`, when set.
pub async fn poverty_line(db: &impl ConnectionTrait, year: i32) -> AppResult<Option<Fen>> {
    Ok(year_setting::Entity::find_by_id(year).one(db).await?.map(|s| Fen(s.poverty_line_fen)))
}

/// Sets the poverty line of `year` (used by the demo loader and settings).
pub async fn set_poverty_line(db: &impl ConnectionTrait, year: i32, line: Fen) -> AppResult<()> {
    match year_setting::Entity::find_by_id(year).one(db).await? {
        Some(row) => {
            let mut active = row.into_active_model();
            active.poverty_line_fen = Set(line.0);
            active.update(db).await?;
        }
        None => {
            year_setting::ActiveModel { year: Set(year), poverty_line_fen: Set(line.0) }.insert(db).await?;
        }
    }
    Ok(())
}

/// Every year's poverty line, oldest first.
pub async fn poverty_lines(db: &impl ConnectionTrait) -> AppResult<Vec<PovertyLine>> {
    Ok(year_setting::Entity::find()
        .order_by_asc(year_setting::Column::Year)
        .all(db)
        .await?
        .into_iter()
        .map(|s| PovertyLine { year: s.year, poverty_line_fen: Fen(s.poverty_line_fen) })
        .collect())
}

/// Sets a year's poverty line (admin, district official), audited.
pub async fn update_poverty_line(
    db: &DatabaseConnection,
    user: &CurrentUser,
    line: PovertyLine,
) -> AppResult<PovertyLine> {
    user.require(&[Role::Admin, Role::DistrictOfficial])?;
    let mut v = Validator::new();
    if !(2000..=2100).contains(&line.year) {
        v.add("year", "年份不合理");
    }
    if !(1..=10_000_000).contains(&line.poverty_line_fen.0) {
        v.add("poverty_line_fen", "贫困线须在 0.01 到 10 万元之间");
    }
    v.finish()?;
    let txn = db.begin().await?;
    let before = poverty_line(&txn, line.year).await?;
    set_poverty_line(&txn, line.year, line.poverty_line_fen).await?;
    let event = Event::new("update", "poverty_line", line.year).after(&line);
    let event = match before {
        Some(fen) => event.before(&PovertyLine { year: line.year, poverty_line_fen: fen }),
        None => event,
    };
    audit::record(&txn, Some(user), event).await?;
    txn.commit().await?;
    Ok(line)
}

/// (wage + operating + property + transfer − expenses) / members, rounded down to the fen.
pub fn per_capita(row: &income_record::Model, members: u64) -> Fen {
    let net = i128::from(row.wage_fen)
        + i128::from(row.operating_fen)
        + i128::from(row.property_fen)
        + i128::from(row.transfer_fen)
        - i128::from(row.expenses_fen);
    let members = i128::from(members.max(1));
    Fen(i64::try_from(net.div_euclid(members)).unwrap_or(i64::MAX))
}

async fn to_dto(db: &impl ConnectionTrait, row: &income_record::Model, members: u64) -> AppResult<IncomeRecordDto> {
    let line = poverty_line(db, row.year).await?;
    let per_capita_net_fen = per_capita(row, members);
    Ok(IncomeRecordDto {
        year: row.year,
        wage_fen: Fen(row.wage_fen),
        operating_fen: Fen(row.operating_fen),
        property_fen: Fen(row.property_fen),
        transfer_fen: Fen(row.transfer_fen),
        expenses_fen: Fen(row.expenses_fen),
        members,
        per_capita_net_fen,
        poverty_line_fen: line,
        above_line: line.map(|line| per_capita_net_fen > line),
    })
}

pub async fn member_count(db: &impl ConnectionTrait, household_id: i64) -> AppResult<u64> {
    Ok(member::Entity::find().filter(member::Column::HouseholdId.eq(household_id)).count(db).await?)
}

/// One year's record with its per-capita figure, `None` when that year has none.
pub async fn for_year(db: &impl ConnectionTrait, household_id: i64, year: i32) -> AppResult<Option<IncomeRecordDto>> {
    let row = income_record::Entity::find()
        .filter(income_record::Column::HouseholdId.eq(household_id))
        .filter(income_record::Column::Year.eq(year))
        .one(db)
        .await?;
    match row {
        Some(row) => {
            let members = member_count(db, household_id).await?;
            Ok(Some(to_dto(db, &row, members).await?))
        }
        None => Ok(None),
    }
}

/// Every year's record of a household, newest first.
pub async fn list(db: &impl ConnectionTrait, user: &CurrentUser, id: HouseholdId) -> AppResult<Vec<IncomeRecordDto>> {
    let household = households::find_visible(db, user, id).await?;
    let members = member_count(db, household.id).await?;
    let rows = income_record::Entity::find()
        .filter(income_record::Column::HouseholdId.eq(household.id))
        .order_by_desc(income_record::Column::Year)
        .all(db)
        .await?;
    let mut out = Vec::with_capacity(rows.len());
    for row in &rows {
        out.push(to_dto(db, row, members).await?);
    }
    Ok(out)
}

/// Records (or replaces) one year's income.
pub async fn upsert(
    db: &DatabaseConnection,
    user: &CurrentUser,
    id: HouseholdId,
    input: IncomeInput,
) -> AppResult<IncomeRecordDto> {
    user.require(WRITERS)?;
    let txn = db.begin().await?;
    let household = households::find_visible(&txn, user, id).await?;
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
        if !(0..=100_000_000_000).contains(&value.0) {
            v.add(field, "金额须在 0 到 10 亿元之间");
        }
    }
    v.finish()?;
    let existing = income_record::Entity::find()
        .filter(income_record::Column::HouseholdId.eq(household.id))
        .filter(income_record::Column::Year.eq(input.year))
        .one(&txn)
        .await?;
    let before = existing.clone();
    let mut active = match existing {
        Some(row) => row.into_active_model(),
        None => {
            income_record::ActiveModel { household_id: Set(household.id), year: Set(input.year), ..Default::default() }
        }
    };
    active.wage_fen = Set(input.wage_fen.0);
    active.operating_fen = Set(input.operating_fen.0);
    active.property_fen = Set(input.property_fen.0);
    active.transfer_fen = Set(input.transfer_fen.0);
    active.expenses_fen = Set(input.expenses_fen.0);
    let row = active.save(&txn).await?;
    let row: income_record::Model = row.try_into_model().map_err(|e| AppError::Internal(e.to_string()))?;
    let members = member_count(&txn, household.id).await?;
    let dto = to_dto(&txn, &row, members).await?;
    let event = Event::new(if before.is_some() { "update" } else { "create" }, "income_record", row.id).after(&dto);
    let event = match &before {
        Some(b) => event.before(&serde_json::json!({ "wage_fen": b.wage_fen, "operating_fen": b.operating_fen,
            "property_fen": b.property_fen, "transfer_fen": b.transfer_fen, "expenses_fen": b.expenses_fen })),
        None => event,
    };
    audit::record(&txn, Some(user), event).await?;
    txn.commit().await?;
    Ok(dto)
}
