//! `team_member`: a cadre on a work team from a date, perhaps its leader.

use sea_orm::entity::prelude::*;

super::table! {
    "team_member" with id {
        team_id: i64,
        cadre_id: i64,
        leader: bool,
        since: Date,
    }
}
