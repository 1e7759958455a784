//! Dividends of a PV station, paid to households of the villages that share its income once it
//! is connected to the grid.

use chrono::Utc;
use jingzhun_shared::error::Validator;
use jingzhun_shared::industry::{CreatePvDividend, PvDividendDto};
use jingzhun_shared::{Capability, Fen, HouseholdId, PvDividendId, PvStationId};
use sea_orm::{ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder};

use super::placed::Placed;
use super::pv_stations::Stations;
use crate::actor::CurrentUser;
use crate::entities::{pv_dividend, pv_station, pv_station_village};
use crate::error::AppResult;
use crate::services::found;
use crate::services::registry::households;
use crate::services::txn::{Db, created, in_txn};
use crate::services::typed_date;

fn dividend_dto(d: &pv_dividend::Model) -> PvDividendDto {
    PvDividendDto {
        id: PvDividendId(d.id),
        station_id: PvStationId(d.station_id),
        household_id: HouseholdId(d.household_id),
        amount_fen: Fen::new(d.amount_fen),
        paid_on: d.paid_on,
    }
}

pub async fn dividends(
    db: &impl ConnectionTrait,
    user: &CurrentUser,
    id: PvStationId,
) -> AppResult<Vec<PvDividendDto>> {
    user.require(Capability::ReadFunds)?;
    let s = Stations::find(db, user, id.0).await?;
    let rows = pv_dividend::Entity::find()
        .filter(pv_dividend::Column::StationId.eq(s.id))
        .order_by_asc(pv_dividend::Column::PaidOn)
        .order_by_asc(pv_dividend::Column::Id)
        .all(db)
        .await?;
    Ok(rows.iter().map(dividend_dto).collect())
}

/// Pays a dividend to a household of one of the station's villages, once it is connected.
pub async fn add_dividend(
    db: &impl Db,
    user: &CurrentUser,
    id: PvStationId,
    input: CreatePvDividend,
) -> AppResult<PvDividendDto> {
    user.require(Capability::EditFunds)?;
    in_txn(db, Some(user), async |txn| {
        let s = Stations::find(txn, user, id.0).await?;
        check_dividend(txn, user, &s, &input).await?;
        let row = pv_dividend::ActiveModel {
            station_id: Set(s.id),
            household_id: Set(input.household_id.0),
            amount_fen: Set(input.amount_fen.fen()),
            paid_on: Set(input.paid_on),
            created_at: Set(Utc::now()),
            ..Default::default()
        }
        .insert(txn)
        .await?;
        let dto = dividend_dto(&row);
        Ok(created("pv_dividend", row.id, dto))
    })
    .await
}

/// Every reason the dividend cannot be paid, in one 422.
async fn check_dividend(
    db: &impl ConnectionTrait,
    user: &CurrentUser,
    s: &pv_station::Model,
    input: &CreatePvDividend,
) -> AppResult<()> {
    let mut v = Validator::new();
    match s.grid_connected_on {
        None => v.add("paid_on", "电站尚未并网，不能分红"),
        Some(on) if input.paid_on < on => v.add("paid_on", format!("分红日期不能早于并网日期 {on}")),
        Some(_) => {}
    }
    typed_date(&mut v, user, "paid_on", input.paid_on);
    v.check("amount_fen", input.amount_fen.positive_amount("金额"));
    let household = households::find_visible(db, user, input.household_id).await;
    if let Some(h) = found(&mut v, "household_id", "农户不存在", household)? {
        let shares = pv_station_village::Entity::find()
            .filter(pv_station_village::Column::StationId.eq(s.id))
            .filter(pv_station_village::Column::VillageId.eq(h.village_id))
            .one(db)
            .await?;
        if shares.is_none() {
            v.add("household_id", "该户所在村不在本电站的受益村中");
        }
    }
    Ok(v.finish()?)
}
