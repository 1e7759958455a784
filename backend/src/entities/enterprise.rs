//! `enterprise`: a partner enterprise (多企帮多村).

use sea_orm::entity::prelude::*;

super::table! {
    "enterprise" with id {
        name: String,
        #[sea_orm(unique)]
        credit_code: String,
        contact: String,
        phone: String,
        industry: String,
        version: i32,
        created_at: DateTimeUtc,
    }
}
