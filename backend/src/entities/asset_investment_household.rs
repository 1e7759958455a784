//! `asset_investment_household`: a household benefiting from an asset-income investment.

use sea_orm::entity::prelude::*;

super::table! {
    "asset_investment_household" {
        #[sea_orm(primary_key, auto_increment = false)]
        investment_id: i64,
        #[sea_orm(primary_key, auto_increment = false)]
        household_id: i64,
    }
}
