//! `attachment`: a file hung on one record (a household, a project or a problem, as its
//! `record_type` says), with the record's org path copied for scope filters, what the bytes are,
//! their SHA-256 (the stored file's name: the same bytes are stored once), who uploaded it and
//! whether it is a personal document. The same file on the same record is one row.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let table = Table::create()
            .table("attachment")
            .col(big_pk_auto("id"))
            .col(string_len("record_type", 32))
            .col(big_integer("record_id"))
            .col(string_len("org_path", 255))
            .col(string_len("kind", 8))
            .col(string_len("sha256", 64))
            .col(big_integer("size"))
            .col(string_len("original_name", 255))
            .col(boolean("personal"))
            .col(big_integer("uploaded_by"))
            .col(timestamp_with_time_zone("created_at"))
            .foreign_key(ForeignKey::create().from("attachment", "uploaded_by").to("app_user", "id"))
            .to_owned();
        manager.create_table(table).await?;
        let once = Index::create()
            .name("idx_attachment_record_type_record_id_sha256")
            .table(Alias::new("attachment"))
            .col(Alias::new("record_type"))
            .col(Alias::new("record_id"))
            .col(Alias::new("sha256"))
            .unique()
            .to_owned();
        manager.create_index(once).await?;
        let by_path = Index::create()
            .name("idx_attachment_org_path")
            .table(Alias::new("attachment"))
            .col(Alias::new("org_path"))
            .to_owned();
        manager.create_index(by_path).await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.drop_table(Table::drop().table(Alias::new("attachment")).to_owned()).await
    }
}
