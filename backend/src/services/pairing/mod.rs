//! Pairing assistance (社会扶贫, 多企帮多村): partner enterprises, their pairings with villages
//! and households, the assistance they log (with photos; the district confirms, which locks a
//! log), gifts to campaigns, and the year's figures; cadres, their visits, households'
//! assistance plans and the villages' work teams (`cadres`, `visits`, `plans`, `teams`).
//!
//! Who reaches what is [`Reach`]: an `enterprise` account its own enterprise's pairings and
//! logs and nothing else (another's is 404), everybody else the pairings touching their org
//! subtree. An enterprise reads village names and household heads' names of its pairings and
//! no other personal data: the DTOs here carry none.

use jingzhun_shared::Role;
use sea_orm::sea_query::{Condition, Query};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait};

use crate::actor::CurrentUser;
use crate::entities::{app_user, pairing, pairing_household, pairing_village};
use crate::error::{AppError, AppResult};

pub mod cadres;
pub mod coverage;
pub mod donations;
pub mod enterprises;
pub mod figures;
pub mod logs;
pub mod pairings;
pub mod photos;
pub mod plans;
pub mod team_days;
pub mod team_log;
pub mod team_rates;
pub mod teams;
pub mod visits;

/// What part of the pairing records a user reaches.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Reach {
    /// An enterprise account: its own enterprise only.
    Enterprise(i64),
    /// Pairings touching the org subtree with this path.
    Subtree(String),
}

impl Reach {
    /// The reach of `user`; an enterprise account without an enterprise reaches nothing (403).
    pub async fn of(db: &impl ConnectionTrait, user: &CurrentUser) -> AppResult<Reach> {
        if user.role != Role::Enterprise {
            return Ok(Reach::Subtree(user.org_path.clone()));
        }
        let account = app_user::Entity::find_by_id(user.id.0).one(db).await?.ok_or(AppError::Unauthorized)?;
        account
            .enterprise_id
            .map(Reach::Enterprise)
            .ok_or_else(|| AppError::Forbidden("该账号未关联帮扶企业".to_owned()))
    }

    /// The condition "a pairing reached" on `pairing`.
    pub fn pairings(&self) -> Condition {
        match self {
            Reach::Enterprise(id) => Condition::all().add(pairing::Column::EnterpriseId.eq(*id)),
            Reach::Subtree(path) => touching(path),
        }
    }

    /// Whether an enterprise's records are reached as a whole (the district, or the enterprise
    /// itself).
    pub fn whole_enterprise(&self, user: &CurrentUser, enterprise_id: i64) -> bool {
        match self {
            Reach::Enterprise(own) => *own == enterprise_id,
            Reach::Subtree(_) => user.org_level == jingzhun_shared::OrgLevel::District,
        }
    }
}

/// Pairings with a village or a household in the subtree with this path.
pub fn touching(path: &str) -> Condition {
    let villages = Query::select()
        .column(pairing_village::Column::PairingId)
        .from(pairing_village::Entity)
        .and_where(pairing_village::Column::OrgPath.starts_with(path))
        .to_owned();
    let households = Query::select()
        .column(pairing_household::Column::PairingId)
        .from(pairing_household::Entity)
        .and_where(pairing_household::Column::OrgPath.starts_with(path))
        .to_owned();
    Condition::any().add(pairing::Column::Id.in_subquery(villages)).add(pairing::Column::Id.in_subquery(households))
}
