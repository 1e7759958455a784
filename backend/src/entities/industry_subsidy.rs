//! `industry_subsidy`: an industry subsidy paid to a household (直补到户).

use sea_orm::entity::prelude::*;

super::table! {
    "industry_subsidy" with id {
        household_id: i64,
        village_id: i64,
        township_id: i64,
        org_path: String,
        item_id: i64,
        year: i32,
        /// Hundredths of the item's unit.
        quantity: i64,
        amount_fen: i64,
        capped: bool,
        note: Option<String>,
        /// The project whose money pays it; none on subsidies recorded before projects paid them.
        project_id: Option<i64>,
        /// The day it was paid (its project's money spent); none only on rows older than it.
        paid_on: Option<Date>,
        created_at: DateTimeUtc,
    }
}
