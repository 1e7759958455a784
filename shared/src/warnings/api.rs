//! The early warning's routes.

use super::{
    CheckWarning, DisasterReportDto, DisasterReportInput, DisasterReportQuery, RunWarnings, WarningDto, WarningQuery,
    WarningRun, WarningSettings, WarningSettingsInput, WarningStats, WarningStatsQuery,
};
use crate::client::api;
use crate::page::Page;

api! {
    /// Warnings in the caller's subtree, escalated first.
    GET "/api/v1/warnings" => warnings() query(WarningQuery) -> Page<WarningDto>;
    /// Runs every rule of the year over the district; raises only warnings not raised before.
    POST "/api/v1/warnings/run" => run_warnings() body(RunWarnings) -> WarningRun;
    /// Checks an open warning on a visit: cleared with the reason, or monitored with the plan.
    POST "/api/v1/warnings/{id}/check" => check_warning(id: i64) body(CheckWarning) -> WarningDto;
    /// The year's warnings by rule and by village.
    GET "/api/v1/warnings/figures" => warning_figures() query(WarningStatsQuery) -> WarningStats;
    GET "/api/v1/warning-settings/{year}" => warning_settings(year: i32) -> WarningSettings;
    PUT "/api/v1/warning-settings/{year}" => set_warning_settings(year: i32) body(WarningSettingsInput) -> WarningSettings;
    GET "/api/v1/disaster-reports" => disaster_reports() query(DisasterReportQuery) -> Page<DisasterReportDto>;
    POST "/api/v1/disaster-reports" => create_disaster_report() body(DisasterReportInput) -> DisasterReportDto;
}
