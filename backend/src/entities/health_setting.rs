//! `health_setting`: a year's "351" caps per hospital level and the "180" rate and cap.

use sea_orm::entity::prelude::*;

super::table! {
    "health_setting" {
        #[sea_orm(primary_key, auto_increment = false)]
        year: i32,
        township_cap_fen: i64,
        county_cap_fen: i64,
        city_cap_fen: i64,
        province_cap_fen: i64,
        out_of_province_cap_fen: i64,
        supplement_rate_bp: i64,
        supplement_cap_fen: i64,
        version: i32,
    }
}
