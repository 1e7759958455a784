//! Ecological compensation (生态保护脱贫): what households receive from 退耕还林, 公益林 and
//! forest-ranger posts (recorded one by one or imported from the bureau's spreadsheet by ID
//! card), the year's figures per programme and the household's benefit lines.

pub mod compensations;
pub mod figures;
pub mod import;

pub use compensations::{benefit_lines, compensations, create_compensation};
pub use figures::figures;
