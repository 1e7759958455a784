//! `/api/v1/work-teams`: teams and members, attendance, leave and its decision, the log and
//! the month's rates.

use actix_web::{HttpResponse, get, post, web};
use jingzhun_shared::page::Page;
use jingzhun_shared::pairing::{
    AddTeamMember, AskLeave, AttendanceDto, AttendanceQuery, CreateTeamLog, CreateWorkTeam, DecideLeave, LeaveDto,
    LeaveQuery, MarkAttendance, TeamLogDto, TeamLogQuery, TeamRateQuery, TeamRates, WorkTeamDto, WorkTeamQuery,
};
use jingzhun_shared::{LeaveRequestId, WorkTeamId};
use utoipa_actix_web::service_config::ServiceConfig;

use crate::actor::CurrentUser;
use crate::error::AppResult;
use crate::routes::respond::created;
use crate::services::pairing::{team_days, team_log, team_rates, teams};
use crate::state::AppState;

type Db = web::Data<AppState>;

pub fn routes(cfg: &mut ServiceConfig) {
    cfg.service(list_teams).service(create_team).service(add_member);
    cfg.service(list_attendance).service(mark_attendance).service(list_leave).service(ask_leave);
    cfg.service(decide_leave).service(list_log).service(add_log).service(rates);
}

/// Work teams with their members: a cadre account the teams it belongs to, others those of
/// their subtree.
#[utoipa::path(tag = "pairing", security(("bearer" = [])), params(WorkTeamQuery),
    responses((status = 200, body = Page<WorkTeamDto>)))]
#[get("/work-teams")]
pub async fn list_teams(
    state: Db,
    user: CurrentUser,
    query: web::Query<WorkTeamQuery>,
) -> AppResult<web::Json<Page<WorkTeamDto>>> {
    teams::list(&state.db, &user, query.into_inner()).await.map(web::Json)
}

/// A village's team (one per village; a second is 409).
#[utoipa::path(tag = "pairing", security(("bearer" = [])), request_body = CreateWorkTeam,
    responses((status = 201, body = WorkTeamDto), (status = 409, body = jingzhun_shared::ApiError),
        (status = 422, body = jingzhun_shared::ApiError)))]
#[post("/work-teams")]
pub async fn create_team(state: Db, user: CurrentUser, body: web::Json<CreateWorkTeam>) -> AppResult<HttpResponse> {
    Ok(created(teams::create(&state.db, &user, body.into_inner()).await?))
}

/// Adds a cadre to a team, perhaps as its leader.
#[utoipa::path(tag = "pairing", security(("bearer" = [])), params(("id" = i64, Path)), request_body = AddTeamMember,
    responses((status = 200, body = WorkTeamDto), (status = 409, body = jingzhun_shared::ApiError),
        (status = 422, body = jingzhun_shared::ApiError)))]
#[post("/work-teams/{id}/members")]
pub async fn add_member(
    state: Db,
    user: CurrentUser,
    id: web::Path<i64>,
    body: web::Json<AddTeamMember>,
) -> AppResult<web::Json<WorkTeamDto>> {
    teams::add_member(&state.db, &user, WorkTeamId(id.into_inner()), body.into_inner()).await.map(web::Json)
}

/// Days at the post, newest first.
#[utoipa::path(tag = "pairing", security(("bearer" = [])), params(AttendanceQuery),
    responses((status = 200, body = Page<AttendanceDto>)))]
#[get("/work-teams/attendance")]
pub async fn list_attendance(
    state: Db,
    user: CurrentUser,
    query: web::Query<AttendanceQuery>,
) -> AppResult<web::Json<Page<AttendanceDto>>> {
    team_days::attendance(&state.db, &user, query.into_inner()).await.map(web::Json)
}

/// A member at the post on a day up to today; twice the same day is 409.
#[utoipa::path(tag = "pairing", security(("bearer" = [])), params(("id" = i64, Path)), request_body = MarkAttendance,
    responses((status = 201, body = AttendanceDto), (status = 409, body = jingzhun_shared::ApiError),
        (status = 422, body = jingzhun_shared::ApiError)))]
#[post("/work-teams/{id}/attendance")]
pub async fn mark_attendance(
    state: Db,
    user: CurrentUser,
    id: web::Path<i64>,
    body: web::Json<MarkAttendance>,
) -> AppResult<HttpResponse> {
    let id = WorkTeamId(id.into_inner());
    Ok(created(team_days::mark_attendance(&state.db, &user, id, body.into_inner()).await?))
}

/// Leave requests, latest first.
#[utoipa::path(tag = "pairing", security(("bearer" = [])), params(LeaveQuery),
    responses((status = 200, body = Page<LeaveDto>)))]
#[get("/work-teams/leave")]
pub async fn list_leave(
    state: Db,
    user: CurrentUser,
    query: web::Query<LeaveQuery>,
) -> AppResult<web::Json<Page<LeaveDto>>> {
    team_days::leave_requests(&state.db, &user, query.into_inner()).await.map(web::Json)
}

/// A member asks for leave.
#[utoipa::path(tag = "pairing", security(("bearer" = [])), params(("id" = i64, Path)), request_body = AskLeave,
    responses((status = 201, body = LeaveDto), (status = 422, body = jingzhun_shared::ApiError)))]
#[post("/work-teams/{id}/leave")]
pub async fn ask_leave(
    state: Db,
    user: CurrentUser,
    id: web::Path<i64>,
    body: web::Json<AskLeave>,
) -> AppResult<HttpResponse> {
    Ok(created(team_days::ask_leave(&state.db, &user, WorkTeamId(id.into_inner()), body.into_inner()).await?))
}

/// A district or township official approves or refuses a pending request (409 once decided).
#[utoipa::path(tag = "pairing", security(("bearer" = [])), params(("id" = i64, Path)), request_body = DecideLeave,
    responses((status = 200, body = LeaveDto), (status = 409, body = jingzhun_shared::ApiError)))]
#[post("/work-teams/leave/{id}/decision")]
pub async fn decide_leave(
    state: Db,
    user: CurrentUser,
    id: web::Path<i64>,
    body: web::Json<DecideLeave>,
) -> AppResult<web::Json<LeaveDto>> {
    let id = LeaveRequestId(id.into_inner());
    team_days::decide_leave(&state.db, &user, id, body.into_inner()).await.map(web::Json)
}

/// The team log, newest first.
#[utoipa::path(tag = "pairing", security(("bearer" = [])), params(TeamLogQuery),
    responses((status = 200, body = Page<TeamLogDto>)))]
#[get("/work-teams/log")]
pub async fn list_log(
    state: Db,
    user: CurrentUser,
    query: web::Query<TeamLogQuery>,
) -> AppResult<web::Json<Page<TeamLogDto>>> {
    team_log::team_log(&state.db, &user, query.into_inner()).await.map(web::Json)
}

#[utoipa::path(tag = "pairing", security(("bearer" = [])), params(("id" = i64, Path)), request_body = CreateTeamLog,
    responses((status = 201, body = TeamLogDto), (status = 422, body = jingzhun_shared::ApiError)))]
#[post("/work-teams/{id}/log")]
pub async fn add_log(
    state: Db,
    user: CurrentUser,
    id: web::Path<i64>,
    body: web::Json<CreateTeamLog>,
) -> AppResult<HttpResponse> {
    Ok(created(team_log::add_log(&state.db, &user, WorkTeamId(id.into_inner()), body.into_inner()).await?))
}

/// Each team's attendance rate for a month: days present over working days up to today less
/// approved leave.
#[utoipa::path(tag = "pairing", security(("bearer" = [])), params(TeamRateQuery),
    responses((status = 200, body = TeamRates)))]
#[get("/work-teams/rates")]
pub async fn rates(state: Db, user: CurrentUser, query: web::Query<TeamRateQuery>) -> AppResult<web::Json<TeamRates>> {
    team_rates::rates(&state.db, &user, query.into_inner()).await.map(web::Json)
}
