//! Resident work teams (驻村工作队): a team per village with members drawn from the cadres (one
//! leads), each member's days at the post (在岗), leave requests approved or refused by a
//! district or township official (请销假), the team log (工作日志), and the month's attendance
//! rate — days present over the working days up to today less approved leave.

use chrono::{Datelike, NaiveDate, Weekday};
use serde::{Deserialize, Serialize};

use crate::org::OrgUnitRef;
use crate::string_enum::string_enum;
use crate::{AttendanceId, CadreId, LeaveRequestId, OrgUnitId, TeamLogId, TeamMemberId, WorkTeamId};

string_enum! {
    /// Where a leave request stands.
    LeaveStatus {
        Pending = "pending" ("待审批", "Pending"),
        Approved = "approved" ("已批准", "Approved"),
        Refused = "refused" ("未批准", "Refused"),
    }
}

/// `POST /api/v1/work-teams`: the team of a village.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CreateWorkTeam {
    pub village_id: OrgUnitId,
    pub since: NaiveDate,
}

/// `POST /api/v1/work-teams/{id}/members`.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AddTeamMember {
    pub cadre_id: CadreId,
    /// The team leader (工作队长); a new leader replaces the old one as leader.
    #[serde(default)]
    pub leader: bool,
    pub since: NaiveDate,
}

/// A member of a team.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TeamMemberDto {
    pub id: TeamMemberId,
    pub cadre_id: CadreId,
    pub name: String,
    pub unit: String,
    pub leader: bool,
    pub since: NaiveDate,
}

/// A village's work team with its members.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct WorkTeamDto {
    pub id: WorkTeamId,
    pub village: OrgUnitRef,
    /// Whether the village is a registered poor village (贫困村).
    pub poor_village: bool,
    pub since: NaiveDate,
    pub members: Vec<TeamMemberDto>,
}

/// `GET /api/v1/work-teams` filters; a cadre account sees the teams it belongs to.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams))]
pub struct WorkTeamQuery {
    pub org_unit: Option<OrgUnitId>,
    pub page: Option<u64>,
    pub per_page: Option<u64>,
}

/// `POST /api/v1/work-teams/{id}/attendance`: a member at the post on a day up to today.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct MarkAttendance {
    /// The member; a cadre account marks itself and may leave it out.
    #[serde(default)]
    pub cadre_id: Option<CadreId>,
    pub date: NaiveDate,
}

/// A member's day at the post.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AttendanceDto {
    pub id: AttendanceId,
    pub team_id: WorkTeamId,
    pub cadre_id: CadreId,
    pub cadre_name: String,
    pub date: NaiveDate,
    pub recorded_by: String,
}

/// `GET /api/v1/work-teams/attendance` filters.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams))]
pub struct AttendanceQuery {
    pub team_id: Option<WorkTeamId>,
    pub cadre_id: Option<CadreId>,
    /// `YYYY-MM`.
    pub month: Option<String>,
    pub page: Option<u64>,
    pub per_page: Option<u64>,
}

/// `POST /api/v1/work-teams/{id}/leave`: a member asks for leave.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AskLeave {
    /// The member; a cadre account asks for itself and may leave it out.
    #[serde(default)]
    pub cadre_id: Option<CadreId>,
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub reason: String,
}

/// The longest leave one request may ask for, in days.
pub const LEAVE_MAX_DAYS: i64 = 60;

/// A leave request and its decision.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct LeaveDto {
    pub id: LeaveRequestId,
    pub team_id: WorkTeamId,
    pub village: OrgUnitRef,
    pub cadre_id: CadreId,
    pub cadre_name: String,
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub reason: String,
    pub status: LeaveStatus,
    pub decided_by: Option<String>,
    pub decided_on: Option<NaiveDate>,
    pub decision_note: Option<String>,
}

/// `GET /api/v1/work-teams/leave` filters.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams))]
pub struct LeaveQuery {
    pub team_id: Option<WorkTeamId>,
    pub status: Option<LeaveStatus>,
    pub page: Option<u64>,
    pub per_page: Option<u64>,
}

/// `POST /api/v1/work-teams/leave/{id}/decision`: approve or refuse a pending request.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct DecideLeave {
    pub approve: bool,
    #[serde(default)]
    pub note: Option<String>,
}

/// `POST /api/v1/work-teams/{id}/log`: a dated entry of the team log.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CreateTeamLog {
    pub date: NaiveDate,
    pub text: String,
}

/// An entry of a team log.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TeamLogDto {
    pub id: TeamLogId,
    pub team_id: WorkTeamId,
    pub date: NaiveDate,
    pub text: String,
    pub author: String,
}

/// `GET /api/v1/work-teams/log` filters.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams))]
pub struct TeamLogQuery {
    pub team_id: Option<WorkTeamId>,
    pub page: Option<u64>,
    pub per_page: Option<u64>,
}

/// `GET /api/v1/work-teams/rates` parameters.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams))]
pub struct TeamRateQuery {
    /// `YYYY-MM`; the caller's current month when absent.
    pub month: Option<String>,
    pub org_unit: Option<OrgUnitId>,
}

/// A team's attendance in a month.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TeamRate {
    pub team_id: WorkTeamId,
    pub village: OrgUnitRef,
    pub members: u64,
    /// Members' days at the post (a weekend day too).
    pub present_days: u64,
    /// Members' working days up to today less their approved leave.
    pub expected_days: u64,
    /// present ÷ expected in basis points; `None` when no day was expected yet.
    pub rate_bp: Option<i64>,
}

/// `GET /api/v1/work-teams/rates`: every team of the caller's reach for a month.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TeamRates {
    pub month: String,
    pub teams: Vec<TeamRate>,
}

/// Whether a day is a working day (Monday to Friday; the office keeps no holiday calendar).
pub fn is_working_day(day: NaiveDate) -> bool {
    !matches!(day.weekday(), Weekday::Sat | Weekday::Sun)
}

/// The working days from `from` to `to`, both included; none when `to` is before `from`.
pub fn working_days(from: NaiveDate, to: NaiveDate) -> impl Iterator<Item = NaiveDate> {
    from.iter_days().take_while(move |d| *d <= to).filter(|d| is_working_day(*d))
}

/// Days present over days expected in basis points (rounded down), `None` when none was
/// expected; never above 10000.
pub fn attendance_rate_bp(present: u64, expected: u64) -> Option<i64> {
    (present.min(expected) * 10_000).checked_div(expected).and_then(|bp| i64::try_from(bp).ok())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(month: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2020, month, d).unwrap_or_default()
    }

    #[test]
    fn june_2020_has_22_working_days_and_a_weekend_is_none() {
        assert_eq!(working_days(day(6, 1), day(6, 30)).count(), 22);
        assert_eq!(working_days(day(6, 6), day(6, 7)).count(), 0, "a Saturday and a Sunday");
        assert_eq!(working_days(day(6, 10), day(6, 9)).count(), 0);
    }

    #[test]
    fn the_rate_is_present_over_expected_and_none_when_nothing_was_expected() {
        assert_eq!(attendance_rate_bp(15, 20), Some(7_500));
        assert_eq!(attendance_rate_bp(2, 3), Some(6_666));
        assert_eq!(attendance_rate_bp(5, 4), Some(10_000));
        assert_eq!(attendance_rate_bp(0, 0), None);
    }
}
