//! `pairing`: an enterprise paired (结对) with villages and households from a date.

use sea_orm::entity::prelude::*;

super::table! {
    "pairing" with id {
        enterprise_id: i64,
        since: Date,
        until: Option<Date>,
        created_at: DateTimeUtc,
    }
}
