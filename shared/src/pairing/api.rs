//! Pairing assistance's routes: enterprises, pairings, assistance logs with their photos,
//! donations and the figures; cadres, visits, assistance plans and work teams.

use super::{
    AddTeamMember, AskLeave, AttendanceDto, AttendanceQuery, CreatePlanItem, CreateTeamLog, CreateWorkTeam,
    DecideLeave, LeaveDto, LeaveQuery, MarkAttendance, MarkPlanDone, PlanItemDto, PlanQuery, TeamLogDto, TeamLogQuery,
    TeamRateQuery, TeamRates, WorkTeamDto, WorkTeamQuery,
};
use super::{
    AssistanceLogDto, AssistanceLogQuery, ConfirmAssistanceLog, CreateAssistanceLog, CreateDonation, CreatePairing,
    DonationDto, DonationQuery, EnterpriseDto, EnterpriseInput, EnterpriseQuery, PairingDto, PairingFigures,
    PairingFiguresQuery, PairingQuery, UpdateAssistanceLog,
};
use super::{
    CadreDto, CadreInput, CadrePairingDto, CadrePairingQuery, CadreQuery, CoverageQuery, CreateCadrePairing,
    CreateVisit, VisitCoverage, VisitDto, VisitQuery,
};
use crate::client::api;
use crate::page::Page;
use crate::{AssistanceLogId, AssistancePlanId, EnterpriseId, LeaveRequestId, WorkTeamId};

api! {
    /// An enterprise user sees its own enterprise only.
    GET "/api/v1/enterprises" => enterprises() query(EnterpriseQuery) -> Page<EnterpriseDto>;
    POST "/api/v1/enterprises" => create_enterprise() body(EnterpriseInput) -> EnterpriseDto;
    PUT "/api/v1/enterprises/{id}" => update_enterprise(id: EnterpriseId) body(EnterpriseInput) -> EnterpriseDto;
    /// An enterprise user sees its own enterprise's pairings only.
    GET "/api/v1/pairings" => pairings() query(PairingQuery) -> Page<PairingDto>;
    POST "/api/v1/pairings" => create_pairing() body(CreatePairing) -> PairingDto;
    GET "/api/v1/assistance-logs" => assistance_logs() query(AssistanceLogQuery) -> Page<AssistanceLogDto>;
    /// By the enterprise (for its own pairing) or the district.
    POST "/api/v1/assistance-logs" => create_assistance_log() body(CreateAssistanceLog) -> AssistanceLogDto;
    /// Unconfirmed logs only; a confirmed one is 409.
    PUT "/api/v1/assistance-logs/{id}" => update_assistance_log(id: AssistanceLogId) body(UpdateAssistanceLog) -> AssistanceLogDto;
    /// The district confirms a log; it is locked from then on.
    POST "/api/v1/assistance-logs/{id}/confirm" => confirm_assistance_log(id: AssistanceLogId) body(ConfirmAssistanceLog) -> AssistanceLogDto;
    /// A JPEG, PNG or WebP of at most 5 MB, re-encoded without its metadata; at most three a log.
    POST "/api/v1/assistance-logs/{id}/photos" => add_assistance_photo(id: AssistanceLogId) upload(file) -> AssistanceLogDto;
    /// The photo's bytes, to those who may see the log.
    DOWNLOAD "/api/v1/assistance-logs/{id}/photos/{photo}" => assistance_photo(id: AssistanceLogId, photo: i64) -> Vec<u8>;
    GET "/api/v1/donations" => donations() query(DonationQuery) -> Page<DonationDto>;
    POST "/api/v1/donations" => create_donation() body(CreateDonation) -> DonationDto;
    GET "/api/v1/pairing/figures" => pairing_figures() query(PairingFiguresQuery) -> PairingFigures;
    /// A cadre account sees itself only.
    GET "/api/v1/cadres" => cadres() query(CadreQuery) -> Page<CadreDto>;
    POST "/api/v1/cadres" => create_cadre() body(CadreInput) -> CadreDto;
    /// A cadre account sees its own households; others those of their subtree.
    GET "/api/v1/cadre-pairings" => cadre_pairings() query(CadrePairingQuery) -> Page<CadrePairingDto>;
    POST "/api/v1/cadre-pairings" => create_cadre_pairing() body(CreateCadrePairing) -> CadrePairingDto;
    GET "/api/v1/visits" => visits() query(VisitQuery) -> Page<VisitDto>;
    /// By the cadre for its household, or by the village clerk for the household's cadre.
    POST "/api/v1/visits" => create_visit() body(CreateVisit) -> VisitDto;
    /// Households visited in the month over households paired, with who is not visited yet.
    GET "/api/v1/visits/coverage" => visit_coverage() query(CoverageQuery) -> VisitCoverage;
    /// A cadre account sees its own households' plans; others those of their subtree.
    GET "/api/v1/assistance-plans" => assistance_plans() query(PlanQuery) -> Page<PlanItemDto>;
    /// One item of a household's plan for a year; the same item twice in a year is 409.
    POST "/api/v1/assistance-plans" => create_plan_item() body(CreatePlanItem) -> PlanItemDto;
    /// Marks an item done (once; again is 409).
    POST "/api/v1/assistance-plans/{id}/done" => mark_plan_done(id: AssistancePlanId) body(MarkPlanDone) -> PlanItemDto;
    /// Deletes an item not done yet; a done one is 409.
    DELETE "/api/v1/assistance-plans/{id}" => delete_plan_item(id: AssistancePlanId) -> ();
    /// A cadre account sees the teams it belongs to; others those of their subtree.
    GET "/api/v1/work-teams" => work_teams() query(WorkTeamQuery) -> Page<WorkTeamDto>;
    POST "/api/v1/work-teams" => create_work_team() body(CreateWorkTeam) -> WorkTeamDto;
    POST "/api/v1/work-teams/{id}/members" => add_team_member(id: WorkTeamId) body(AddTeamMember) -> WorkTeamDto;
    GET "/api/v1/work-teams/attendance" => team_attendance() query(AttendanceQuery) -> Page<AttendanceDto>;
    /// A member at the post on a day up to today; the same member and day twice is 409.
    POST "/api/v1/work-teams/{id}/attendance" => mark_attendance(id: WorkTeamId) body(MarkAttendance) -> AttendanceDto;
    GET "/api/v1/work-teams/leave" => leave_requests() query(LeaveQuery) -> Page<LeaveDto>;
    POST "/api/v1/work-teams/{id}/leave" => ask_leave(id: WorkTeamId) body(AskLeave) -> LeaveDto;
    /// A district or township official approves or refuses a pending request.
    POST "/api/v1/work-teams/leave/{id}/decision" => decide_leave(id: LeaveRequestId) body(DecideLeave) -> LeaveDto;
    GET "/api/v1/work-teams/log" => team_log() query(TeamLogQuery) -> Page<TeamLogDto>;
    POST "/api/v1/work-teams/{id}/log" => add_team_log(id: WorkTeamId) body(CreateTeamLog) -> TeamLogDto;
    /// Each team's attendance rate for a month, computed from the days recorded.
    GET "/api/v1/work-teams/rates" => team_rates() query(TeamRateQuery) -> TeamRates;
}
