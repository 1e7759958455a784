//! Industry pages: the PV stations, and one station with the income it credits to its
//! villages and the payments made from that income.

mod pv;

pub use pv::{PvStationPage, PvStationsPage};
