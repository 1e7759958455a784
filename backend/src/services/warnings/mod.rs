//! Return-to-poverty early warning (防返贫监测预警): the rules, each one query over the year's
//! records ([`rules`]); the run that raises only new warnings in bulk ([`run`]); the check on a
//! visit that clears a warning or puts the household under the registry's monitoring
//! ([`check`]); the list with escalation read at the reader's today and the figures by rule
//! and village ([`list`]); the per-year settings and the disaster reports the rules read.
//!
//! The area reads the registry, health, credit, housing and education records; none of them
//! calls it.

pub mod check;
pub mod disasters;
pub mod list;
pub mod rules;
pub mod run;
pub mod settings;

pub use check::check;
pub use disasters::{create_disaster_report, disaster_reports};
pub use list::{stats, warnings};
pub use run::{run, run_rules};
pub use settings::{set_settings, settings};
