//! `assistance_plan`: one checklist item of a household's plan for a year, with the cadre
//! responsible, the due date and the day it was done.

use jingzhun_shared::pairing::VisitItem;
use sea_orm::entity::prelude::*;

super::table! {
    "assistance_plan" with id {
        household_id: i64,
        org_path: String,
        year: i32,
        item: VisitItem,
        cadre_id: i64,
        due: Date,
        done_on: Option<Date>,
        note: Option<String>,
        created_at: DateTimeUtc,
    }
}
