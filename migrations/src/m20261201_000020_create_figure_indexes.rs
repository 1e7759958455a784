//! Indexes for the year's figures at a province's size:
//! - `loan_repayment (paid_on, …)`: a loan's balance on a past date is its balance today plus
//!   the few repayments after that date, and a quarter's subsidy batch reads only the
//!   repayments from the quarter on;
//! - `member (household_id, joined_on, left_on)`: the people on file are counted from the index
//!   alone;
//! - `health_claim (year, org_path, discharged_on, kind, and the summed amounts)`: the year's
//!   health figures are summed from the index alone; it replaces `(year, org_path,
//!   discharged_on)`, its first three columns.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

/// (name, table, columns) of each index.
const INDEXES: [(&str, &str, &[&str]); 3] = [
    ("idx_loan_repayment_paid", "loan_repayment", &["paid_on", "loan_id", "principal_fen"]),
    ("idx_member_presence", "member", &["household_id", "joined_on", "left_on"]),
    (
        "idx_health_claim_year_sums",
        "health_claim",
        &[
            "year",
            "org_path",
            "discharged_on",
            "kind",
            "total_cost_fen",
            "out_of_pocket_fen",
            "fallback_fen",
            "supplementary_fen",
            "commercial_fen",
        ],
    ),
];

/// The index the last one replaces.
const REPLACED: (&str, &str, &[&str]) =
    ("idx_health_claim_year_path", "health_claim", &["year", "org_path", "discharged_on"]);

fn create((name, table, columns): (&str, &str, &[&str])) -> IndexCreateStatement {
    let mut index = Index::create();
    index.name(name).table(table.to_owned());
    for column in columns {
        index.col((*column).to_owned());
    }
    index.to_owned()
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for index in INDEXES {
            manager.create_index(create(index)).await?;
        }
        manager.drop_index(Index::drop().name(REPLACED.0).table(REPLACED.1.to_owned()).to_owned()).await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.create_index(create(REPLACED)).await?;
        for (name, table, _) in INDEXES {
            manager.drop_index(Index::drop().name(name).table(table.to_owned()).to_owned()).await?;
        }
        Ok(())
    }
}
