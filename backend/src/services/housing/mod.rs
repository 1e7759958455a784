//! Housing safety (安全住房): appraisals of households' houses with photos, renovations with the
//! government's top-up, the safe-housing rule the exit checklist reads, the year's figures and
//! the household's benefit lines.

pub mod checks;
pub mod figures;
pub mod import;
pub mod photos;
pub mod renovations;
pub mod safety;

pub use checks::{checks, create_check};
pub use figures::figures;
pub use renovations::{benefit_lines, create_renovation, renovations, update_renovation};
pub use safety::safety;
