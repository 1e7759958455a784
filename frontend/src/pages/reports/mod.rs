//! The annual report (年度报告): the year's figures of every record family in the office's own
//! phrasing, for the reader's unit, as of a chosen day, printable on A4 from the browser.

mod annual;
mod sections;

pub use annual::AnnualReportPage;
