//! `pv_dividend`: a dividend from a station paid to a household.

use sea_orm::entity::prelude::*;

super::table! {
    "pv_dividend" with id {
        station_id: i64,
        household_id: i64,
        amount_fen: i64,
        paid_on: Date,
        created_at: DateTimeUtc,
    }
}
