//! `asset_investment_household`: a household benefiting from an asset-income investment.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "asset_investment_household")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub investment_id: i64,
    #[sea_orm(primary_key, auto_increment = false)]
    pub household_id: i64,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
