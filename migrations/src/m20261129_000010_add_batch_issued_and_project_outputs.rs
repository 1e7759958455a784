//! What a batch was issued and what its projects build.
//!
//! `fund_batch.issued_fen` is the amount issued (下达金额), split by source in
//! `fund_batch_source` (central, provincial, municipal and district money may mix in one batch).
//! `fund_batch.allocated_fen` is the running sum of its projects' budgets, changed only in the
//! statement that checks it against `issued_fen`, so two budgets filed at once cannot take the
//! batch over what was issued. Batches filed before this change are taken as issued exactly
//! what their projects hold, from their one source.
//!
//! A project records what it builds (`quantity` in hundredths of `unit`), its announcement
//! (公告公示) dates and, in `project_household`, the households it benefits; the count of
//! beneficiaries is computed from the links, so the old stored count is dropped.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        // SQLite takes one column per ALTER TABLE.
        for name in ["issued_fen", "allocated_fen"] {
            let column = big_integer(name).default(0).to_owned();
            manager.alter_table(Table::alter().table("fund_batch").add_column(column).to_owned()).await?;
        }
        let db = manager.get_connection();
        db.execute_unprepared(
            "UPDATE fund_batch SET allocated_fen = \
             COALESCE((SELECT SUM(budget_fen) FROM project WHERE project.batch_id = fund_batch.id), 0)",
        )
        .await?;
        db.execute_unprepared("UPDATE fund_batch SET issued_fen = allocated_fen").await?;
        manager
            .create_table(
                Table::create()
                    .table("fund_batch_source")
                    .col(big_integer("batch_id"))
                    .col(string_len("source", 16))
                    .col(big_integer("amount_fen"))
                    .primary_key(Index::create().col("batch_id").col("source"))
                    .foreign_key(ForeignKey::create().from("fund_batch_source", "batch_id").to("fund_batch", "id"))
                    .to_owned(),
            )
            .await?;
        db.execute_unprepared(
            "INSERT INTO fund_batch_source (batch_id, source, amount_fen) \
             SELECT id, source, issued_fen FROM fund_batch WHERE issued_fen > 0",
        )
        .await?;

        for column in [
            big_integer_null("quantity"),
            string_len_null("unit", 16),
            date_null("announced_from"),
            date_null("announced_to"),
        ] {
            manager.alter_table(Table::alter().table("project").add_column(column).to_owned()).await?;
        }
        manager.alter_table(Table::alter().table("project").drop_column("beneficiary_households").to_owned()).await?;
        manager
            .create_table(
                Table::create()
                    .table("project_household")
                    .col(big_integer("project_id"))
                    .col(big_integer("household_id"))
                    .primary_key(Index::create().col("project_id").col("household_id"))
                    .foreign_key(ForeignKey::create().from("project_household", "project_id").to("project", "id"))
                    .foreign_key(ForeignKey::create().from("project_household", "household_id").to("household", "id"))
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.drop_table(Table::drop().table("project_household").to_owned()).await?;
        let count = integer("beneficiary_households").default(0).to_owned();
        manager.alter_table(Table::alter().table("project").add_column(count).to_owned()).await?;
        for column in ["announced_to", "announced_from", "unit", "quantity"] {
            manager.alter_table(Table::alter().table("project").drop_column(column).to_owned()).await?;
        }
        manager.drop_table(Table::drop().table("fund_batch_source").to_owned()).await?;
        for column in ["allocated_fen", "issued_fen"] {
            manager.alter_table(Table::alter().table("fund_batch").drop_column(column).to_owned()).await?;
        }
        Ok(())
    }
}
