//! `project`: a poverty-alleviation project (扶贫项目) financed by one batch.

use jingzhun_shared::{ProjectKind, ProjectStatus};
use sea_orm::entity::prelude::*;

super::table! {
    "project" with id {
        batch_id: i64,
        /// The batch's year, copied so rates filter one table.
        year: i32,
        name: String,
        kind: ProjectKind,
        district_id: i64,
        org_unit_id: i64,
        org_path: String,
        township_id: Option<i64>,
        village_id: Option<i64>,
        budget_fen: i64,
        /// Running sum of its expenditures.
        spent_fen: i64,
        status: ProjectStatus,
        started_on: Option<Date>,
        completed_on: Option<Date>,
        accepted_on: Option<Date>,
        /// What it builds, in hundredths of `unit`.
        quantity: Option<i64>,
        unit: Option<String>,
        /// The announcement (公告公示) period.
        announced_from: Option<Date>,
        announced_to: Option<Date>,
        version: i32,
        created_at: DateTimeUtc,
    }
}
