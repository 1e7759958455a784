//! What an application's steps record besides date and note (the district's comparison, the
//! period a notice stood, an exit's verification and acknowledgement), as JSON on the step; and
//! the per-year setting that an exit's income must also have been above the line the year
//! before ("稳定超过").

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(Table::alter().table("application_step").add_column(text_null("records")).to_owned())
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table("year_setting")
                    .add_column(boolean("exit_needs_previous_year").default(false))
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(Table::alter().table("year_setting").drop_column("exit_needs_previous_year").to_owned())
            .await?;
        manager.alter_table(Table::alter().table("application_step").drop_column("records").to_owned()).await
    }
}
