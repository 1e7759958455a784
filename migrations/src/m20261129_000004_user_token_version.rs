//! `app_user.token_version`: carried in every token and compared on every request, so that
//! disabling or re-enabling an account, or changing its password, revokes the tokens issued
//! before.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(Table::alter().table("app_user").add_column(integer("token_version").default(1)).to_owned())
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.alter_table(Table::alter().table("app_user").drop_column("token_version").to_owned()).await
    }
}
