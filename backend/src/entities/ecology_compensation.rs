//! `ecology_compensation`: what a household received from an ecological programme (退耕还林,
//! 公益林, 护林员) in a year, with the area in hundredths of a 亩.

use jingzhun_shared::ecology::EcologyProgramme;
use sea_orm::entity::prelude::*;

super::table! {
    "ecology_compensation" with id {
        household_id: i64,
        village_id: i64,
        township_id: i64,
        org_path: String,
        programme: EcologyProgramme,
        year: i32,
        area_mu_hundredths: Option<i64>,
        amount_fen: i64,
        paid_on: Date,
        created_at: DateTimeUtc,
    }
}
