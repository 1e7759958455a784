//! `health_claim`: a member's settled claim, the layers as entered and the ones computed.

use jingzhun_shared::health::{ClaimKind, HospitalLevel};
use sea_orm::entity::prelude::*;

super::table! {
    "health_claim" with id {
        member_id: i64,
        household_id: i64,
        village_id: i64,
        township_id: i64,
        org_path: String,
        /// The year of `discharged_on`: the year whose caps the claim counts against.
        year: i32,
        kind: ClaimKind,
        hospital: String,
        hospital_level: HospitalLevel,
        admitted_on: Date,
        discharged_on: Date,
        total_cost_fen: i64,
        compliant_cost_fen: i64,
        basic_insurance_fen: i64,
        critical_illness_fen: i64,
        medical_assistance_fen: i64,
        commercial_fen: i64,
        fallback_fen: i64,
        supplementary_fen: i64,
        out_of_pocket_fen: i64,
        /// The cap that applied (351 or 180), none on outpatient claims.
        cap_fen: Option<i64>,
        /// The highest hospital level of the year so far, whose 351 cap applied (inpatient).
        cap_level: Option<HospitalLevel>,
        /// The year-to-date out-of-pocket (351) or supplement (180) before this claim.
        before_fen: i64,
        version: i32,
        created_at: DateTimeUtc,
    }
}
