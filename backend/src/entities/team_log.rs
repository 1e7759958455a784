//! `team_log`: a dated entry of a work team's log.

use sea_orm::entity::prelude::*;

super::table! {
    "team_log" with id {
        team_id: i64,
        date: Date,
        text: String,
        author: String,
        created_at: DateTimeUtc,
    }
}
