//! `asset_investment`: special-fund money invested in an asset whose income goes to households (资产收益).

use sea_orm::entity::prelude::*;

super::table! {
    "asset_investment" with id {
        org_unit_id: i64,
        org_path: String,
        township_id: Option<i64>,
        village_id: Option<i64>,
        year: i32,
        name: String,
        sector: String,
        amount_fen: i64,
        version: i32,
        created_at: DateTimeUtc,
    }
}
