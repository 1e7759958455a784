//! `pairing_village`: a village of a pairing, with the village's org path.

use sea_orm::entity::prelude::*;

super::table! {
    "pairing_village" {
        #[sea_orm(primary_key, auto_increment = false)]
        pairing_id: i64,
        #[sea_orm(primary_key, auto_increment = false)]
        village_id: i64,
        org_path: String,
    }
}
