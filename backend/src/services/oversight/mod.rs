//! Rectification (问题整改): inspections, their problems with measures and the status flow
//! (open → rectifying → submitted → closed, or reopened), accountability records, the board of
//! open, overdue and closed problems and the year's figures replayed from the history.

pub mod accountability;
pub mod board;
pub mod inspections;
pub mod measures;
pub mod problems;
pub mod steps;

pub use accountability::{accountability, create_accountability};
pub use board::{board, figures};
pub use inspections::{create_inspection, inspections};
pub use measures::{add_measure, measure_done, measures};
pub use problems::{create_problem, problem, problems};
pub use steps::{close, reopen, submit};
