//! `pv_distribution`: a payment to a household from the PV income credited to its village
//! (公益岗位工资, 奖补 or 分红).

use jingzhun_shared::PvDistributionKind;
use sea_orm::entity::prelude::*;

super::table! {
    "pv_distribution" with id {
        station_id: i64,
        village_id: i64,
        household_id: i64,
        kind: PvDistributionKind,
        /// The year of the income it is paid from.
        year: i32,
        amount_fen: i64,
        paid_on: Date,
        created_at: DateTimeUtc,
    }
}
