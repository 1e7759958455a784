//! `application_step`: each step an application took, who took it and when.

use jingzhun_shared::ApplicationStage;
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "application_step")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub application_id: i64,
    /// The stage reached, or the stage at which it was rejected.
    pub stage: ApplicationStage,
    pub rejected: bool,
    pub on_date: Date,
    pub at: DateTimeUtc,
    pub user_id: i64,
    pub username: String,
    pub note: Option<String>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
