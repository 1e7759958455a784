//! `fund_batch`: a batch of special funds (资金批次); its amount is the sum of its projects.

use jingzhun_shared::FundSource;
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "fund_batch")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub year: i32,
    pub seq: i32,
    pub name: String,
    pub document_no: String,
    pub source: FundSource,
    pub issued_on: Date,
    /// The district that received it.
    pub org_unit_id: i64,
    pub org_path: String,
    pub version: i32,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
