//! A work team's days: members at the post (在岗, one row per member and day, never after
//! today), leave requests decided by a district or township official (请销假), and the team
//! log (工作日志, in `team_log`). A cadre account acts for itself on the teams it belongs to; a clerk or an
//! official names the member, on the teams of their subtree.

use chrono::Utc;
use jingzhun_shared::error::Validator;
use jingzhun_shared::page::{Page, PageQuery};
use jingzhun_shared::pairing::{
    AskLeave, AttendanceDto, AttendanceQuery, DecideLeave, LEAVE_MAX_DAYS, LeaveDto, LeaveQuery, LeaveStatus,
    MarkAttendance,
};
use jingzhun_shared::text::NOTE_MAX;
use jingzhun_shared::{AttendanceId, CadreId, Capability, LeaveRequestId, WorkTeamId};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter,
    QueryOrder,
};

use sea_orm::sea_query::Expr;

use super::teams::{self, TeamReach};
use super::visits::month_bounds;
use crate::actor::CurrentUser;
use crate::entities::{attendance, cadre, leave_request, team_member, work_team};
use crate::error::{AppError, AppResult};
use crate::services::org::org_units;
use crate::services::txn::{Db, created, in_txn, updated};
use crate::services::{by_ids, optional_note, paginate, required_text, typed_date, with_items};

/// The member a day or a leave is for: a cadre account itself; else the cadre named, which
/// must be on the team (422 on `cadre_id` otherwise).
async fn member(
    db: &impl ConnectionTrait,
    user: &CurrentUser,
    v: &mut Validator,
    team: &work_team::Model,
    named: Option<CadreId>,
) -> AppResult<Option<team_member::Model>> {
    let cadre = match (TeamReach::of(db, user).await?, named) {
        (TeamReach::Member(own), _) => own,
        (TeamReach::Subtree(_), Some(named)) => named.0,
        (TeamReach::Subtree(_), None) => {
            v.add("cadre_id", "请选择队员");
            return Ok(None);
        }
    };
    let row = team_member::Entity::find()
        .filter(team_member::Column::TeamId.eq(team.id))
        .filter(team_member::Column::CadreId.eq(cadre))
        .one(db)
        .await?;
    if row.is_none() {
        v.add("cadre_id", "该干部不是本工作队队员");
    }
    Ok(row)
}

/// The filter of a team named in a query, 404 when it is not reached; else every team reached.
pub(super) async fn team_filter(
    db: &impl ConnectionTrait,
    user: &CurrentUser,
    team: Option<WorkTeamId>,
) -> AppResult<Vec<i64>> {
    match team {
        Some(id) => Ok(vec![teams::find(db, user, id).await?.id]),
        None => TeamReach::of(db, user).await?.team_ids(db).await,
    }
}

async fn cadre_names(db: &impl ConnectionTrait, ids: Vec<i64>) -> AppResult<std::collections::HashMap<i64, String>> {
    Ok(by_ids::<cadre::Entity>(db, ids, |c| c.id).await?.into_iter().map(|(id, c)| (id, c.name)).collect())
}

async fn attendance_dtos(db: &impl ConnectionTrait, rows: &[attendance::Model]) -> AppResult<Vec<AttendanceDto>> {
    let names = cadre_names(db, rows.iter().map(|a| a.cadre_id).collect()).await?;
    Ok(rows
        .iter()
        .map(|a| AttendanceDto {
            id: AttendanceId(a.id),
            team_id: WorkTeamId(a.team_id),
            cadre_id: CadreId(a.cadre_id),
            cadre_name: names.get(&a.cadre_id).cloned().unwrap_or_default(),
            date: a.date,
            recorded_by: a.username.clone(),
        })
        .collect())
}

pub async fn attendance(
    db: &impl ConnectionTrait,
    user: &CurrentUser,
    query: AttendanceQuery,
) -> AppResult<Page<AttendanceDto>> {
    let teams = team_filter(db, user, query.team_id).await?;
    let mut select = attendance::Entity::find()
        .filter(attendance::Column::TeamId.is_in(teams))
        .order_by_desc(attendance::Column::Date)
        .order_by_asc(attendance::Column::Id);
    if let Some(cadre) = query.cadre_id {
        select = select.filter(attendance::Column::CadreId.eq(cadre.0));
    }
    if let Some(month) = query.month.as_deref().filter(|m| !m.trim().is_empty()) {
        let (from, to) = month_bounds(month)?;
        select = select.filter(attendance::Column::Date.between(from, to));
    }
    let page = paginate(db, select, PageQuery { page: query.page, per_page: query.per_page }, |a| a).await?;
    let items = attendance_dtos(db, &page.items).await?;
    Ok(with_items(page, items))
}

/// A member at the post on a day up to today, at most once a day (409 the second time); a
/// cadre account marks only today.
pub async fn mark_attendance(
    db: &impl Db,
    user: &CurrentUser,
    id: WorkTeamId,
    input: MarkAttendance,
) -> AppResult<AttendanceDto> {
    user.require(Capability::RecordAttendance)?;
    in_txn(db, Some(user), async |txn| {
        let team = teams::find(txn, user, id).await?;
        let mut v = Validator::new();
        let member = member(txn, user, &mut v, &team, input.cadre_id).await?;
        typed_date(&mut v, user, "date", input.date);
        // A cadre signs in for the day it is at the post; an earlier day (from a paper sheet)
        // is recorded by the village clerk or an official, in their name.
        if matches!(TeamReach::of(txn, user).await?, TeamReach::Member(_)) && input.date < user.today {
            v.add("date", "队员只能签到当天；补记往日出勤请联系村专干");
        }
        if member.as_ref().is_some_and(|m| input.date < m.since) {
            v.add("date", "该日期早于入队日期");
        }
        v.finish()?;
        let member = member.ok_or(AppError::NotFound)?;
        let twice = attendance::Entity::find()
            .filter(attendance::Column::TeamId.eq(team.id))
            .filter(attendance::Column::CadreId.eq(member.cadre_id))
            .filter(attendance::Column::Date.eq(input.date))
            .count(txn)
            .await?;
        if twice > 0 {
            return Err(AppError::Conflict { code: "attendance_recorded", message: "当天已签到".to_owned() });
        }
        let row = attendance::ActiveModel {
            team_id: Set(team.id),
            cadre_id: Set(member.cadre_id),
            date: Set(input.date),
            username: Set(user.username.clone()),
            created_at: Set(Utc::now()),
            ..Default::default()
        }
        .insert(txn)
        .await?;
        let dto = attendance_dtos(txn, std::slice::from_ref(&row)).await?.pop().ok_or(AppError::NotFound)?;
        Ok(created("attendance", row.id, dto))
    })
    .await
}

async fn leave_dtos(db: &impl ConnectionTrait, rows: &[leave_request::Model]) -> AppResult<Vec<LeaveDto>> {
    let names = cadre_names(db, rows.iter().map(|l| l.cadre_id).collect()).await?;
    let teams = by_ids::<work_team::Entity>(db, rows.iter().map(|l| l.team_id).collect(), |t| t.id).await?;
    let units = org_units::by_ids(db, teams.values().map(|t| t.village_id).collect()).await?;
    Ok(rows
        .iter()
        .map(|l| LeaveDto {
            id: LeaveRequestId(l.id),
            team_id: WorkTeamId(l.team_id),
            village: org_units::unit_ref(&units, teams.get(&l.team_id).map_or(0, |t| t.village_id)),
            cadre_id: CadreId(l.cadre_id),
            cadre_name: names.get(&l.cadre_id).cloned().unwrap_or_default(),
            from: l.starts_on,
            to: l.ends_on,
            reason: l.reason.clone(),
            status: l.status,
            decided_by: l.decided_by.clone(),
            decided_on: l.decided_on,
            decision_note: l.decision_note.clone(),
        })
        .collect())
}

pub async fn leave_requests(
    db: &impl ConnectionTrait,
    user: &CurrentUser,
    query: LeaveQuery,
) -> AppResult<Page<LeaveDto>> {
    let teams = team_filter(db, user, query.team_id).await?;
    let mut select = leave_request::Entity::find()
        .filter(leave_request::Column::TeamId.is_in(teams))
        .order_by_desc(leave_request::Column::StartsOn)
        .order_by_desc(leave_request::Column::Id);
    if let Some(status) = query.status {
        select = select.filter(leave_request::Column::Status.eq(status));
    }
    let page = paginate(db, select, PageQuery { page: query.page, per_page: query.per_page }, |l| l).await?;
    let items = leave_dtos(db, &page.items).await?;
    Ok(with_items(page, items))
}

/// A member asks for leave from a day to a day (at most [`LEAVE_MAX_DAYS`], not overlapping a
/// request pending or approved).
pub async fn ask_leave(db: &impl Db, user: &CurrentUser, id: WorkTeamId, input: AskLeave) -> AppResult<LeaveDto> {
    user.require(Capability::RecordAttendance)?;
    in_txn(db, Some(user), async |txn| {
        let team = teams::find(txn, user, id).await?;
        let mut v = Validator::new();
        let member = member(txn, user, &mut v, &team, input.cadre_id).await?;
        let reason = required_text(&mut v, "reason", &input.reason, NOTE_MAX, "请假事由");
        if input.to < input.from {
            v.add("to", "结束日期不能早于开始日期");
        } else if (input.to - input.from).num_days() >= LEAVE_MAX_DAYS {
            v.add("to", format!("一次请假不超过 {LEAVE_MAX_DAYS} 天"));
        }
        if let Some(m) = &member {
            let overlapping = leave_request::Entity::find()
                .filter(leave_request::Column::TeamId.eq(team.id))
                .filter(leave_request::Column::CadreId.eq(m.cadre_id))
                .filter(leave_request::Column::Status.ne(LeaveStatus::Refused))
                .filter(leave_request::Column::StartsOn.lte(input.to))
                .filter(leave_request::Column::EndsOn.gte(input.from))
                .count(txn)
                .await?;
            if overlapping > 0 {
                v.add("from", "与已有的请假时间重叠");
            }
        }
        v.finish()?;
        let member = member.ok_or(AppError::NotFound)?;
        let row = leave_request::ActiveModel {
            team_id: Set(team.id),
            cadre_id: Set(member.cadre_id),
            starts_on: Set(input.from),
            ends_on: Set(input.to),
            reason: Set(reason),
            status: Set(LeaveStatus::Pending),
            decided_by: Set(None),
            decided_on: Set(None),
            decision_note: Set(None),
            created_at: Set(Utc::now()),
            ..Default::default()
        }
        .insert(txn)
        .await?;
        let dto = leave_dtos(txn, std::slice::from_ref(&row)).await?.pop().ok_or(AppError::NotFound)?;
        Ok(created("leave_request", row.id, dto))
    })
    .await
}

/// A district or township official approves or refuses a pending request (409 once decided).
pub async fn decide_leave(
    db: &impl Db,
    user: &CurrentUser,
    id: LeaveRequestId,
    input: DecideLeave,
) -> AppResult<LeaveDto> {
    user.require(Capability::ApproveLeave)?;
    in_txn(db, Some(user), async |txn| {
        let teams = TeamReach::of(txn, user).await?.team_ids(txn).await?;
        let row = leave_request::Entity::find_by_id(id.0)
            .filter(leave_request::Column::TeamId.is_in(teams))
            .one(txn)
            .await?
            .ok_or(AppError::NotFound)?;
        if row.status != LeaveStatus::Pending {
            return Err(AppError::Conflict { code: "leave_decided", message: "该请假已审批".to_owned() });
        }
        let note = optional_note("note", input.note.as_deref())?;
        let before = leave_dtos(txn, std::slice::from_ref(&row)).await?;
        // Only while still pending, in the statement itself: of two officials deciding at
        // once, the second finds it decided (409) instead of overwriting the first.
        let decided = leave_request::Entity::update_many()
            .col_expr(
                leave_request::Column::Status,
                Expr::value(if input.approve { LeaveStatus::Approved } else { LeaveStatus::Refused }.as_str()),
            )
            .col_expr(leave_request::Column::DecidedBy, Expr::value(user.username.clone()))
            .col_expr(leave_request::Column::DecidedOn, Expr::value(user.today))
            .col_expr(leave_request::Column::DecisionNote, Expr::value(note))
            .filter(leave_request::Column::Id.eq(row.id))
            .filter(leave_request::Column::Status.eq(LeaveStatus::Pending))
            .exec(txn)
            .await?;
        if decided.rows_affected != 1 {
            return Err(AppError::Conflict { code: "leave_decided", message: "该请假已审批".to_owned() });
        }
        let row = leave_request::Entity::find_by_id(row.id).one(txn).await?.ok_or(AppError::NotFound)?;
        let dto = leave_dtos(txn, std::slice::from_ref(&row)).await?.pop().ok_or(AppError::NotFound)?;
        Ok(updated("leave_request", row.id, &before, dto))
    })
    .await
}
