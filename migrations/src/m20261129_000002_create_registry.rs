//! The household registry: households, members, yearly income, the poverty line per year, and
//! the entry / exit / removal applications with their step history.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

/// An index named `name` on `table` over `cols`, in order. This migration's own copy: a
/// migration is frozen, so it shares no helper whose edit would change its schema.
fn index(name: &str, table: &str, cols: &[&str]) -> IndexCreateStatement {
    let mut index = Index::create();
    index.name(name).table(table.to_owned());
    for col in cols {
        index.col((*col).to_owned());
    }
    index.to_owned()
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table("year_setting")
                    .col(integer("year").primary_key())
                    .col(big_integer("poverty_line_fen"))
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table("household")
                    .col(big_pk_auto("id"))
                    .col(big_integer("village_id"))
                    // The village's township, so township scope and filters are an indexed equality.
                    .col(big_integer("township_id"))
                    // The village's org path: the scope test for a single record.
                    .col(string_len("org_path", 255))
                    .col(string_len_uniq("number", 32))
                    .col(string_len("head_name", 64))
                    .col(string_len("category", 16))
                    .col(string_len("status", 16))
                    .col(integer_null("exit_year"))
                    .col(string_len_null("removed_reason", 255))
                    .col(string_len("causes", 255))
                    .col(string_len_null("phone", 32))
                    .col(double_null("latitude"))
                    .col(double_null("longitude"))
                    .col(integer("version").default(1))
                    .col(timestamp_with_time_zone("created_at"))
                    .foreign_key(ForeignKey::create().from("household", "village_id").to("org_unit", "id"))
                    .to_owned(),
            )
            .await?;
        manager.create_index(index("idx_household_org_path", "household", &["org_path", "id"])).await?;
        // (scope, status, id): a filtered page walks the index in id order, with no sort.
        manager.create_index(index("idx_household_township", "household", &["township_id", "status", "id"])).await?;
        manager.create_index(index("idx_household_village", "household", &["village_id", "status", "id"])).await?;
        manager.create_index(index("idx_household_status", "household", &["status", "category", "id"])).await?;
        manager.create_index(index("idx_household_head_name", "household", &["head_name"])).await?;

        manager
            .create_table(
                Table::create()
                    .table("member")
                    .col(big_pk_auto("id"))
                    .col(big_integer("household_id"))
                    .col(string_len("name", 64))
                    .col(string_len_uniq("id_card_no", 18))
                    .col(string_len("sex", 8))
                    .col(date("birth_date"))
                    .col(string_len("relation", 16))
                    .col(string_len("health", 16))
                    .col(string_len("labour", 16))
                    .col(timestamp_with_time_zone("created_at"))
                    .foreign_key(ForeignKey::create().from("member", "household_id").to("household", "id"))
                    .to_owned(),
            )
            .await?;
        manager.create_index(index("idx_member_household", "member", &["household_id"])).await?;

        manager
            .create_table(
                Table::create()
                    .table("income_record")
                    .col(big_pk_auto("id"))
                    .col(big_integer("household_id"))
                    .col(integer("year"))
                    .col(big_integer("wage_fen"))
                    .col(big_integer("operating_fen"))
                    .col(big_integer("property_fen"))
                    .col(big_integer("transfer_fen"))
                    .col(big_integer("expenses_fen"))
                    .foreign_key(ForeignKey::create().from("income_record", "household_id").to("household", "id"))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                index("idx_income_household_year", "income_record", &["household_id", "year"]).unique().to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table("application")
                    .col(big_pk_auto("id"))
                    .col(big_integer("household_id"))
                    .col(string_len("kind", 16))
                    .col(integer("year"))
                    .col(string_len("stage", 32))
                    .col(string_len("status", 16))
                    .col(text_null("checklist"))
                    .col(string_len_null("reason", 255))
                    .col(date("stage_since"))
                    .col(integer("version").default(1))
                    .col(timestamp_with_time_zone("created_at"))
                    .foreign_key(ForeignKey::create().from("application", "household_id").to("household", "id"))
                    .to_owned(),
            )
            .await?;
        manager.create_index(index("idx_application_household", "application", &["household_id"])).await?;
        manager.create_index(index("idx_application_stage", "application", &["status", "stage"])).await?;

        manager
            .create_table(
                Table::create()
                    .table("application_step")
                    .col(big_pk_auto("id"))
                    .col(big_integer("application_id"))
                    .col(string_len("stage", 32))
                    .col(boolean("rejected").default(false))
                    .col(date("on_date"))
                    .col(timestamp_with_time_zone("at"))
                    .col(big_integer("user_id"))
                    .col(string_len("username", 32))
                    .col(string_len_null("note", 255))
                    .foreign_key(
                        ForeignKey::create().from("application_step", "application_id").to("application", "id"),
                    )
                    .to_owned(),
            )
            .await?;
        manager.create_index(index("idx_application_step_app", "application_step", &["application_id"])).await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in ["application_step", "application", "income_record", "member", "household", "year_setting"] {
            manager.drop_table(Table::drop().table(table.to_owned()).to_owned()).await?;
        }
        Ok(())
    }
}
