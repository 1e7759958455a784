//! The annual report (年度报告): the year's figures of every record family in the office's own
//! phrasing, for the reader's unit, as of a chosen day, printable on A4 from the browser or
//! downloaded as xlsx; and the officials' dashboard built from the same report.

mod annual;
mod charts;
mod dashboard;
mod sections;
mod units;

pub use annual::AnnualReportPage;
pub use dashboard::{Dashboard, lands_on_dashboard};
