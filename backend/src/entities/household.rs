//! `household`: a registered household (建档立卡户).

use jingzhun_shared::{HouseholdCategory, HouseholdStatus};
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "household")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub village_id: i64,
    pub township_id: i64,
    /// The village's org path, copied so scope filters need no join.
    pub org_path: String,
    #[sea_orm(unique)]
    pub number: String,
    /// The head's name, copied for search.
    pub head_name: String,
    pub category: HouseholdCategory,
    pub status: HouseholdStatus,
    pub exit_year: Option<i32>,
    pub removed_reason: Option<String>,
    /// Poverty causes as comma-separated snake_case words.
    pub causes: String,
    pub phone: Option<String>,
    pub latitude: Option<f64>,
    pub longitude: Option<f64>,
    pub version: i32,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
