//! `visit`: a cadre's visit to a household, the checklist items done as comma-separated words.

use sea_orm::entity::prelude::*;

super::table! {
    "visit" with id {
        cadre_id: i64,
        household_id: i64,
        org_path: String,
        date: Date,
        items: String,
        note: Option<String>,
        problems: Option<String>,
        latitude: Option<f64>,
        longitude: Option<f64>,
        user_id: i64,
        username: String,
        created_at: DateTimeUtc,
    }
}
