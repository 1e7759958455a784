//! `assistance_payment`: 低保, 五保, temporary or medical assistance paid to a household (or
//! one of its members) for a period of a year.

use jingzhun_shared::social_security::AssistancePaymentKind;
use sea_orm::entity::prelude::*;

super::table! {
    "assistance_payment" with id {
        household_id: i64,
        village_id: i64,
        township_id: i64,
        org_path: String,
        member_id: Option<i64>,
        kind: AssistancePaymentKind,
        year: i32,
        period: String,
        amount_fen: i64,
        paid_on: Date,
        created_at: DateTimeUtc,
    }
}
