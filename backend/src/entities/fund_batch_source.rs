//! `fund_batch_source`: the share of one source (central, provincial …) in a batch's issued amount.

use jingzhun_shared::FundSource;
use sea_orm::entity::prelude::*;

super::table! {
    "fund_batch_source" {
        #[sea_orm(primary_key, auto_increment = false)]
        batch_id: i64,
        #[sea_orm(primary_key, auto_increment = false)]
        source: FundSource,
        amount_fen: i64,
    }
}
