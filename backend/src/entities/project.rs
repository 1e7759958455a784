//! `project`: a poverty-alleviation project (扶贫项目) financed by one batch.

use jingzhun_shared::{ProjectKind, ProjectStatus};
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "project")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub batch_id: i64,
    /// The batch's year, copied so rates filter one table.
    pub year: i32,
    pub name: String,
    pub kind: ProjectKind,
    pub district_id: i64,
    pub org_unit_id: i64,
    pub org_path: String,
    pub township_id: Option<i64>,
    pub village_id: Option<i64>,
    pub budget_fen: i64,
    /// Running sum of its expenditures.
    pub spent_fen: i64,
    pub status: ProjectStatus,
    pub started_on: Option<Date>,
    pub completed_on: Option<Date>,
    pub accepted_on: Option<Date>,
    pub beneficiary_households: i32,
    pub version: i32,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
