//! The month's attendance rate of each work team: the members' days at the post over their
//! working days of the month up to today (from the day each joined) less their approved leave,
//! in basis points. Only the days expected count as present: a day at the post on a weekend
//! is kept in the attendance but neither expected nor counted, so it cannot make up
//! for a missed working day. Computed from the rows every time, never stored.

use std::collections::{HashMap, HashSet};

use chrono::NaiveDate;
use jingzhun_shared::WorkTeamId;
use jingzhun_shared::pairing::{LeaveStatus, TeamRate, TeamRateQuery, TeamRates, attendance_rate_bp, working_days};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder};

use super::teams::TeamReach;
use super::visits::{month_bounds, month_of};
use crate::actor::CurrentUser;
use crate::entities::{attendance, leave_request, team_member, work_team};
use crate::error::AppResult;
use crate::services::org::org_units;

pub async fn rates(db: &impl ConnectionTrait, user: &CurrentUser, query: TeamRateQuery) -> AppResult<TeamRates> {
    let reach = TeamReach::of(db, user).await?;
    let month = query.month.clone().filter(|m| !m.trim().is_empty()).unwrap_or_else(|| month_of(user.today));
    let (first, last) = month_bounds(&month)?;
    let end = last.min(user.today);
    let unit = org_units::scope_unit(db, user, query.org_unit).await?;
    let teams = work_team::Entity::find()
        .filter(reach.teams())
        .filter(work_team::Column::OrgPath.starts_with(&unit.path))
        .order_by_asc(work_team::Column::OrgPath)
        .all(db)
        .await?;
    let ids: Vec<i64> = teams.iter().map(|t| t.id).collect();
    let members = team_member::Entity::find().filter(team_member::Column::TeamId.is_in(ids.clone())).all(db).await?;
    let mut present: HashMap<(i64, i64), HashSet<NaiveDate>> = HashMap::new();
    let days = attendance::Entity::find()
        .filter(attendance::Column::TeamId.is_in(ids.clone()))
        .filter(attendance::Column::Date.between(first, end))
        .all(db)
        .await?;
    for a in days {
        present.entry((a.team_id, a.cadre_id)).or_default().insert(a.date);
    }
    let mut on_leave: HashMap<(i64, i64), HashSet<NaiveDate>> = HashMap::new();
    let leave = leave_request::Entity::find()
        .filter(leave_request::Column::TeamId.is_in(ids))
        .filter(leave_request::Column::Status.eq(LeaveStatus::Approved))
        .filter(leave_request::Column::StartsOn.lte(end))
        .filter(leave_request::Column::EndsOn.gte(first))
        .all(db)
        .await?;
    for l in leave {
        on_leave.entry((l.team_id, l.cadre_id)).or_default().extend(working_days(l.starts_on, l.ends_on));
    }
    let units = org_units::by_ids(db, teams.iter().map(|t| t.village_id).collect()).await?;
    let none = HashSet::new();
    let lines = teams
        .iter()
        .map(|t| {
            let (mut count, mut here, mut expected) = (0u64, 0u64, 0u64);
            for m in members.iter().filter(|m| m.team_id == t.id) {
                count += 1;
                let key = (t.id, m.cadre_id);
                let (seen, away) = (present.get(&key).unwrap_or(&none), on_leave.get(&key).unwrap_or(&none));
                let due: HashSet<NaiveDate> =
                    working_days(first.max(m.since), end).filter(|d| !away.contains(d)).collect();
                expected += due.len() as u64;
                here += seen.intersection(&due).count() as u64;
            }
            TeamRate {
                team_id: WorkTeamId(t.id),
                village: org_units::unit_ref(&units, t.village_id),
                members: count,
                present_days: here,
                expected_days: expected,
                rate_bp: attendance_rate_bp(here, expected),
            }
        })
        .collect();
    Ok(TeamRates { month, teams: lines })
}
