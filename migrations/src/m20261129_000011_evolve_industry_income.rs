//! Industry money that reconciles: the yearly cap per household across all menu items
//! (`industry_year_setting`), the project whose money pays a subsidy (`industry_subsidy.project_id`,
//! empty on rows written before), a PV station's yearly income (`pv_income`, credited to its
//! villages in `pv_income_credit`), and the payments to households from that income (`pv_distribution`, with a kind)
//! which replace `pv_dividend`: its rows are carried over as kind `dividend`, in the village of
//! the household and the year they were paid in.

use sea_orm_migration::sea_orm::DatabaseBackend;
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

/// An index named `name` on `table` over `cols`, in order (this migration's own copy).
fn index(name: &str, table: &str, cols: &[&str]) -> IndexCreateStatement {
    let mut index = Index::create();
    index.name(name).table(table.to_owned());
    for col in cols {
        index.col((*col).to_owned());
    }
    index.to_owned()
}

/// The year of the date column `column`, in the engine's own words.
fn year_of(backend: DatabaseBackend, column: &str) -> String {
    match backend {
        DatabaseBackend::Postgres => format!("CAST(EXTRACT(YEAR FROM {column}) AS INTEGER)"),
        _ => format!("CAST(strftime('%Y', {column}) AS INTEGER)"),
    }
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table("industry_year_setting")
                    .col(integer("year").primary_key())
                    .col(big_integer("household_cap_fen"))
                    .col(integer("version").default(1))
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(Table::alter().table("industry_subsidy").add_column(big_integer_null("project_id")).to_owned())
            .await?;
        manager.create_index(index("idx_industry_subsidy_project", "industry_subsidy", &["project_id"])).await?;

        manager
            .create_table(
                Table::create()
                    .table("pv_income")
                    .col(big_pk_auto("id"))
                    .col(big_integer("station_id"))
                    .col(integer("year"))
                    .col(big_integer("amount_fen"))
                    .col(date("recorded_on"))
                    .col(timestamp_with_time_zone("created_at"))
                    .foreign_key(ForeignKey::create().from("pv_income", "station_id").to("pv_station", "id"))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(index("idx_pv_income_station_year", "pv_income", &["station_id", "year"]).unique().to_owned())
            .await?;
        // Each village's part, fixed when the income is recorded: a later change to the
        // station's villages does not move income already credited (and distributed).
        manager
            .create_table(
                Table::create()
                    .table("pv_income_credit")
                    .col(big_integer("income_id"))
                    .col(big_integer("village_id"))
                    .col(integer("year"))
                    .col(big_integer("amount_fen"))
                    .primary_key(Index::create().col("income_id").col("village_id"))
                    .foreign_key(ForeignKey::create().from("pv_income_credit", "income_id").to("pv_income", "id"))
                    .foreign_key(ForeignKey::create().from("pv_income_credit", "village_id").to("org_unit", "id"))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(index("idx_pv_income_credit_village_year", "pv_income_credit", &["village_id", "year"]))
            .await?;

        manager
            .create_table(
                Table::create()
                    .table("pv_distribution")
                    .col(big_pk_auto("id"))
                    .col(big_integer("station_id"))
                    .col(big_integer("village_id"))
                    .col(big_integer("household_id"))
                    .col(string_len("kind", 32))
                    // The year of the income it is paid from.
                    .col(integer("year"))
                    .col(big_integer("amount_fen"))
                    .col(date("paid_on"))
                    .col(timestamp_with_time_zone("created_at"))
                    .foreign_key(ForeignKey::create().from("pv_distribution", "station_id").to("pv_station", "id"))
                    .foreign_key(ForeignKey::create().from("pv_distribution", "village_id").to("org_unit", "id"))
                    .foreign_key(ForeignKey::create().from("pv_distribution", "household_id").to("household", "id"))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(index("idx_pv_distribution_village_year", "pv_distribution", &["village_id", "year"]))
            .await?;
        manager.create_index(index("idx_pv_distribution_station", "pv_distribution", &["station_id"])).await?;
        manager.create_index(index("idx_pv_distribution_household", "pv_distribution", &["household_id"])).await?;

        let backend = manager.get_database_backend();
        let carry = format!(
            "INSERT INTO pv_distribution (station_id, village_id, household_id, kind, year, amount_fen, paid_on, created_at) \
             SELECT d.station_id, h.village_id, d.household_id, 'dividend', {}, d.amount_fen, d.paid_on, d.created_at \
             FROM pv_dividend d JOIN household h ON h.id = d.household_id ORDER BY d.id",
            year_of(backend, "d.paid_on")
        );
        manager.get_connection().execute_unprepared(&carry).await?;
        manager.drop_table(Table::drop().table("pv_dividend").to_owned()).await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
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
            .get_connection()
            .execute_unprepared(
                "INSERT INTO pv_dividend (station_id, household_id, amount_fen, paid_on, created_at) \
                 SELECT station_id, household_id, amount_fen, paid_on, created_at FROM pv_distribution \
                 WHERE kind = 'dividend' ORDER BY id",
            )
            .await?;
        manager.drop_table(Table::drop().table("pv_distribution").to_owned()).await?;
        manager.drop_table(Table::drop().table("pv_income_credit").to_owned()).await?;
        manager.drop_table(Table::drop().table("pv_income").to_owned()).await?;
        manager
            .drop_index(Index::drop().name("idx_industry_subsidy_project").table("industry_subsidy").to_owned())
            .await?;
        manager.alter_table(Table::alter().table("industry_subsidy").drop_column("project_id").to_owned()).await?;
        manager.drop_table(Table::drop().table("industry_year_setting").to_owned()).await
    }
}
