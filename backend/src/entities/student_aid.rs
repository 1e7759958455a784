//! `student_aid`: aid paid to a member at school (学生资助), one row per programme and term.

use jingzhun_shared::education::{AidProgramme, SchoolStage, Term};
use sea_orm::entity::prelude::*;

super::table! {
    "student_aid" with id {
        member_id: i64,
        household_id: i64,
        village_id: i64,
        township_id: i64,
        org_path: String,
        stage: SchoolStage,
        school: String,
        year: i32,
        term: Term,
        /// The school lies inside the district (学籍在区内).
        in_district: bool,
        programme: AidProgramme,
        amount_fen: i64,
        paid_on: Date,
        /// Paid through the 一卡通 card.
        via_card: bool,
        created_at: DateTimeUtc,
    }
}
