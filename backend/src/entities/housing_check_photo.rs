//! `housing_check_photo`: a photo of the house an appraisal looked at; the file itself lives in
//! the data directory.

use sea_orm::entity::prelude::*;

super::table! {
    "housing_check_photo" with id {
        check_id: i64,
        file: String,
        at: DateTimeUtc,
        user_id: i64,
    }
}
