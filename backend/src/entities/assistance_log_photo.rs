//! `assistance_log_photo`: a photo of an assistance log; the file lives in the data directory.

use sea_orm::entity::prelude::*;

super::table! {
    "assistance_log_photo" with id {
        log_id: i64,
        file: String,
        at: DateTimeUtc,
        user_id: i64,
    }
}
