//! `business_entity_household`: a household driven (带动) by a business entity.

use sea_orm::entity::prelude::*;

super::table! {
    "business_entity_household" {
        #[sea_orm(primary_key, auto_increment = false)]
        entity_id: i64,
        #[sea_orm(primary_key, auto_increment = false)]
        household_id: i64,
    }
}
