//! `employment`: a member's job over a period (就业), with the monthly wage.

use jingzhun_shared::employment::EmploymentKind;
use sea_orm::entity::prelude::*;

super::table! {
    "employment" with id {
        member_id: i64,
        household_id: i64,
        village_id: i64,
        township_id: i64,
        org_path: String,
        kind: EmploymentKind,
        /// The employer, or the base's name for a base job.
        employer: String,
        base_id: Option<i64>,
        since: Date,
        until: Option<Date>,
        monthly_wage_fen: i64,
        created_at: DateTimeUtc,
    }
}
