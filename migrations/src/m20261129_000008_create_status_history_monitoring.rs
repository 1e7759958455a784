//! A household's status with dates, and 防返贫监测.
//!
//! `household_status_change` keeps every change of a household's status (from, to, the date it
//! took effect, the exit year, the application that caused it), so the registry's figures can
//! be answered for the end of any year. Households already on file get their history from what
//! the row says: one change into their status on the day they were filed, and for an exited
//! household one into `registered` (on the day filed, or the first day of the exit year when
//! that is earlier) and one into `exited` on the last day of its exit year.
//!
//! `household_monitoring` keeps each time a household was under monitoring (kind, since,
//! reason, cleared on with a note); a partial unique index allows one open period per
//! household.

use sea_orm_migration::{prelude::*, schema::*, sea_orm::DatabaseBackend};

#[derive(DeriveMigrationName)]
pub struct Migration;

const OPEN_INDEX: &str = "idx_household_monitoring_one_open";

/// The backfill of the households on file, in each engine's date arithmetic.
fn backfill(backend: DatabaseBackend) -> [&'static str; 2] {
    match backend {
        DatabaseBackend::Postgres => [
            "INSERT INTO household_status_change (household_id, from_status, to_status, on_date, exit_year, created_at) \
             SELECT id, NULL, CASE WHEN status = 'exited' AND exit_year IS NOT NULL THEN 'registered' ELSE status END, \
             CASE WHEN status = 'exited' AND exit_year IS NOT NULL \
             THEN LEAST(CAST(created_at AS DATE), make_date(exit_year, 1, 1)) ELSE CAST(created_at AS DATE) END, \
             NULL, created_at FROM household ORDER BY id",
            "INSERT INTO household_status_change (household_id, from_status, to_status, on_date, exit_year, created_at) \
             SELECT id, 'registered', 'exited', make_date(exit_year, 12, 31), exit_year, created_at FROM household \
             WHERE status = 'exited' AND exit_year IS NOT NULL ORDER BY id",
        ],
        _ => [
            "INSERT INTO household_status_change (household_id, from_status, to_status, on_date, exit_year, created_at) \
             SELECT id, NULL, CASE WHEN status = 'exited' AND exit_year IS NOT NULL THEN 'registered' ELSE status END, \
             CASE WHEN status = 'exited' AND exit_year IS NOT NULL \
             THEN min(substr(created_at, 1, 10), exit_year || '-01-01') ELSE substr(created_at, 1, 10) END, \
             NULL, created_at FROM household ORDER BY id",
            "INSERT INTO household_status_change (household_id, from_status, to_status, on_date, exit_year, created_at) \
             SELECT id, 'registered', 'exited', exit_year || '-12-31', exit_year, created_at FROM household \
             WHERE status = 'exited' AND exit_year IS NOT NULL ORDER BY id",
        ],
    }
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table("household_status_change")
                    .col(big_pk_auto("id"))
                    .col(big_integer("household_id"))
                    .col(string_len_null("from_status", 16))
                    .col(string_len("to_status", 16))
                    .col(date("on_date"))
                    .col(integer_null("exit_year"))
                    .col(big_integer_null("application_id"))
                    .col(timestamp_with_time_zone("created_at"))
                    .foreign_key(
                        ForeignKey::create().from("household_status_change", "household_id").to("household", "id"),
                    )
                    .foreign_key(
                        ForeignKey::create().from("household_status_change", "application_id").to("application", "id"),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_household_status_change_household")
                    .table("household_status_change")
                    .col("household_id")
                    .col("on_date")
                    .col("id")
                    .to_owned(),
            )
            .await?;
        // Exits by year read the changes into `exited` by date.
        manager
            .create_index(
                Index::create()
                    .name("idx_household_status_change_to")
                    .table("household_status_change")
                    .col("to_status")
                    .col("on_date")
                    .to_owned(),
            )
            .await?;
        for statement in backfill(manager.get_database_backend()) {
            manager.get_connection().execute_unprepared(statement).await?;
        }

        manager
            .create_table(
                Table::create()
                    .table("household_monitoring")
                    .col(big_pk_auto("id"))
                    .col(big_integer("household_id"))
                    .col(string_len("kind", 16))
                    .col(date("since"))
                    .col(string_len("reason", 255))
                    .col(date_null("cleared_on"))
                    .col(string_len_null("cleared_note", 255))
                    .col(integer("version").default(1))
                    .col(timestamp_with_time_zone("created_at"))
                    .foreign_key(
                        ForeignKey::create().from("household_monitoring", "household_id").to("household", "id"),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_household_monitoring_household")
                    .table("household_monitoring")
                    .col("household_id")
                    .col("id")
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name(OPEN_INDEX)
                    .table("household_monitoring")
                    .col("household_id")
                    .unique()
                    .and_where(Expr::col("cleared_on").is_null())
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.drop_table(Table::drop().table("household_monitoring").to_owned()).await?;
        manager.drop_table(Table::drop().table("household_status_change").to_owned()).await
    }
}
