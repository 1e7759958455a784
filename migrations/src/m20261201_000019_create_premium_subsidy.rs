//! Insurance premium subsidies (参保资助): the part of a poor person's yearly insurance premium
//! the government pays, one a person and year (`premium_subsidy`). Like the other health
//! records, a row carries its member's household, village, township and org path.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table("premium_subsidy")
                    .col(big_pk_auto("id"))
                    .col(big_integer("member_id"))
                    .col(big_integer("household_id"))
                    .col(big_integer("village_id"))
                    .col(big_integer("township_id"))
                    .col(string_len("org_path", 255))
                    .col(integer("year"))
                    .col(string_len("kind", 32))
                    .col(big_integer("amount_fen"))
                    .col(date("paid_on"))
                    .col(timestamp_with_time_zone("created_at"))
                    .foreign_key(ForeignKey::create().from("premium_subsidy", "member_id").to("member", "id"))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_premium_subsidy_member_year")
                    .table("premium_subsidy")
                    .col("member_id")
                    .col("year")
                    .unique()
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_premium_subsidy_year_path")
                    .table("premium_subsidy")
                    .col("year")
                    .col("org_path")
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.drop_table(Table::drop().table("premium_subsidy").to_owned()).await
    }
}
