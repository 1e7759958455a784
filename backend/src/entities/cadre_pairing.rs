//! `cadre_pairing`: a cadre responsible for a household from a date, with the household's org
//! path.

use sea_orm::entity::prelude::*;

super::table! {
    "cadre_pairing" with id {
        cadre_id: i64,
        household_id: i64,
        org_path: String,
        since: Date,
        until: Option<Date>,
    }
}
