//! `pv_station`: a photovoltaic station (光伏电站).

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "pv_station")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub org_unit_id: i64,
    pub org_path: String,
    pub township_id: Option<i64>,
    pub village_id: Option<i64>,
    pub name: String,
    pub capacity_kw: i32,
    pub grid_connected_on: Option<Date>,
    pub version: i32,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
