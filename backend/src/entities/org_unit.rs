//! `org_unit`: district, townships and villages.

use jingzhun_shared::OrgLevel;
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "org_unit")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub parent_id: Option<i64>,
    pub level: OrgLevel,
    pub name: String,
    #[sea_orm(unique)]
    pub code: String,
    /// Ids from the root down to this unit, "/1/3/17/".
    pub path: String,
    pub is_poor_village: bool,
    pub exit_year: Option<i32>,
    pub rural_population: Option<i64>,
    pub version: i32,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
