//! One open application per household, kept by the database: a unique index on
//! `application (household_id)` over the rows still `in_progress`, so that two requests filing
//! at once cannot both pass the service's check. SQLite and PostgreSQL take the same partial
//! index.
//!
//! Open duplicates filed before the index existed (only the race it closes could make them)
//! would keep it from being built, so of each household's open applications all but the first
//! are closed as rejected first.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

const INDEX: &str = "idx_application_one_open";

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .get_connection()
            .execute_unprepared(
                "UPDATE application SET status = 'rejected' WHERE status = 'in_progress' AND id NOT IN \
                 (SELECT MIN(id) FROM application WHERE status = 'in_progress' GROUP BY household_id)",
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name(INDEX)
                    .table("application")
                    .col("household_id")
                    .unique()
                    .and_where(Expr::col("status").eq("in_progress"))
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.drop_index(Index::drop().name(INDEX).table("application").to_owned()).await
    }
}
