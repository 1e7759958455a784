//! `app_user`: accounts, each attached to one org unit.

use jingzhun_shared::Role;
use sea_orm::entity::prelude::*;

super::table! {
    "app_user" with id {
        #[sea_orm(unique)]
        username: String,
        display_name: String,
        password_hash: String,
        role: Role,
        org_unit_id: i64,
        disabled: bool,
        version: i32,
        /// Carried in every token; bumping it revokes the tokens issued before.
        token_version: i32,
        created_at: DateTimeUtc,
        /// The enterprise an `enterprise` account acts for.
        enterprise_id: Option<i64>,
        /// The cadre a `cadre` account is.
        cadre_id: Option<i64>,
    }
}
