//! `inspection`: a round of findings (巡视, 考核, 评估, 暗访, 自查) received by the district.

use jingzhun_shared::oversight::InspectionSource;
use sea_orm::entity::prelude::*;

super::table! {
    "inspection" with id {
        source: InspectionSource,
        name: String,
        received_on: Date,
        created_at: DateTimeUtc,
    }
}
