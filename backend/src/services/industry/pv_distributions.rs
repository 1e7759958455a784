//! Payments to households from the PV income credited to their village (光伏收益分配): wages of
//! public-welfare jobs (公益岗位), awards (奖补) and dividends (分红). Per village and year they
//! never add up to more than the income credited ([`credited_to_village`]); the check reads
//! both sums under a lock on the village's row held to the end of the transaction (`FOR UPDATE`
//! on PostgreSQL; SQLite's `BEGIN IMMEDIATE` lets one writer in at a time), so two payments at
//! once cannot both fit into the same room.

use chrono::{Datelike, Utc};
use jingzhun_shared::error::Validator;
use jingzhun_shared::industry::{CreatePvDistribution, PvDistributionDto};
use jingzhun_shared::{Capability, Fen, HouseholdId, OrgUnitId, PvDistributionId, PvStationId};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect,
};

use super::placed::Placed;
use super::pv_income::{credited_to_village, distributed_in_village};
use super::pv_stations::Stations;
use crate::actor::CurrentUser;
use crate::entities::{household, org_unit, pv_distribution, pv_station, pv_station_village};
use crate::error::AppResult;
use crate::services::registry::households;
use crate::services::txn::{Db, created, in_txn};
use crate::services::typed_date;
use crate::services::{by_ids, found};

fn distribution_dto(d: &pv_distribution::Model, h: Option<&household::Model>) -> PvDistributionDto {
    PvDistributionDto {
        id: PvDistributionId(d.id),
        station_id: PvStationId(d.station_id),
        village_id: OrgUnitId(d.village_id),
        household_id: HouseholdId(d.household_id),
        household_number: h.map(|h| h.number.clone()).unwrap_or_default(),
        head_name: h.map(|h| h.head_name.clone()).unwrap_or_default(),
        kind: d.kind,
        year: d.year,
        amount_fen: Fen::new(d.amount_fen),
        paid_on: d.paid_on,
    }
}

/// The payments made through a station, by date.
pub async fn distributions(
    db: &impl ConnectionTrait,
    user: &CurrentUser,
    id: PvStationId,
) -> AppResult<Vec<PvDistributionDto>> {
    user.require(Capability::ReadFunds)?;
    let s = Stations::find(db, user, id.0).await?;
    let rows = pv_distribution::Entity::find()
        .filter(pv_distribution::Column::StationId.eq(s.id))
        .order_by_asc(pv_distribution::Column::PaidOn)
        .order_by_asc(pv_distribution::Column::Id)
        .all(db)
        .await?;
    let households = by_ids::<household::Entity>(db, rows.iter().map(|d| d.household_id).collect(), |h| h.id).await?;
    Ok(rows.iter().map(|d| distribution_dto(d, households.get(&d.household_id))).collect())
}

/// Pays a household of one of the station's villages from the village's PV income of the
/// year; 422 when it would take the village's payments of that year above its income.
pub async fn add_distribution(
    db: &impl Db,
    user: &CurrentUser,
    id: PvStationId,
    input: CreatePvDistribution,
) -> AppResult<PvDistributionDto> {
    user.require(Capability::EditFunds)?;
    in_txn(db, Some(user), async |txn| {
        let s = Stations::find(txn, user, id.0).await?;
        let h = check_distribution(txn, user, &s, &input).await?;
        let row = pv_distribution::ActiveModel {
            station_id: Set(s.id),
            village_id: Set(h.village_id),
            household_id: Set(h.id),
            kind: Set(input.kind),
            year: Set(input.year),
            amount_fen: Set(input.amount_fen.fen()),
            paid_on: Set(input.paid_on),
            created_at: Set(Utc::now()),
            ..Default::default()
        }
        .insert(txn)
        .await?;
        let dto = distribution_dto(&row, Some(&h));
        Ok(created("pv_distribution", row.id, dto))
    })
    .await
}

/// The household paid, or every reason the payment cannot be made, in one 422.
async fn check_distribution(
    db: &impl ConnectionTrait,
    user: &CurrentUser,
    s: &pv_station::Model,
    input: &CreatePvDistribution,
) -> AppResult<household::Model> {
    let mut v = Validator::new();
    typed_date(&mut v, user, "paid_on", input.paid_on);
    if input.paid_on.year() < input.year {
        v.add("paid_on", "发放日期不能早于收益年度");
    }
    let amount = v.check("amount_fen", input.amount_fen.positive_amount("金额"));
    let household = households::find_visible(db, user, input.household_id).await;
    let mut household = found(&mut v, "household_id", "农户不存在", household)?;
    if let Some(h) = &household {
        let shares = pv_station_village::Entity::find()
            .filter(pv_station_village::Column::StationId.eq(s.id))
            .filter(pv_station_village::Column::VillageId.eq(h.village_id))
            .one(db)
            .await?;
        if shares.is_none() {
            v.add("household_id", "该户所在村不在本电站的受益村中");
            household = None;
        }
    }
    if let (Some(h), Some(amount)) = (&household, amount)
        && v.is_empty()
    {
        let village = org_unit::Entity::find_by_id(h.village_id).lock_exclusive().one(db).await?;
        let name = village.map(|u| u.name).unwrap_or_default();
        let credited = credited_to_village(db, h.village_id, input.year).await?;
        let paid = distributed_in_village(db, h.village_id, input.year).await?;
        let left = credited.checked_sub(paid).unwrap_or(Fen::ZERO);
        if amount > left {
            v.add(
                "amount_fen",
                format!(
                    "超出村集体光伏收益：{name} {} 年收益 {} 元，已分配 {} 元，尚可分配 {} 元",
                    input.year,
                    credited.to_yuan_string(),
                    paid.to_yuan_string(),
                    left.to_yuan_string()
                ),
            );
        }
    }
    Ok(v.finish_with(|| household)?)
}
