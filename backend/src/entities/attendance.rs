//! `attendance`: a member at the post on a day; one row per team, member and day.

use sea_orm::entity::prelude::*;

super::table! {
    "attendance" with id {
        team_id: i64,
        cadre_id: i64,
        date: Date,
        username: String,
        created_at: DateTimeUtc,
    }
}
