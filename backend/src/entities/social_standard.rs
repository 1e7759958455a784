//! `social_standard`: a year's 低保 / 五保 standards per person and the temporary-assistance
//! threshold and uplift.

use sea_orm::entity::prelude::*;

super::table! {
    "social_standard" {
        #[sea_orm(primary_key, auto_increment = false)]
        year: i32,
        dibao_fen: i64,
        wubao_concentrated_fen: i64,
        wubao_dispersed_fen: i64,
        temporary_threshold_fen: i64,
        temporary_uplift_bp: i64,
        version: i32,
    }
}
