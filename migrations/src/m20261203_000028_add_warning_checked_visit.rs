//! `warning.checked_visit_id`: the visit on which a warning was checked (核查), so that the
//! warning shows which visit checked it. Warnings checked before have none.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(Table::alter().table("warning").add_column(big_integer_null("checked_visit_id")).to_owned())
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.alter_table(Table::alter().table("warning").drop_column("checked_visit_id").to_owned()).await
    }
}
