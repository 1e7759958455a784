//! `pv_income`: a PV station's income of a year, credited to its villages.

use sea_orm::entity::prelude::*;

super::table! {
    "pv_income" with id {
        station_id: i64,
        year: i32,
        amount_fen: i64,
        recorded_on: Date,
        created_at: DateTimeUtc,
    }
}
