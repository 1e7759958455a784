//! `household_status_change`: one change of a household's status, dated.

use jingzhun_shared::HouseholdStatus;
use sea_orm::entity::prelude::*;

super::table! {
    "household_status_change" with id {
        household_id: i64,
        /// `None` for the status a household was filed with.
        from_status: Option<HouseholdStatus>,
        to_status: HouseholdStatus,
        /// The day the change took effect.
        on_date: Date,
        exit_year: Option<i32>,
        /// The announced application that caused it, if one did.
        application_id: Option<i64>,
        created_at: DateTimeUtc,
    }
}
