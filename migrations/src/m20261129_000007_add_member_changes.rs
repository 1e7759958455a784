//! Members change and categories have a history: a member's version (edits are guarded like a
//! household's), the date and reason a member joined (`joined_on`, `join_reason`; unknown for
//! the people on file before) and left (`left_on`, `leave_reason`: the person stays on file but
//! no longer counts), and `household_category_change`, the civil-affairs decisions (低保 /
//! 五保) that changed a household's category, with their date, reason and document number.
//!
//! SQLite adds one column per `ALTER TABLE`, so each column is its own statement.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let columns = [
            integer("version").default(1).to_owned(),
            date_null("joined_on").to_owned(),
            string_len_null("join_reason", 16).to_owned(),
            date_null("left_on").to_owned(),
            string_len_null("leave_reason", 16).to_owned(),
        ];
        for column in columns {
            manager.alter_table(Table::alter().table("member").add_column(column).to_owned()).await?;
        }
        for col in ["joined_on", "left_on"] {
            manager
                .create_index(Index::create().name(format!("idx_member_{col}")).table("member").col(col).to_owned())
                .await?;
        }
        manager
            .create_table(
                Table::create()
                    .table("household_category_change")
                    .col(big_pk_auto("id"))
                    .col(big_integer("household_id"))
                    .col(string_len("from_category", 16))
                    .col(string_len("to_category", 16))
                    .col(date("changed_on"))
                    .col(string_len("reason", 255))
                    .col(string_len("document_no", 128))
                    .col(big_integer_null("recorded_by"))
                    .col(timestamp_with_time_zone("created_at"))
                    .foreign_key(
                        ForeignKey::create().from("household_category_change", "household_id").to("household", "id"),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_category_change_household")
                    .table("household_category_change")
                    .col("household_id")
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.drop_table(Table::drop().table("household_category_change").to_owned()).await?;
        for col in ["joined_on", "left_on"] {
            manager.drop_index(Index::drop().name(format!("idx_member_{col}")).table("member").to_owned()).await?;
        }
        for col in ["leave_reason", "left_on", "join_reason", "joined_on", "version"] {
            manager.alter_table(Table::alter().table("member").drop_column(col).to_owned()).await?;
        }
        Ok(())
    }
}
