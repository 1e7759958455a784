//! `premium_subsidy`: the insurance premium subsidised for a person in a year (参保资助).

use jingzhun_shared::health::InsuranceKind;
use sea_orm::entity::prelude::*;

super::table! {
    "premium_subsidy" with id {
        member_id: i64,
        household_id: i64,
        village_id: i64,
        township_id: i64,
        org_path: String,
        year: i32,
        kind: InsuranceKind,
        amount_fen: i64,
        paid_on: Date,
        created_at: DateTimeUtc,
    }
}
