//! Pairing assistance: the enterprise portal (its pairings, logging assistance with photos from
//! the phone's camera, its totals) with the district's view of enterprises, logs to confirm and
//! campaign gifts; cadres' visits (who is not visited this month, recording a visit); and what
//! the household card and the clerk's start page show of both.

mod assistance;
mod donations;
mod enterprises;
mod household;
mod pairing_list;
mod pickers;
mod start;
mod visit_list;
mod visits;
mod waiting;
mod years;

pub use assistance::PairingPage;
pub use donations::DonationsPage;
pub use household::HouseholdPairing;
pub use pickers::{Pick, Picker};
pub use start::NotVisitedThisMonth;
pub use visits::VisitsPage;
