//! The household registry: households and their members scoped by the org tree, their yearly
//! income against the year's poverty line, the households a cadre reaches, their status history and monitoring (防返贫监测),
//! the registry's figures, and the registry as a spreadsheet (template, export, import; its
//! progress board is `crate::progress`).

pub mod cadre_reach;
pub mod categories;
pub mod changes;
pub mod export;
pub mod household_list;
pub mod households;
pub mod import;
pub mod income;
pub mod labels;
pub mod members;
pub mod monitoring;
pub mod overview;
pub mod poverty_lines;
pub mod record_import;
pub mod record_members;
pub mod status_history;
