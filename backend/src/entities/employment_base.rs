//! `employment_base`: a recognised employment base (就业扶贫基地, 居家就业基地, 扶贫驿站).

use jingzhun_shared::employment::BaseKind;
use sea_orm::entity::prelude::*;

super::table! {
    "employment_base" with id {
        name: String,
        kind: BaseKind,
        org_unit_id: i64,
        org_path: String,
        recognised_on: Date,
        subsidy_fen: i64,
        /// Posts it offers poor labourers.
        posts: i32,
        version: i32,
        created_at: DateTimeUtc,
    }
}
