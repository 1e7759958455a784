//! `transport_subsidy`: a migrant worker's transport subsidy (交通补助), once per year.

use sea_orm::entity::prelude::*;

super::table! {
    "transport_subsidy" with id {
        member_id: i64,
        household_id: i64,
        village_id: i64,
        township_id: i64,
        org_path: String,
        year: i32,
        amount_fen: i64,
        paid_on: Date,
        created_at: DateTimeUtc,
    }
}
