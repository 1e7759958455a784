//! `business_entity`: a business entity (新型经营主体) that drives households.

use jingzhun_shared::BusinessEntityKind;
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "business_entity")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub org_unit_id: i64,
    pub org_path: String,
    pub township_id: Option<i64>,
    pub village_id: Option<i64>,
    pub name: String,
    pub kind: BusinessEntityKind,
    pub industry: String,
    pub version: i32,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
