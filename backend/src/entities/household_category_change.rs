//! `household_category_change`: a civil-affairs decision that changed a household's category
//! (低保 / 五保 认定), with its date, reason and document number.

use jingzhun_shared::HouseholdCategory;
use sea_orm::entity::prelude::*;

super::table! {
    "household_category_change" with id {
        household_id: i64,
        from_category: HouseholdCategory,
        to_category: HouseholdCategory,
        changed_on: Date,
        reason: String,
        document_no: String,
        /// The user who recorded it.
        recorded_by: Option<i64>,
        created_at: DateTimeUtc,
    }
}
