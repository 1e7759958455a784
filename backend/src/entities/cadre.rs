//! `cadre`: a cadre of a district unit (帮扶责任人).

use sea_orm::entity::prelude::*;

super::table! {
    "cadre" with id {
        name: String,
        unit: String,
        phone: String,
        created_at: DateTimeUtc,
    }
}
