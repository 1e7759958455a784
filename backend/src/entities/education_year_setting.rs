//! `education_year_setting`: the district's living supplement (区特惠生活补助) of a year.

use sea_orm::entity::prelude::*;

super::table! {
    "education_year_setting" {
        #[sea_orm(primary_key, auto_increment = false)]
        year: i32,
        supplement_fen: i64,
        version: i32,
    }
}
