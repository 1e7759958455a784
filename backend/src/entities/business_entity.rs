//! `business_entity`: a business entity (新型经营主体) that drives households.

use jingzhun_shared::BusinessEntityKind;
use sea_orm::entity::prelude::*;

super::table! {
    "business_entity" with id {
        org_unit_id: i64,
        org_path: String,
        township_id: Option<i64>,
        village_id: Option<i64>,
        name: String,
        kind: BusinessEntityKind,
        industry: String,
        version: i32,
        created_at: DateTimeUtc,
    }
}
