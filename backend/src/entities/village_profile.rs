//! `village_profile`: a village's figures for one year — on the poor list or not, rural
//! population, collective income.

use sea_orm::entity::prelude::*;

super::table! {
    "village_profile" with id {
        org_unit_id: i64,
        year: i32,
        is_poor_village: bool,
        rural_population: i64,
        collective_income_fen: i64,
        version: i32,
    }
}
