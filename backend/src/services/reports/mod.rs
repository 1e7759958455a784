//! The annual report: every record family's own figures for one year, date and subtree, read
//! in one transaction so the sections agree with each other. The report computes nothing of
//! its own; a family's figures change in that family's slice and the report follows. The
//! workbook writes the same report, one sheet a section.

mod annual;
mod lines;
mod workbook;

pub use annual::annual;
pub use workbook::workbook;
