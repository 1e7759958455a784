//! Villages by year: the profile (`is_poor_village`, rural population, collective income) per
//! (village, year) instead of plain columns on `org_unit`; the per-year exit thresholds; the
//! recorded infrastructure checks (road, water, clinic, broadband); and the village exit
//! application.
//!
//! The values `org_unit` held had no year. They are carried over as the profile of 2014, the
//! year 建档立卡 began: a village's place on the poor list holds from its latest profile on, so
//! the old values keep answering every later year until a newer profile is recorded. Then the
//! two columns are dropped (`exit_year` stays on the village: it is set once, by the exit
//! announcement).

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

/// The year the old, yearless values are filed under.
const CARRIED_YEAR: i32 = 2014;

/// A unique index named `name` on `table` over `cols`. This migration's own copy: a migration
/// is frozen, so it shares no helper whose edit would change its schema.
fn unique_index(name: &str, table: &str, cols: &[&str]) -> IndexCreateStatement {
    let mut index = Index::create();
    index.name(name).table(table.to_owned()).unique();
    for col in cols {
        index.col((*col).to_owned());
    }
    index.to_owned()
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table("village_profile")
                    .col(big_pk_auto("id"))
                    .col(big_integer("org_unit_id"))
                    .col(integer("year"))
                    .col(boolean("is_poor_village").default(false))
                    .col(big_integer("rural_population").default(0))
                    .col(big_integer("collective_income_fen").default(0))
                    .col(integer("version").default(1))
                    .foreign_key(ForeignKey::create().from("village_profile", "org_unit_id").to("org_unit", "id"))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(unique_index("idx_village_profile_year", "village_profile", &["org_unit_id", "year"]))
            .await?;

        manager
            .create_table(
                Table::create()
                    .table("village_exit_setting")
                    .col(integer("year").primary_key())
                    .col(integer("max_incidence_bp"))
                    .col(big_integer("min_collective_income_fen"))
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table("village_check")
                    .col(big_pk_auto("id"))
                    .col(big_integer("org_unit_id"))
                    .col(integer("year"))
                    .col(string_len("kind", 16))
                    .col(boolean("passed"))
                    .col(date("checked_on"))
                    .col(string_len("evidence", 500))
                    .col(string_len("recorded_by", 32))
                    .col(timestamp_with_time_zone("recorded_at"))
                    .foreign_key(ForeignKey::create().from("village_check", "org_unit_id").to("org_unit", "id"))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(unique_index("idx_village_check_kind", "village_check", &["org_unit_id", "year", "kind"]))
            .await?;

        manager
            .create_table(
                Table::create()
                    .table("village_exit")
                    .col(big_pk_auto("id"))
                    .col(big_integer("org_unit_id"))
                    .col(integer("year"))
                    .col(string_len("status", 16))
                    .col(date("applied_on"))
                    .col(string_len("applied_by", 32))
                    .col(date_null("notice_start"))
                    .col(date_null("notice_end"))
                    .col(date_null("announced_on"))
                    .col(string_len_null("announced_by", 32))
                    .col(string_len_null("reason", 255))
                    .col(integer("version").default(1))
                    .col(timestamp_with_time_zone("created_at"))
                    .foreign_key(ForeignKey::create().from("village_exit", "org_unit_id").to("org_unit", "id"))
                    .to_owned(),
            )
            .await?;
        // One exit in progress per village, kept by the database.
        manager
            .create_index(
                Index::create()
                    .name("idx_village_exit_one_open")
                    .table("village_exit")
                    .col("org_unit_id")
                    .unique()
                    .and_where(Expr::col("status").eq("in_progress"))
                    .to_owned(),
            )
            .await?;

        manager
            .get_connection()
            .execute_unprepared(&format!(
                "INSERT INTO village_profile (org_unit_id, year, is_poor_village, rural_population, \
                 collective_income_fen, version) SELECT id, {CARRIED_YEAR}, is_poor_village, \
                 COALESCE(rural_population, 0), 0, 1 FROM org_unit WHERE level = 'village'"
            ))
            .await?;
        for column in ["is_poor_village", "rural_population"] {
            manager.alter_table(Table::alter().table("org_unit").drop_column(column).to_owned()).await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter().table("org_unit").add_column(boolean("is_poor_village").default(false)).to_owned(),
            )
            .await?;
        manager
            .alter_table(Table::alter().table("org_unit").add_column(big_integer_null("rural_population")).to_owned())
            .await?;
        // Back to one value per village: its latest profile's.
        for column in ["is_poor_village", "rural_population"] {
            manager
                .get_connection()
                .execute_unprepared(&format!(
                    "UPDATE org_unit SET {column} = (SELECT p.{column} FROM village_profile p \
                     WHERE p.org_unit_id = org_unit.id ORDER BY p.year DESC LIMIT 1) \
                     WHERE id IN (SELECT org_unit_id FROM village_profile)"
                ))
                .await?;
        }
        for table in ["village_exit", "village_check", "village_exit_setting", "village_profile"] {
            manager.drop_table(Table::drop().table(table).to_owned()).await?;
        }
        Ok(())
    }
}
