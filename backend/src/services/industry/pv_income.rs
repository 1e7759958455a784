//! PV income belongs to the village (光伏收益归村集体): a station's income of a year is recorded
//! once and credited to the villages that share the station, in equal parts with the odd fen
//! to the villages of lowest id ([`village_parts`]; the station model has no village shares).
//! The parts are stored when the income is recorded (`pv_income_credit`), so a later change
//! to the station's villages does not move income already credited and perhaps distributed.
//! [`credited_to_village`] is the one figure of a village's PV income that the distributions'
//! limit and the village's collective income read.

use std::collections::HashMap;

use chrono::{Datelike, Utc};
use jingzhun_shared::error::Validator;
use jingzhun_shared::industry::{CreatePvIncome, PvIncomeDto, VillageCredit, VillagePvIncome, village_parts};
use jingzhun_shared::{Capability, Fen, OrgLevel, OrgUnitId, PvIncomeId, PvStationId};
use sea_orm::sea_query::{Alias, Expr, ExprTrait, Query};
use sea_orm::{ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder};

use super::placed::Placed;
use super::pv_stations::Stations;
use crate::actor::CurrentUser;
use crate::entities::{pv_distribution, pv_income, pv_income_credit, pv_station_village};
use crate::error::{AppError, AppResult};
use crate::services::bulk;
use crate::services::org::org_units;
use crate::services::txn::{Db, created, in_txn};
use crate::services::typed_date;

/// `CAST(SUM(amount_fen) AS BIGINT)` of `table` where `village_id` and `year` match.
async fn village_sum(db: &impl ConnectionTrait, table: Alias, village_id: i64, year: i32) -> AppResult<Fen> {
    let query = Query::select()
        .expr_as(Expr::cust("CAST(SUM(amount_fen) AS BIGINT)"), Alias::new("fen"))
        .from(table)
        .and_where(Expr::col(Alias::new("village_id")).eq(village_id))
        .and_where(Expr::col(Alias::new("year")).eq(year))
        .to_owned();
    let fen = match db.query_one(&query).await? {
        Some(row) => row.try_get::<Option<i64>>("", "fen")?.unwrap_or(0),
        None => 0,
    };
    Ok(Fen::new(fen))
}

/// The PV income of `year` credited to the village: its parts of its stations' incomes.
pub async fn credited_to_village(db: &impl ConnectionTrait, village_id: i64, year: i32) -> AppResult<Fen> {
    village_sum(db, Alias::new("pv_income_credit"), village_id, year).await
}

/// What was paid to the village's households from its PV income of `year`, of every kind.
pub async fn distributed_in_village(db: &impl ConnectionTrait, village_id: i64, year: i32) -> AppResult<Fen> {
    village_sum(db, Alias::new("pv_distribution"), village_id, year).await
}

/// A village's PV income of a year: credited, distributed, left.
pub async fn village_income(
    db: &impl ConnectionTrait,
    user: &CurrentUser,
    id: OrgUnitId,
    year: i32,
) -> AppResult<VillagePvIncome> {
    user.require(Capability::ReadFunds)?;
    let village = org_units::find_visible(db, user, id).await?;
    if village.level != OrgLevel::Village {
        return Err(AppError::NotFound);
    }
    let credited_fen = credited_to_village(db, village.id, year).await?;
    let distributed_fen = distributed_in_village(db, village.id, year).await?;
    let left_fen = credited_fen.checked_sub(distributed_fen).unwrap_or(Fen::ZERO);
    Ok(VillagePvIncome { village_id: id, year, credited_fen, distributed_fen, left_fen })
}

async fn income_dtos(db: &impl ConnectionTrait, rows: &[pv_income::Model]) -> AppResult<Vec<PvIncomeDto>> {
    let ids: Vec<i64> = rows.iter().map(|i| i.id).collect();
    let credits = pv_income_credit::Entity::find()
        .filter(pv_income_credit::Column::IncomeId.is_in(ids))
        .order_by_asc(pv_income_credit::Column::VillageId)
        .all(db)
        .await?;
    let units = org_units::by_ids(db, credits.iter().map(|c| c.village_id).collect()).await?;
    let mut by_income: HashMap<i64, Vec<VillageCredit>> = HashMap::new();
    for c in &credits {
        by_income.entry(c.income_id).or_default().push(VillageCredit {
            village: org_units::unit_ref(&units, c.village_id),
            amount_fen: Fen::new(c.amount_fen),
        });
    }
    Ok(rows
        .iter()
        .map(|i| PvIncomeDto {
            id: PvIncomeId(i.id),
            station_id: PvStationId(i.station_id),
            year: i.year,
            amount_fen: Fen::new(i.amount_fen),
            recorded_on: i.recorded_on,
            credited: by_income.remove(&i.id).unwrap_or_default(),
        })
        .collect())
}

/// A station's incomes, by year.
pub async fn incomes(db: &impl ConnectionTrait, user: &CurrentUser, id: PvStationId) -> AppResult<Vec<PvIncomeDto>> {
    user.require(Capability::ReadFunds)?;
    let s = Stations::find(db, user, id.0).await?;
    let rows = pv_income::Entity::find()
        .filter(pv_income::Column::StationId.eq(s.id))
        .order_by_asc(pv_income::Column::Year)
        .all(db)
        .await?;
    income_dtos(db, &rows).await
}

/// The station's villages, by id.
async fn station_villages(db: &impl ConnectionTrait, station_id: i64) -> AppResult<Vec<i64>> {
    let mut villages: Vec<i64> = pv_station_village::Entity::find()
        .filter(pv_station_village::Column::StationId.eq(station_id))
        .all(db)
        .await?
        .into_iter()
        .map(|l| l.village_id)
        .collect();
    villages.sort_unstable();
    Ok(villages)
}

/// Records a connected station's income of a year (once) and credits it to its villages.
pub async fn add_income(
    db: &impl Db,
    user: &CurrentUser,
    id: PvStationId,
    input: CreatePvIncome,
) -> AppResult<PvIncomeDto> {
    user.require(Capability::EditFunds)?;
    in_txn(db, Some(user), async |txn| {
        let s = Stations::find(txn, user, id.0).await?;
        let villages = station_villages(txn, s.id).await?;
        let mut v = Validator::new();
        match s.grid_connected_on {
            None => v.add("year", "电站尚未并网，没有发电收益"),
            Some(on) if input.year < on.year() => v.add("year", format!("电站 {} 年才并网", on.year())),
            Some(_) => {}
        }
        if villages.is_empty() {
            v.add("year", "电站没有受益村，收益无处计入");
        }
        v.check("amount_fen", input.amount_fen.positive_amount("收益"));
        typed_date(&mut v, user, "recorded_on", input.recorded_on);
        if input.recorded_on.year() < input.year {
            v.add("recorded_on", "登记日期不能早于收益年度");
        }
        v.finish()?;
        let taken = pv_income::Entity::find()
            .filter(pv_income::Column::StationId.eq(s.id))
            .filter(pv_income::Column::Year.eq(input.year));
        if taken.one(txn).await?.is_some() {
            let message = format!("该电站 {} 年的收益已登记", input.year);
            return Err(AppError::Conflict { code: "pv_income_recorded", message });
        }
        let row = pv_income::ActiveModel {
            station_id: Set(s.id),
            year: Set(input.year),
            amount_fen: Set(input.amount_fen.fen()),
            recorded_on: Set(input.recorded_on),
            created_at: Set(Utc::now()),
            ..Default::default()
        }
        .insert(txn)
        .await?;
        credit(txn, &row, &villages).await?;
        let dto = income_dtos(txn, std::slice::from_ref(&row)).await?.into_iter().next().ok_or(AppError::NotFound)?;
        Ok(created("pv_income", row.id, dto))
    })
    .await
}

/// Credits `income` to `villages` (by id) in equal parts, the odd fen to the first.
pub(crate) async fn credit(db: &impl ConnectionTrait, income: &pv_income::Model, villages: &[i64]) -> AppResult<()> {
    let parts = village_parts(Fen::new(income.amount_fen), villages.len());
    let rows: Vec<pv_income_credit::ActiveModel> = villages
        .iter()
        .zip(parts)
        .map(|(village, part)| pv_income_credit::ActiveModel {
            income_id: Set(income.id),
            village_id: Set(*village),
            year: Set(income.year),
            amount_fen: Set(part.fen()),
        })
        .collect();
    bulk::insert(db, rows).await
}

/// `(income fen, distributed fen, households paid)` per station, all years.
pub(super) async fn station_totals(
    db: &impl ConnectionTrait,
    ids: Vec<i64>,
) -> AppResult<HashMap<i64, (i64, i64, i64)>> {
    let mut totals: HashMap<i64, (i64, i64, i64)> = HashMap::new();
    let incomes = Query::select()
        .column(pv_income::Column::StationId)
        .expr_as(Expr::cust("CAST(SUM(amount_fen) AS BIGINT)"), Alias::new("fen"))
        .from(pv_income::Entity)
        .and_where(pv_income::Column::StationId.is_in(ids.clone()))
        .group_by_col(pv_income::Column::StationId)
        .to_owned();
    for row in db.query_all(&incomes).await? {
        totals.entry(row.try_get("", "station_id")?).or_default().0 = row.try_get("", "fen")?;
    }
    let paid = Query::select()
        .column(pv_distribution::Column::StationId)
        .expr_as(Expr::cust("CAST(SUM(amount_fen) AS BIGINT)"), Alias::new("fen"))
        .expr_as(Expr::cust("COUNT(DISTINCT household_id)"), Alias::new("households"))
        .from(pv_distribution::Entity)
        .and_where(pv_distribution::Column::StationId.is_in(ids))
        .group_by_col(pv_distribution::Column::StationId)
        .to_owned();
    for row in db.query_all(&paid).await? {
        let entry = totals.entry(row.try_get("", "station_id")?).or_default();
        entry.1 = row.try_get("", "fen")?;
        entry.2 = row.try_get("", "households")?;
    }
    Ok(totals)
}
