//! `audit_event`: who changed what, when, with the record before and after (JSON text).

use sea_orm::entity::prelude::*;

super::table! {
    "audit_event" with id {
        at: DateTimeUtc,
        user_id: Option<i64>,
        username: Option<String>,
        action: String,
        entity: String,
        entity_id: Option<String>,
        before: Option<String>,
        after: Option<String>,
    }
}
