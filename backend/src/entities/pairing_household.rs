//! `pairing_household`: a household of a pairing, with the household's org path.

use sea_orm::entity::prelude::*;

super::table! {
    "pairing_household" {
        #[sea_orm(primary_key, auto_increment = false)]
        pairing_id: i64,
        #[sea_orm(primary_key, auto_increment = false)]
        household_id: i64,
        org_path: String,
    }
}
