//! Social security (社保兜底): the year's standards, assistance payments to households, the
//! list of 低保 / 五保 households paid less than the standard for their people, the year's
//! figures and the household's benefit lines.

pub mod figures;
pub mod import;
pub mod payments;
pub mod shortfalls;
pub mod standards;

pub use figures::figures;
pub use payments::{benefit_lines, create_payment, payments};
pub use shortfalls::shortfalls;
pub use standards::{set_standard, standard};
