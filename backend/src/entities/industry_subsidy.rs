//! `industry_subsidy`: an industry subsidy paid to a household (直补到户).

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "industry_subsidy")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub household_id: i64,
    pub village_id: i64,
    pub township_id: i64,
    pub org_path: String,
    pub item_id: i64,
    pub year: i32,
    /// Hundredths of the item's unit.
    pub quantity: i64,
    pub amount_fen: i64,
    pub capped: bool,
    pub note: Option<String>,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
