//! `application_step`: each step an application took, who took it and when.

use jingzhun_shared::ApplicationStage;
use sea_orm::entity::prelude::*;

super::table! {
    "application_step" with id {
        application_id: i64,
        /// The stage reached, or the stage at which it was rejected.
        stage: ApplicationStage,
        rejected: bool,
        on_date: Date,
        at: DateTimeUtc,
        user_id: i64,
        username: String,
        note: Option<String>,
        /// The step's comparison, notice period or verification as JSON.
        records: Option<String>,
    }
}
