//! `loan_extension`: an extension (展期) of a loan's due date, agreed on a day.

use sea_orm::entity::prelude::*;

super::table! {
    "loan_extension" with id {
        loan_id: i64,
        new_due_on: Date,
        reason: String,
        agreed_on: Date,
        created_at: DateTimeUtc,
    }
}
