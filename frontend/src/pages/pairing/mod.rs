//! Pairing assistance: the enterprise portal (its pairings, logging assistance with photos from
//! the phone's camera, its totals) with the district's view of enterprises, logs to confirm and
//! campaign gifts; cadres' visits (who is not visited this month, recording a visit); a
//! household's assistance plan; the villages' work teams; and what the household card and the
//! clerk's start page show of them.

mod assistance;
mod donations;
mod enterprises;
mod household;
mod pairing_list;
mod pickers;
mod plan;
mod start;
mod team_forms;
mod team_mark;
mod team_setup;
mod teams;
mod visit_form;
mod visit_list;
mod visits;
mod waiting;
mod years;

pub use assistance::PairingPage;
pub use donations::DonationsPage;
pub use household::HouseholdPairing;
pub use pickers::{Pick, Picker};
pub use plan::HouseholdPlan;
pub use start::NotVisitedThisMonth;
pub use teams::WorkTeamsPage;
pub use visits::VisitsPage;
