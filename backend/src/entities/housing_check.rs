//! `housing_check`: an appraisal of a household's house (房屋安全鉴定), A–D.

use jingzhun_shared::housing::HousingGrade;
use sea_orm::entity::prelude::*;

super::table! {
    "housing_check" with id {
        household_id: i64,
        village_id: i64,
        township_id: i64,
        org_path: String,
        checked_on: Date,
        grade: HousingGrade,
        note: Option<String>,
        created_at: DateTimeUtc,
    }
}
