//! `health_claim (household_id, year)`: the household card's health totals, its benefit lines
//! and the claim list of one household read that household's claims, which without an index
//! meant a scan of every claim on PostgreSQL (56 ms over 150,000 claims, measured; a province
//! holds a million a year).
//!
//! The health figures read the tallies (`create_health_tallies`), no longer the claims, so the
//! wide covering index `health_claim (year, org_path, discharged_on, kind, and the five summed
//! amounts)` is not read any more; it goes back to its first three columns, which the ledger,
//! the claim lists and the warnings use. Together the two new indexes cost an import what the
//! wide one did (50,000 claims inserted on PostgreSQL: 0.80–0.89 s with them, 0.75–0.88 s with
//! the wide one alone, five runs each).

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

const WIDE: (&str, &[&str]) = (
    "idx_health_claim_year_sums",
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
);

const NARROW: (&str, &[&str]) = ("idx_health_claim_year_path", &["year", "org_path", "discharged_on"]);

const HOUSEHOLD: (&str, &[&str]) = ("idx_health_claim_household", &["household_id", "year"]);

fn create((name, columns): (&str, &[&str])) -> IndexCreateStatement {
    let mut index = Index::create();
    index.name(name).table("health_claim".to_owned());
    for column in columns {
        index.col((*column).to_owned());
    }
    index.to_owned()
}

fn drop(name: &str) -> IndexDropStatement {
    Index::drop().name(name).table("health_claim".to_owned()).to_owned()
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.create_index(create(NARROW)).await?;
        manager.create_index(create(HOUSEHOLD)).await?;
        manager.drop_index(drop(WIDE.0)).await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.create_index(create(WIDE)).await?;
        manager.drop_index(drop(HOUSEHOLD.0)).await?;
        manager.drop_index(drop(NARROW.0)).await
    }
}
