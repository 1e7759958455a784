//! Fund batches, their projects and the projects' expenditures, and the rates the office
//! reports: start, completion, expenditure and industry share — all counted from the project
//! rows of the year every time.
//!
//! A project keeps the running sum of its expenditures (`spent_fen`). It changes only in the
//! statement that adds or removes an expenditure, guarded by `spent_fen + amount <= budget_fen`,
//! so two payments at once cannot overspend, and a year's rates never read the expenditure table.
//!
//! `batches`, `projects` and `expenditures` hold one record type each (the guarded
//! [`expenditures::charge`] among them), `rates` the year's figures, `ledger` the batch's
//! spreadsheet and `import` the expenditure import.

use chrono::{NaiveDate, Utc};
use jingzhun_shared::error::Validator;
use jingzhun_shared::{Fen, ProjectKind, ProjectStatus, Role};

pub mod batches;
pub mod expenditures;
pub mod import;
pub mod ledger;
pub mod projects;
pub mod rates;

pub use batches::{batch, batch_projects, batches, create_batch, delete_batch};
pub use expenditures::{add_expenditure, charge, delete_expenditure, expenditures};
pub use projects::{create_project, delete_project, project, project_scope, projects, update_project};
pub use rates::{by_kind, rates};

/// Roles that enter batches, projects and expenditures.
pub const FUND_WRITERS: &[Role] = &[Role::Admin, Role::DistrictOfficial];
/// Roles that read money records (enterprises see only their own pairings).
pub const FUND_READERS: &[Role] = &[
    Role::Admin,
    Role::DistrictOfficial,
    Role::TownshipOfficial,
    Role::VillageClerk,
    Role::HealthOfficer,
    Role::Auditor,
];

/// The status words and labels used in messages and the ledger.
pub fn status_label(status: ProjectStatus) -> &'static str {
    match status {
        ProjectStatus::Planned => "计划",
        ProjectStatus::Started => "已开工",
        ProjectStatus::Completed => "已竣工",
        ProjectStatus::Accepted => "已验收",
    }
}

pub fn kind_label(kind: ProjectKind) -> &'static str {
    match kind {
        ProjectKind::Industry => "产业",
        ProjectKind::Infrastructure => "基础设施",
        ProjectKind::Employment => "就业",
        ProjectKind::Education => "教育",
        ProjectKind::Health => "健康",
        ProjectKind::Housing => "住房",
        ProjectKind::Ecology => "生态",
        ProjectKind::Other => "其他",
    }
}

pub(crate) fn yuan(fen: i64) -> String {
    Fen(fen).to_yuan_string()
}

pub(crate) fn not_in_future(v: &mut Validator, field: &str, date: NaiveDate) {
    if date > Utc::now().date_naive() {
        v.add(field, "日期不能晚于今天");
    }
}
