//! What several server instances on one PostgreSQL database must share, so that a balancer
//! may send any request to any of them: `login_throttle` (each throttle key's failures and
//! when the last one was counted) and `import_progress` (each running import's progress, by
//! its owner and token, with the run and move numbers that keep late writes from stepping it
//! back). On SQLite, where one instance is the rule, the server keeps both in memory and these
//! tables stay empty.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let throttle = Table::create()
            .table("login_throttle")
            .col(string_len("key", 128).primary_key())
            .col(integer("failures"))
            .col(timestamp_with_time_zone("last_at"))
            .to_owned();
        manager.create_table(throttle).await?;
        let by_age = Index::create()
            .name("idx_login_throttle_last_at")
            .table(Alias::new("login_throttle"))
            .col(Alias::new("last_at"))
            .to_owned();
        manager.create_index(by_age).await?;

        let progress = Table::create()
            .table("import_progress")
            .col(big_integer("owner_id"))
            .col(string_len("token", 64))
            .col(big_integer("run"))
            .col(big_integer("seq"))
            .col(string_len("phase", 16))
            .col(big_integer("processed"))
            .col(big_integer("total"))
            .col(timestamp_with_time_zone("moved_at"))
            .primary_key(Index::create().col(Alias::new("owner_id")).col(Alias::new("token")))
            .to_owned();
        manager.create_table(progress).await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.drop_table(Table::drop().table(Alias::new("import_progress")).to_owned()).await?;
        manager.drop_table(Table::drop().table(Alias::new("login_throttle")).to_owned()).await
    }
}
