//! The household registry: the list, a new household, the household card with its forms,
//! benefits and monitoring, and the spreadsheet import.

mod benefits;
mod category;
mod household;
mod household_forms;
mod households;
mod import;
mod members;
mod monitoring;
mod new_household;

pub use household::HouseholdPage;
pub use households::HouseholdsPage;
pub use import::ImportPage;
pub use new_household::NewHouseholdPage;
