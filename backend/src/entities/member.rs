//! `member`: a person of a household; the ID-card number is unique in the whole district.

use jingzhun_shared::{HealthStatus, Labour, Relation as Kinship, Sex};
use sea_orm::entity::prelude::*;

super::table! {
    "member" with id {
        household_id: i64,
        name: String,
        #[sea_orm(unique)]
        id_card_no: String,
        sex: Sex,
        birth_date: Date,
        relation: Kinship,
        health: HealthStatus,
        labour: Labour,
        created_at: DateTimeUtc,
    }
}
