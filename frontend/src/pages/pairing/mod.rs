//! Pairing assistance: the enterprise portal (its pairings, logging assistance with photos from
//! the phone's camera, its totals) with the district's view of enterprises and logs to
//! confirm; and cadres' visits (who is not visited this month, recording a visit).

mod assistance;
mod visits;

pub use assistance::PairingPage;
pub use visits::VisitsPage;
