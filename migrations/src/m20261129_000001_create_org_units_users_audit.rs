//! The org tree, user accounts and the audit trail: what every later record builds on.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table("org_unit")
                    .col(big_pk_auto("id"))
                    .col(big_integer_null("parent_id"))
                    .col(string_len("level", 16))
                    .col(string_len("name", 64))
                    .col(string_len_uniq("code", 32))
                    // Materialised path of ids, "/1/3/17/": a subtree is one indexed prefix match.
                    .col(string_len("path", 255))
                    .col(boolean("is_poor_village").default(false))
                    .col(integer_null("exit_year"))
                    .col(big_integer_null("rural_population"))
                    .col(integer("version").default(1))
                    .col(timestamp_with_time_zone("created_at"))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_org_unit_parent")
                            .from("org_unit", "parent_id")
                            .to("org_unit", "id"),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(Index::create().name("idx_org_unit_path").table("org_unit").col("path").to_owned())
            .await?;
        manager
            .create_index(Index::create().name("idx_org_unit_parent").table("org_unit").col("parent_id").to_owned())
            .await?;

        manager
            .create_table(
                Table::create()
                    .table("app_user")
                    .col(big_pk_auto("id"))
                    .col(string_len_uniq("username", 32))
                    .col(string_len("display_name", 64))
                    .col(string_len("password_hash", 255))
                    .col(string_len("role", 32))
                    .col(big_integer("org_unit_id"))
                    .col(boolean("disabled").default(false))
                    .col(integer("version").default(1))
                    .col(timestamp_with_time_zone("created_at"))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_app_user_org_unit")
                            .from("app_user", "org_unit_id")
                            .to("org_unit", "id"),
                    )
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table("audit_event")
                    .col(big_pk_auto("id"))
                    .col(timestamp_with_time_zone("at"))
                    .col(big_integer_null("user_id"))
                    .col(string_len_null("username", 32))
                    .col(string_len("action", 32))
                    .col(string_len("entity", 32))
                    .col(string_len_null("entity_id", 64))
                    .col(text_null("before"))
                    .col(text_null("after"))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_audit_event_entity")
                    .table("audit_event")
                    .col("entity")
                    .col("entity_id")
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in ["audit_event", "app_user", "org_unit"] {
            manager.drop_table(Table::drop().table(table).to_owned()).await?;
        }
        Ok(())
    }
}
