//! `donation`: a gift to a campaign (10.17 扶贫日): a project claimed or money.

use jingzhun_shared::pairing::{DonationKind, GiverKind};
use sea_orm::entity::prelude::*;

super::table! {
    "donation" with id {
        giver_kind: GiverKind,
        enterprise_id: Option<i64>,
        giver_name: String,
        campaign: String,
        kind: DonationKind,
        amount_fen: i64,
        date: Date,
        created_at: DateTimeUtc,
    }
}
