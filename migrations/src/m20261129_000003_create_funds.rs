//! Money and industry: fund batches, projects and their expenditures, the industry subsidy
//! menu and subsidies to households, business entities, photovoltaic stations with their
//! dividends, and asset-income investments.
//!
//! Project rows carry their year and the ids of their district, township and village, so a
//! year's rates for any subtree are one scan of one covering index.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

/// An index named `name` on `table` over `cols`, in order. This migration's own copy: a
/// migration is frozen, so it shares no helper whose edit would change its schema.
fn index(name: &str, table: &str, cols: &[&str]) -> IndexCreateStatement {
    let mut index = Index::create();
    index.name(name).table(table.to_owned());
    for col in cols {
        index.col((*col).to_owned());
    }
    index.to_owned()
}

/// Where a record sits in the org tree: the unit, its path, and the township and village
/// it lies in (none for a district- or township-level record).
fn placed(table: TableCreateStatement) -> TableCreateStatement {
    let mut table = table;
    table
        .col(big_integer("org_unit_id"))
        .col(string_len("org_path", 255))
        .col(big_integer_null("township_id"))
        .col(big_integer_null("village_id"))
        .to_owned()
}

/// A link table of two ids, both the key.
fn link(
    table: &'static str,
    left: &'static str,
    left_table: &'static str,
    right: &'static str,
    right_table: &'static str,
) -> TableCreateStatement {
    Table::create()
        .table(table.to_owned())
        .col(big_integer(left))
        .col(big_integer(right))
        .primary_key(Index::create().col(left.to_owned()).col(right.to_owned()))
        .foreign_key(ForeignKey::create().from(table.to_owned(), left.to_owned()).to(left_table.to_owned(), "id"))
        .foreign_key(ForeignKey::create().from(table.to_owned(), right.to_owned()).to(right_table.to_owned(), "id"))
        .to_owned()
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table("fund_batch")
                    .col(big_pk_auto("id"))
                    .col(integer("year"))
                    .col(integer("seq"))
                    .col(string_len("name", 128))
                    .col(string_len("document_no", 128))
                    .col(string_len("source", 16))
                    .col(date("issued_on"))
                    // The district that received it; users inside that district see it.
                    .col(big_integer("org_unit_id"))
                    .col(string_len("org_path", 255))
                    .col(integer("version").default(1))
                    .col(timestamp_with_time_zone("created_at"))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                index("idx_fund_batch_year_seq", "fund_batch", &["org_unit_id", "year", "seq"]).unique().to_owned(),
            )
            .await?;

        manager
            .create_table(
                placed(
                    Table::create()
                        .table("project")
                        .col(big_pk_auto("id"))
                        .col(big_integer("batch_id"))
                        .col(integer("year"))
                        .col(string_len("name", 128))
                        .col(string_len("kind", 16))
                        .col(big_integer("district_id"))
                        .to_owned(),
                )
                .col(big_integer("budget_fen"))
                // The running sum of its expenditures, changed in the same statement that
                // checks it against the budget (so two payments cannot overspend together).
                .col(big_integer("spent_fen").default(0))
                .col(string_len("status", 16))
                .col(date_null("started_on"))
                .col(date_null("completed_on"))
                .col(date_null("accepted_on"))
                .col(integer("beneficiary_households").default(0))
                .col(integer("version").default(1))
                .col(timestamp_with_time_zone("created_at"))
                .foreign_key(ForeignKey::create().from("project", "batch_id").to("fund_batch", "id"))
                .to_owned(),
            )
            .await?;
        let with = |lead: &[&'static str]| -> Vec<&'static str> {
            lead.iter().chain(["kind", "status", "budget_fen", "spent_fen"].iter()).copied().collect()
        };
        manager.create_index(index("idx_project_district_rates", "project", &with(&["year", "district_id"]))).await?;
        manager.create_index(index("idx_project_township_rates", "project", &with(&["township_id", "year"]))).await?;
        manager.create_index(index("idx_project_village_rates", "project", &with(&["village_id", "year"]))).await?;
        manager.create_index(index("idx_project_batch", "project", &["batch_id", "budget_fen", "spent_fen"])).await?;

        manager
            .create_table(
                Table::create()
                    .table("expenditure")
                    .col(big_pk_auto("id"))
                    .col(big_integer("project_id"))
                    .col(big_integer("amount_fen"))
                    .col(date("paid_on"))
                    .col(string_len_uniq("voucher_no", 64))
                    .col(timestamp_with_time_zone("created_at"))
                    .foreign_key(ForeignKey::create().from("expenditure", "project_id").to("project", "id"))
                    .to_owned(),
            )
            .await?;
        manager.create_index(index("idx_expenditure_project", "expenditure", &["project_id", "paid_on"])).await?;

        manager
            .create_table(
                Table::create()
                    .table("subsidy_menu_item")
                    .col(big_pk_auto("id"))
                    .col(integer("year"))
                    .col(string_len("name", 64))
                    .col(string_len("unit", 16))
                    .col(big_integer("standard_fen"))
                    .col(big_integer_null("cap_fen"))
                    .col(integer("version").default(1))
                    .col(timestamp_with_time_zone("created_at"))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                index("idx_subsidy_menu_year_name", "subsidy_menu_item", &["year", "name"]).unique().to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table("industry_subsidy")
                    .col(big_pk_auto("id"))
                    .col(big_integer("household_id"))
                    .col(big_integer("village_id"))
                    .col(big_integer("township_id"))
                    .col(string_len("org_path", 255))
                    .col(big_integer("item_id"))
                    .col(integer("year"))
                    // Hundredths of the item's unit.
                    .col(big_integer("quantity"))
                    .col(big_integer("amount_fen"))
                    .col(boolean("capped").default(false))
                    .col(string_len_null("note", 255))
                    .col(timestamp_with_time_zone("created_at"))
                    .foreign_key(ForeignKey::create().from("industry_subsidy", "household_id").to("household", "id"))
                    .foreign_key(ForeignKey::create().from("industry_subsidy", "item_id").to("subsidy_menu_item", "id"))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(index("idx_industry_subsidy_household", "industry_subsidy", &["household_id", "item_id"]))
            .await?;
        manager.create_index(index("idx_industry_subsidy_item", "industry_subsidy", &["item_id"])).await?;
        manager
            .create_index(index(
                "idx_industry_subsidy_township",
                "industry_subsidy",
                &["township_id", "year", "household_id"],
            ))
            .await?;
        manager.create_index(index("idx_industry_subsidy_year", "industry_subsidy", &["year", "household_id"])).await?;

        manager
            .create_table(
                placed(Table::create().table("business_entity").col(big_pk_auto("id")).to_owned())
                    .col(string_len("name", 128))
                    .col(string_len("kind", 32))
                    .col(string_len("industry", 64))
                    .col(integer("version").default(1))
                    .col(timestamp_with_time_zone("created_at"))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(link(
                "business_entity_household",
                "entity_id",
                "business_entity",
                "household_id",
                "household",
            ))
            .await?;
        manager
            .create_index(index("idx_business_entity_household", "business_entity_household", &["household_id"]))
            .await?;

        manager
            .create_table(
                placed(Table::create().table("pv_station").col(big_pk_auto("id")).to_owned())
                    .col(string_len("name", 128))
                    .col(integer("capacity_kw"))
                    .col(date_null("grid_connected_on"))
                    .col(integer("version").default(1))
                    .col(timestamp_with_time_zone("created_at"))
                    .to_owned(),
            )
            .await?;
        manager.create_table(link("pv_station_village", "station_id", "pv_station", "village_id", "org_unit")).await?;
        manager
            .create_table(
                Table::create()
                    .table("pv_dividend")
                    .col(big_pk_auto("id"))
                    .col(big_integer("station_id"))
                    .col(big_integer("household_id"))
                    .col(big_integer("amount_fen"))
                    .col(date("paid_on"))
                    .col(timestamp_with_time_zone("created_at"))
                    .foreign_key(ForeignKey::create().from("pv_dividend", "station_id").to("pv_station", "id"))
                    .foreign_key(ForeignKey::create().from("pv_dividend", "household_id").to("household", "id"))
                    .to_owned(),
            )
            .await?;
        manager.create_index(index("idx_pv_dividend_station", "pv_dividend", &["station_id"])).await?;
        manager.create_index(index("idx_pv_dividend_household", "pv_dividend", &["household_id"])).await?;

        manager
            .create_table(
                placed(Table::create().table("asset_investment").col(big_pk_auto("id")).to_owned())
                    .col(integer("year"))
                    .col(string_len("name", 128))
                    .col(string_len("sector", 32))
                    .col(big_integer("amount_fen"))
                    .col(integer("version").default(1))
                    .col(timestamp_with_time_zone("created_at"))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(link(
                "asset_investment_household",
                "investment_id",
                "asset_investment",
                "household_id",
                "household",
            ))
            .await?;
        manager
            .create_index(index("idx_asset_investment_household", "asset_investment_household", &["household_id"]))
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            "asset_investment_household",
            "asset_investment",
            "pv_dividend",
            "pv_station_village",
            "pv_station",
            "business_entity_household",
            "business_entity",
            "industry_subsidy",
            "subsidy_menu_item",
            "expenditure",
            "project",
            "fund_batch",
        ] {
            manager.drop_table(Table::drop().table(table.to_owned()).to_owned()).await?;
        }
        Ok(())
    }
}
