//! Photovoltaic poverty-alleviation stations (光伏扶贫电站) and the villages that share their
//! income.

use crate::services::typed_date;
use jingzhun_shared::error::Validator;
use jingzhun_shared::industry::{PvStationDto, PvStationInput, PvStationQuery};
use jingzhun_shared::page::{Page, PageQuery};
use jingzhun_shared::{Capability, Fen, OrgLevel, OrgUnitId, PvStationId};
use sea_orm::{ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder};

use super::placed::{self, Placed, one_dto, placed_basics};
use super::pv_income::station_totals;
use super::{in_use, under};
use crate::actor::CurrentUser;
use crate::entities::{pv_distribution, pv_income, pv_station, pv_station_village};
use crate::error::{AppError, AppResult};
use crate::services::org::org_units;
use crate::services::required_text;
use crate::services::txn::Db;

/// The PV station record type.
pub(super) struct Stations;

impl Placed for Stations {
    placed_basics!(pv_station);
    type Link = pv_station_village::Entity;
    type Input = PvStationInput;
    /// The name.
    type Fields = String;
    type Dto = PvStationDto;

    const AUDIT: &'static str = "pv_station";
    const LINK_OWNER: pv_station_village::Column = pv_station_village::Column::StationId;
    const LINKED: pv_station_village::Column = pv_station_village::Column::VillageId;

    fn check_fields(v: &mut Validator, user: &CurrentUser, input: &Self::Input) -> String {
        let name = required_text(v, "name", &input.name, jingzhun_shared::text::NAME_MAX, "电站名称");
        if !(1..=1_000_000).contains(&input.capacity_kw) {
            v.add("capacity_kw", "装机容量须在 1 到 1,000,000 千瓦之间");
        }
        if let Some(on) = input.grid_connected_on {
            typed_date(v, user, "grid_connected_on", on);
        }
        name
    }

    /// Every linked village must be a village in the caller's scope.
    async fn check_links(
        db: &impl ConnectionTrait,
        user: &CurrentUser,
        v: &mut Validator,
        input: &Self::Input,
    ) -> AppResult<Vec<i64>> {
        let mut villages: Vec<i64> = input.village_ids.iter().map(|v| v.0).collect();
        villages.sort_unstable();
        villages.dedup();
        for village in &villages {
            match org_units::find_visible(db, user, OrgUnitId(*village)).await {
                Ok(u) if u.level == OrgLevel::Village => {}
                Ok(_) | Err(AppError::NotFound) => {
                    v.add("village_ids", format!("{village} 不是您管辖范围内的村"));
                }
                Err(e) => return Err(e),
            }
        }
        Ok(villages)
    }

    fn fill(row: &mut Self::Row, name: String, input: &Self::Input) {
        row.name = Set(name);
        row.capacity_kw = Set(input.capacity_kw);
        row.grid_connected_on = Set(input.grid_connected_on);
    }

    /// With their villages and income and distribution totals, in five queries whatever the
    /// number of rows.
    async fn dtos(db: &impl ConnectionTrait, rows: &[Self::Model]) -> AppResult<Vec<PvStationDto>> {
        let ids: Vec<i64> = rows.iter().map(|s| s.id).collect();
        let villages = placed::links::<Self>(db, ids.clone()).await?;
        let totals = station_totals(db, ids).await?;
        let unit_ids = rows.iter().map(|s| s.org_unit_id).chain(villages.values().flatten().copied()).collect();
        let units = org_units::by_ids(db, unit_ids).await?;
        Ok(rows
            .iter()
            .map(|s| {
                let (income, distributed, households) = totals.get(&s.id).copied().unwrap_or_default();
                PvStationDto {
                    id: PvStationId(s.id),
                    name: s.name.clone(),
                    org_unit: org_units::unit_ref(&units, s.org_unit_id),
                    capacity_kw: s.capacity_kw,
                    villages: villages
                        .get(&s.id)
                        .into_iter()
                        .flatten()
                        .map(|v| org_units::unit_ref(&units, *v))
                        .collect(),
                    grid_connected_on: s.grid_connected_on,
                    income_fen: Fen::new(income),
                    distributed_fen: Fen::new(distributed),
                    distribution_households: u64::try_from(households).unwrap_or(0),
                    version: s.version,
                }
            })
            .collect())
    }
}

pub async fn station(db: &impl ConnectionTrait, user: &CurrentUser, id: PvStationId) -> AppResult<PvStationDto> {
    user.require(Capability::ReadFunds)?;
    one_dto::<Stations>(db, Stations::find(db, user, id.0).await?).await
}

pub async fn stations(
    db: &impl ConnectionTrait,
    user: &CurrentUser,
    query: PvStationQuery,
) -> AppResult<Page<PvStationDto>> {
    user.require(Capability::ReadFunds)?;
    let unit = org_units::scope_unit(db, user, query.org_unit_id).await?;
    let mut select = pv_station::Entity::find().filter(under(pv_station::Column::OrgPath, &unit));
    match query.grid_connected {
        Some(true) => select = select.filter(pv_station::Column::GridConnectedOn.is_not_null()),
        Some(false) => select = select.filter(pv_station::Column::GridConnectedOn.is_null()),
        None => {}
    }
    let select = select.order_by_asc(pv_station::Column::Id);
    placed::page::<Stations>(db, select, PageQuery { page: query.page, per_page: query.per_page }).await
}

/// Creates (`id` none) or replaces a station with the villages that share its income.
pub async fn save_station(
    db: &impl Db,
    user: &CurrentUser,
    id: Option<PvStationId>,
    input: PvStationInput,
) -> AppResult<PvStationDto> {
    placed::save::<Stations>(db, user, id.map(|id| id.0), input).await
}

/// Deletes a station without income or distributions; 409 otherwise.
pub async fn delete_station(db: &impl Db, user: &CurrentUser, id: PvStationId) -> AppResult<()> {
    placed::delete::<Stations>(db, user, id.0, async |txn, s| {
        let paid = pv_distribution::Entity::find().filter(pv_distribution::Column::StationId.eq(s.id)).one(txn).await?;
        let earned = pv_income::Entity::find().filter(pv_income::Column::StationId.eq(s.id)).one(txn).await?;
        if paid.is_some() || earned.is_some() { Err(in_use("该电站")) } else { Ok(()) }
    })
    .await
}
