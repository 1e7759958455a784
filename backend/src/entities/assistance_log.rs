//! `assistance_log`: what an enterprise did for its pairing; locked once confirmed.

use jingzhun_shared::pairing::AssistanceKind;
use sea_orm::entity::prelude::*;

super::table! {
    "assistance_log" with id {
        pairing_id: i64,
        enterprise_id: i64,
        kind: AssistanceKind,
        amount_fen: Option<i64>,
        count: Option<i64>,
        date: Date,
        note: Option<String>,
        confirmed_on: Option<Date>,
        confirmed_by: Option<i64>,
        corrects: Option<i64>,
        version: i32,
        created_at: DateTimeUtc,
    }
}
