//! `application_photo`: photos of the posted notices of an application (公示照片), each with the
//! notice stage it shows and who took it; the file itself lives in the data directory.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table("application_photo")
                    .col(big_pk_auto("id"))
                    .col(big_integer("application_id"))
                    .col(string_len("stage", 32))
                    .col(string_len("file", 64))
                    .col(timestamp_with_time_zone("at"))
                    .col(big_integer("user_id"))
                    .col(string_len("username", 32))
                    .foreign_key(
                        ForeignKey::create().from("application_photo", "application_id").to("application", "id"),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_application_photo_app")
                    .table("application_photo")
                    .col("application_id")
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.drop_table(Table::drop().table("application_photo").to_owned()).await
    }
}
