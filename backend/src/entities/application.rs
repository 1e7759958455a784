//! `application`: an entry, exit or removal going through "两公示一比对一公告".

use jingzhun_shared::{ApplicationKind, ApplicationStage, ApplicationStatus};
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "application")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub household_id: i64,
    pub kind: ApplicationKind,
    pub year: i32,
    pub stage: ApplicationStage,
    pub status: ApplicationStatus,
    /// The exit checklist as JSON.
    pub checklist: Option<String>,
    pub reason: Option<String>,
    pub stage_since: Date,
    pub version: i32,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
