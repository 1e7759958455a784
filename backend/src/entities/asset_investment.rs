//! `asset_investment`: special-fund money invested in an asset whose income goes to households (资产收益).

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "asset_investment")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub org_unit_id: i64,
    pub org_path: String,
    pub township_id: Option<i64>,
    pub village_id: Option<i64>,
    pub year: i32,
    pub name: String,
    pub sector: String,
    pub amount_fen: i64,
    pub version: i32,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
