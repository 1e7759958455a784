//! `application_photo`: a photo of a posted notice (公示照片), taken during that notice stage.

use jingzhun_shared::ApplicationStage;
use sea_orm::entity::prelude::*;

super::table! {
    "application_photo" with id {
        application_id: i64,
        /// The notice stage the photo shows.
        stage: ApplicationStage,
        /// The stored photo's name (SHA-256 of the re-encoded JPEG).
        file: String,
        at: DateTimeUtc,
        user_id: i64,
        username: String,
    }
}
