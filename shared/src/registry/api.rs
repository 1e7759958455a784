//! The registry's routes: households, members, income, the spreadsheet, the overview and the
//! poverty line.

use super::{
    ChangeCategory, ChangesQuery, ClearMonitoring, CreateHousehold, CreateMember, HouseholdDto, HouseholdQuery,
    HouseholdSummary, ImportProgress, ImportQuery, ImportReport, IncomeInput, IncomeRecordDto, LeaveMember, MemberDto,
    MonitoringDto, OverviewQuery, PovertyLine, RegistryChanges, RegistryOverview, StartMonitoring, UpdateHousehold,
    UpdateMember,
};
use crate::client::api;
use crate::page::{Page, PageQuery};
use crate::{HouseholdId, MemberId};

api! {
    /// Households in the caller's scope (ID numbers masked).
    GET "/api/v1/households" => households() query(HouseholdQuery) -> Page<HouseholdSummary>;
    /// Files a household with its head.
    POST "/api/v1/households" => create_household() body(CreateHousehold) -> HouseholdDto;
    GET "/api/v1/households/{id}" => household(id: HouseholdId) -> HouseholdDto;
    PUT "/api/v1/households/{id}" => update_household(id: HouseholdId) body(UpdateHousehold) -> HouseholdDto;
    GET "/api/v1/households/{id}/members" => members(id: HouseholdId) query(PageQuery) -> Page<MemberDto>;
    /// Adds a member with why and when they joined (增员).
    POST "/api/v1/households/{id}/members" => add_member(id: HouseholdId) body(CreateMember) -> MemberDto;
    /// Changes a member's particulars; carries the version read.
    PUT "/api/v1/members/{id}" => update_member(id: MemberId) body(UpdateMember) -> MemberDto;
    /// The member leaves the household (减员) with a reason and date; stays on file.
    POST "/api/v1/members/{id}/leave" => leave_member(id: MemberId) body(LeaveMember) -> MemberDto;
    /// Changes the household's category by a civil-affairs decision, kept in its history.
    POST "/api/v1/households/{id}/category" => change_category(id: HouseholdId) body(ChangeCategory) -> HouseholdDto;
    GET "/api/v1/households/{id}/income-records" => income_records(id: HouseholdId) query(PageQuery) -> Page<IncomeRecordDto>;
    POST "/api/v1/households/{id}/income-records" => record_income(id: HouseholdId) body(IncomeInput) -> IncomeRecordDto;
    /// Checks (`commit=false`) or imports a CSV or xlsx file.
    POST "/api/v1/households/import" => import_households() query(ImportQuery) upload(file) -> ImportReport;
    GET "/api/v1/households/import-progress/{token}" => import_progress(token: &str) -> ImportProgress;
    DOWNLOAD "/api/v1/households/import-template.xlsx" => import_template() -> Vec<u8>;
    /// The households the list would show, one row per member.
    DOWNLOAD "/api/v1/households/export.xlsx" => export_households() query(HouseholdQuery) -> Vec<u8>;
    /// Puts a household under monitoring (防返贫监测).
    POST "/api/v1/households/{id}/monitoring" => start_monitoring(id: HouseholdId) body(StartMonitoring) -> MonitoringDto;
    /// Ends the household's open period of monitoring.
    POST "/api/v1/households/{id}/monitoring/clear" => clear_monitoring(id: HouseholdId) body(ClearMonitoring) -> MonitoringDto;
    GET "/api/v1/registry/overview" => registry_overview() query(OverviewQuery) -> RegistryOverview;
    /// People added and removed in a period, and the net, by reason (动态调整).
    GET "/api/v1/registry/changes" => registry_changes() query(ChangesQuery) -> RegistryChanges;
    GET "/api/v1/settings/poverty-lines" => poverty_lines() query(PageQuery) -> Page<PovertyLine>;
    PUT "/api/v1/settings/poverty-lines/{year}" => set_poverty_line(year: i32) body(PovertyLine) -> PovertyLine;
}
