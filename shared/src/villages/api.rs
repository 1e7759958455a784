//! The villages area's routes: profiles by year, the exit check, thresholds, checks, exit.

use super::{
    AnnounceVillageExit, ExitCheck, FileVillageExit, ProfileChange, RecordVillageCheck, RejectVillageExit,
    SaveVillageProfile, VillageCheck, VillageExit, VillageExitNotice, VillageExitSetting, VillageProfile, VillageQuery,
    VillageRow, YearQuery,
};
use crate::OrgUnitId;
use crate::client::api;
use crate::page::{Page, PageQuery};

api! {
    /// The caller's villages for a year, with profile figures and incidence.
    GET "/api/v1/villages" => villages() query(VillageQuery) -> Page<VillageRow>;
    /// A village's profiles, newest year first.
    GET "/api/v1/villages/{id}/profiles" => village_profiles(id: OrgUnitId) query(PageQuery) -> Page<VillageProfile>;
    /// Admin and district official: a year's profile, created or replaced at its version.
    PUT "/api/v1/villages/{id}/profile" => save_village_profile(id: OrgUnitId) body(SaveVillageProfile) -> VillageProfile;
    /// Who changed the village's profiles, when, from what to what; newest first.
    GET "/api/v1/villages/{id}/profile-history" => village_profile_history(id: OrgUnitId) query(PageQuery) -> Page<ProfileChange>;
    /// Each 出列 criterion for the year: figure, threshold, pass or fail.
    GET "/api/v1/villages/{id}/exit-check" => village_exit_check(id: OrgUnitId) query(YearQuery) -> ExitCheck;
    /// Admin and district official: a check's finding for a year.
    PUT "/api/v1/villages/{id}/checks" => record_village_check(id: OrgUnitId) body(RecordVillageCheck) -> VillageCheck;
    /// The village's exit applications, newest first.
    GET "/api/v1/villages/{id}/exits" => village_exits(id: OrgUnitId) query(PageQuery) -> Page<VillageExit>;
    /// Files the village's exit; refused with the failing criteria when the exit check fails.
    POST "/api/v1/villages/{id}/exit" => file_village_exit(id: OrgUnitId) body(FileVillageExit) -> VillageExit;
    /// Records the village notice of the exit in progress.
    POST "/api/v1/villages/{id}/exit/notice" => notice_village_exit(id: OrgUnitId) body(VillageExitNotice) -> VillageExit;
    /// Admin and district official: announces the exit; the village's exit year is set.
    POST "/api/v1/villages/{id}/exit/announce" => announce_village_exit(id: OrgUnitId) body(AnnounceVillageExit) -> VillageExit;
    /// Closes the exit in progress as rejected, with the reason (township or district).
    POST "/api/v1/villages/{id}/exit/reject" => reject_village_exit(id: OrgUnitId) body(RejectVillageExit) -> VillageExit;
    /// Every year's exit thresholds.
    GET "/api/v1/settings/village-exit" => village_exit_settings() query(PageQuery) -> Page<VillageExitSetting>;
    /// Admin and district official: a year's exit thresholds.
    PUT "/api/v1/settings/village-exit/{year}" => set_village_exit_setting(year: i32) body(VillageExitSetting) -> VillageExitSetting;
}
