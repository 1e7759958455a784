//! `industry_subsidy.paid_on`: the day a subsidy was paid, which is the day its project's money
//! was spent on it, so that spending as of a date counts subsidies as it counts payments.
//! Subsidies on file get the day they were recorded.

use sea_orm_migration::sea_orm::DatabaseBackend;
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(Table::alter().table("industry_subsidy").add_column(date_null("paid_on")).to_owned())
            .await?;
        let backfill = match manager.get_database_backend() {
            DatabaseBackend::Sqlite => "UPDATE industry_subsidy SET paid_on = date(created_at)",
            _ => "UPDATE industry_subsidy SET paid_on = CAST(created_at AS DATE)",
        };
        manager.get_connection().execute_unprepared(backfill).await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.alter_table(Table::alter().table("industry_subsidy").drop_column("paid_on").to_owned()).await
    }
}
