//! `member`: a person of a household; the ID-card number is unique in the whole district.

use jingzhun_shared::{HealthStatus, Labour, Relation as Kinship, Sex};
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "member")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub household_id: i64,
    pub name: String,
    #[sea_orm(unique)]
    pub id_card_no: String,
    pub sex: Sex,
    pub birth_date: Date,
    pub relation: Kinship,
    pub health: HealthStatus,
    pub labour: Labour,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
