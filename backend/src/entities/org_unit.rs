//! `org_unit`: district, townships and villages.

use jingzhun_shared::OrgLevel;
use sea_orm::entity::prelude::*;

super::table! {
    "org_unit" with id {
        parent_id: Option<i64>,
        level: OrgLevel,
        name: String,
        #[sea_orm(unique)]
        code: String,
        /// Ids from the root down to this unit, "/1/3/17/".
        path: String,
        /// The year at whose end the village exited (出列), set by the exit announcement.
        exit_year: Option<i32>,
        version: i32,
        created_at: DateTimeUtc,
    }
}
