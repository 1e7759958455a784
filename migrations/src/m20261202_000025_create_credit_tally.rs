//! `credit_tally`: what the records of a village's loans with one bank changed in the
//! microcredit figures on one day (`whole_month` false) or over one month (`whole_month` true,
//! `day` its first day). The figures of any date sum the months before its month and the days
//! of its month up to it, so they read a few thousand rows however many loans there are. The
//! rows follow every write of a loan, a repayment, an extension, a return or a paid subsidy
//! batch, in the writing transaction; the server fills the table from the records when it
//! finds it empty with loans on file.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

/// The summed columns, in the order `services::credit::tally` keeps them.
const SUMS: [&str; 10] = [
    "lent_household_use_fen",
    "lent_enterprise_use_fen",
    "repaid_fen",
    "overdue_fen",
    "subsidy_fen",
    "late_loans",
    "borrowers",
    "year_borrowers",
    "year_household_use",
    "year_enterprise_use",
];

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let mut table = Table::create();
        table
            .table("credit_tally")
            .col(big_pk_auto("id"))
            .col(big_integer("village_id"))
            .col(big_integer("township_id"))
            .col(string_len("org_path", 255))
            .col(string_len("bank", 64))
            .col(boolean("whole_month"))
            .col(date("day"));
        for sum in SUMS {
            table.col(big_integer(sum).default(0));
        }
        manager.create_table(table.to_owned()).await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_credit_tally_key")
                    .table("credit_tally")
                    .col("village_id")
                    .col("bank")
                    .col("whole_month")
                    .col("day")
                    .unique()
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_credit_tally_day")
                    .table("credit_tally")
                    .col("whole_month")
                    .col("day")
                    .col("org_path")
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.drop_table(Table::drop().table("credit_tally").to_owned()).await
    }
}
