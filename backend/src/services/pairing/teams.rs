//! Resident work teams (驻村工作队): one team per village, members drawn from the cadres (one
//! of them leads), set up by the district. Who reaches a team is [`TeamReach`]: a cadre
//! account the teams it belongs to, everybody else the teams of their subtree (another's is
//! 404). Attendance, leave and the log are in `team_days`, the month's rates in `team_rates`.

use std::collections::HashMap;

use chrono::Utc;
use jingzhun_shared::error::Validator;
use jingzhun_shared::page::{Page, PageQuery};
use jingzhun_shared::pairing::{AddTeamMember, CreateWorkTeam, TeamMemberDto, WorkTeamDto, WorkTeamQuery};
use jingzhun_shared::{CadreId, Capability, OrgLevel, TeamMemberId, WorkTeamId};
use sea_orm::sea_query::{Condition, Expr, Query};
use sea_orm::{ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder};

use super::cadres::CadreReach;
use crate::actor::CurrentUser;
use crate::entities::{cadre, team_member, village_profile, work_team};
use crate::error::{AppError, AppResult};
use crate::services::org::org_units;
use crate::services::txn::{Db, created, in_txn, updated};
use crate::services::{by_ids, found, paginate, typed_date, with_items};

/// What part of the work teams a user reaches.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TeamReach {
    /// A cadre account: the teams it belongs to, as this cadre.
    Member(i64),
    /// The teams of the villages under this org path.
    Subtree(String),
}

impl TeamReach {
    /// The reach of `user`, after the capability to read cadre records (403 without).
    pub async fn of(db: &impl ConnectionTrait, user: &CurrentUser) -> AppResult<TeamReach> {
        Ok(match CadreReach::of(db, user).await? {
            CadreReach::Own(cadre) => TeamReach::Member(cadre),
            CadreReach::Subtree(path) => TeamReach::Subtree(path),
        })
    }

    /// The condition "a team reached" on `work_team`.
    pub fn teams(&self) -> Condition {
        match self {
            TeamReach::Member(cadre) => {
                let own = Query::select()
                    .column(team_member::Column::TeamId)
                    .from(team_member::Entity)
                    .and_where(team_member::Column::CadreId.eq(*cadre))
                    .to_owned();
                Condition::all().add(work_team::Column::Id.in_subquery(own))
            }
            TeamReach::Subtree(path) => Condition::all().add(work_team::Column::OrgPath.starts_with(path)),
        }
    }

    /// The ids of every team reached.
    pub async fn team_ids(&self, db: &impl ConnectionTrait) -> AppResult<Vec<i64>> {
        let rows = work_team::Entity::find().filter(self.teams()).all(db).await?;
        Ok(rows.into_iter().map(|t| t.id).collect())
    }
}

/// The team if `user` reaches it; 404 otherwise, so that scope never tells what exists.
pub async fn find(db: &impl ConnectionTrait, user: &CurrentUser, id: WorkTeamId) -> AppResult<work_team::Model> {
    let reach = TeamReach::of(db, user).await?;
    work_team::Entity::find_by_id(id.0).filter(reach.teams()).one(db).await?.ok_or(AppError::NotFound)
}

/// Teams as DTOs with their village, whether it is a poor village, and their members.
pub async fn dtos(db: &impl ConnectionTrait, rows: &[work_team::Model]) -> AppResult<Vec<WorkTeamDto>> {
    let units = org_units::by_ids(db, rows.iter().map(|t| t.village_id).collect()).await?;
    let members = team_member::Entity::find()
        .filter(team_member::Column::TeamId.is_in(rows.iter().map(|t| t.id)))
        .order_by_desc(team_member::Column::Leader)
        .order_by_asc(team_member::Column::Id)
        .all(db)
        .await?;
    let cadres = by_ids::<cadre::Entity>(db, members.iter().map(|m| m.cadre_id).collect(), |c| c.id).await?;
    // A village's latest profile says whether it is on the poor list.
    let mut poor: HashMap<i64, (i32, bool)> = HashMap::new();
    let profiles = village_profile::Entity::find()
        .filter(village_profile::Column::OrgUnitId.is_in(rows.iter().map(|t| t.village_id)))
        .all(db)
        .await?;
    for p in profiles {
        let entry = poor.entry(p.org_unit_id).or_insert((p.year, p.is_poor_village));
        if p.year >= entry.0 {
            *entry = (p.year, p.is_poor_village);
        }
    }
    Ok(rows
        .iter()
        .map(|t| WorkTeamDto {
            id: WorkTeamId(t.id),
            village: org_units::unit_ref(&units, t.village_id),
            poor_village: poor.get(&t.village_id).is_some_and(|(_, is_poor)| *is_poor),
            since: t.since,
            members: members
                .iter()
                .filter(|m| m.team_id == t.id)
                .map(|m| {
                    let c = cadres.get(&m.cadre_id);
                    TeamMemberDto {
                        id: TeamMemberId(m.id),
                        cadre_id: CadreId(m.cadre_id),
                        name: c.map(|c| c.name.clone()).unwrap_or_default(),
                        unit: c.map(|c| c.unit.clone()).unwrap_or_default(),
                        leader: m.leader,
                        since: m.since,
                    }
                })
                .collect(),
        })
        .collect())
}

pub async fn list(db: &impl ConnectionTrait, user: &CurrentUser, query: WorkTeamQuery) -> AppResult<Page<WorkTeamDto>> {
    let reach = TeamReach::of(db, user).await?;
    let mut select = work_team::Entity::find().filter(reach.teams()).order_by_asc(work_team::Column::OrgPath);
    if let Some(unit) = query.org_unit {
        let unit = org_units::find_visible(db, user, unit).await?;
        select = select.filter(work_team::Column::OrgPath.starts_with(&unit.path));
    }
    let page = paginate(db, select, PageQuery { page: query.page, per_page: query.per_page }, |t| t).await?;
    let items = dtos(db, &page.items).await?;
    Ok(with_items(page, items))
}

pub async fn create(db: &impl Db, user: &CurrentUser, input: CreateWorkTeam) -> AppResult<WorkTeamDto> {
    user.require(Capability::ManageCadres)?;
    in_txn(db, Some(user), async |txn| {
        let mut v = Validator::new();
        let village = found(
            &mut v,
            "village_id",
            "村不存在或不在您的管辖范围",
            org_units::find_visible(txn, user, input.village_id).await,
        )?;
        if village.as_ref().is_some_and(|u| u.level != OrgLevel::Village) {
            v.add("village_id", "工作队须派驻到村");
        }
        typed_date(&mut v, user, "since", input.since);
        v.finish()?;
        let village = village.ok_or(AppError::NotFound)?;
        let row = work_team::ActiveModel {
            village_id: Set(village.id),
            org_path: Set(village.path.clone()),
            since: Set(input.since),
            created_at: Set(Utc::now()),
            ..Default::default()
        }
        .insert(txn)
        .await?;
        let dto = dtos(txn, std::slice::from_ref(&row)).await?.pop().ok_or(AppError::NotFound)?;
        Ok(created("work_team", row.id, dto))
    })
    .await
}

/// Adds a cadre to a team; a new leader takes the lead from the old one. The same cadre twice
/// on a team is 409.
pub async fn add_member(
    db: &impl Db,
    user: &CurrentUser,
    id: WorkTeamId,
    input: AddTeamMember,
) -> AppResult<WorkTeamDto> {
    user.require(Capability::ManageCadres)?;
    in_txn(db, Some(user), async |txn| {
        let team = find(txn, user, id).await?;
        let before = dtos(txn, std::slice::from_ref(&team)).await?;
        let mut v = Validator::new();
        if cadre::Entity::find_by_id(input.cadre_id.0).one(txn).await?.is_none() {
            v.add("cadre_id", "干部不存在");
        }
        typed_date(&mut v, user, "since", input.since);
        v.finish()?;
        if input.leader {
            team_member::Entity::update_many()
                .col_expr(team_member::Column::Leader, Expr::value(false))
                .filter(team_member::Column::TeamId.eq(team.id))
                .exec(txn)
                .await?;
        }
        team_member::ActiveModel {
            team_id: Set(team.id),
            cadre_id: Set(input.cadre_id.0),
            leader: Set(input.leader),
            since: Set(input.since),
            ..Default::default()
        }
        .insert(txn)
        .await?;
        let dto = dtos(txn, std::slice::from_ref(&team)).await?.pop().ok_or(AppError::NotFound)?;
        Ok(updated("work_team", team.id, &before, dto))
    })
    .await
}
