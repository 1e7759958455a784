//! `doctor_signing`: a member's family-doctor signing (家庭医生签约).

use sea_orm::entity::prelude::*;

super::table! {
    "doctor_signing" with id {
        member_id: i64,
        household_id: i64,
        village_id: i64,
        township_id: i64,
        org_path: String,
        team: String,
        doctor: String,
        signed_on: Date,
        valid_to: Date,
        version: i32,
        created_at: DateTimeUtc,
    }
}
