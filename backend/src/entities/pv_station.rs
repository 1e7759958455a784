//! `pv_station`: a photovoltaic station (光伏电站).

use sea_orm::entity::prelude::*;

super::table! {
    "pv_station" with id {
        org_unit_id: i64,
        org_path: String,
        township_id: Option<i64>,
        village_id: Option<i64>,
        name: String,
        capacity_kw: i32,
        grid_connected_on: Option<Date>,
        version: i32,
        created_at: DateTimeUtc,
    }
}
