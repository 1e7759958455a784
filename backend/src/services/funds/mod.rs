//! Fund batches, their projects and the projects' expenditures, and the rates the office
//! reports: start, completion, expenditure and industry share — all counted from the project
//! rows of the year every time.
//!
//! A project keeps the running sum of its expenditures (`spent_fen`). It changes only in the
//! statement that adds or removes an expenditure, guarded by `spent_fen + amount <= budget_fen`,
//! so two payments at once cannot overspend, and a year's rates never read the expenditure table.
//! That statement bumps the project's `version`, and a budget edit is written only at the
//! version it was checked against, so an edit racing a payment cannot leave the budget below
//! what is spent: one of them gets 409 or 422.
//!
//! A batch likewise keeps the running sum of its projects' budgets (`allocated_fen`), changed
//! only in the statement that checks it against the issued amount ([`allocation`]). Nothing is
//! started or paid before its batch was issued.
//!
//! `batches`, `projects` and `expenditures` hold one record type each (the guarded
//! [`expenditures::charge`] among them), `outputs` what a project builds, `rates` the year's
//! figures, `ledger` the batch's spreadsheet and `import` the expenditure import.

use jingzhun_shared::Fen;

pub mod allocation;
pub mod batches;
pub mod expenditures;
pub mod import;
pub mod ledger;
mod outputs;
pub mod projects;
pub mod rates;

pub use batches::{batch, batch_projects, batches, create_batch, delete_batch, update_batch};
pub use expenditures::{add_expenditure, charge, delete_expenditure, expenditures};
pub use projects::{create_project, delete_project, project, project_scope, projects, update_project};
pub use rates::{by_kind, rates};

pub(crate) fn yuan(fen: i64) -> String {
    Fen::new(fen).to_yuan_string()
}
