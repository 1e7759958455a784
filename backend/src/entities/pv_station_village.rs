//! `pv_station_village`: a village sharing a station's income.

use sea_orm::entity::prelude::*;

super::table! {
    "pv_station_village" {
        #[sea_orm(primary_key, auto_increment = false)]
        station_id: i64,
        #[sea_orm(primary_key, auto_increment = false)]
        village_id: i64,
    }
}
