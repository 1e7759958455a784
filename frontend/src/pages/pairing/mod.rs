//! Pairing assistance: the enterprise portal (its pairings, logging assistance with photos from
//! the phone's camera, its totals) with the district's view of enterprises and logs to
//! confirm; cadres' visits (who is not visited this month, recording a visit); a household's
//! assistance plan (for the household card); and the villages' work teams.

mod assistance;
mod plan;
mod team_forms;
mod team_setup;
mod teams;
mod visits;

pub use assistance::PairingPage;
pub use plan::HouseholdPlan;
pub use teams::WorkTeamsPage;
pub use visits::VisitsPage;
