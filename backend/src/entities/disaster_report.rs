//! `disaster_report`: a disaster a household suffered, entered by the clerk; the warning rule
//! `disaster` reads it.

use sea_orm::entity::prelude::*;

super::table! {
    "disaster_report" with id {
        household_id: i64,
        village_id: i64,
        township_id: i64,
        org_path: String,
        reported_on: Date,
        description: String,
        loss_fen: i64,
        reported_by: Option<i64>,
        reported_by_name: String,
        created_at: DateTimeUtc,
    }
}
