//! Rectification (问题整改): `inspection`, its `problem`s (placed in an org unit, with the
//! unit's path copied so scope filters need no join), each problem's `problem_measure`s and
//! `problem_step`s (the history the figures replay for a past date), and `accountability`.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

/// An index named `idx_<table>_<cols>` on `table` over `cols`.
fn index(table: &str, cols: &[&str]) -> IndexCreateStatement {
    let mut index = Index::create();
    index.name(format!("idx_{table}_{}", cols.join("_"))).table(Alias::new(table));
    for col in cols {
        index.col(Alias::new(*col));
    }
    index.to_owned()
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let inspection = Table::create()
            .table("inspection")
            .col(big_pk_auto("id"))
            .col(string_len("source", 32))
            .col(string_len("name", 128))
            .col(date("received_on"))
            .col(timestamp_with_time_zone("created_at"))
            .to_owned();
        let problem = Table::create()
            .table("problem")
            .col(big_pk_auto("id"))
            .col(big_integer("inspection_id"))
            .col(text("description"))
            .col(string_len("category", 32))
            .col(big_integer("org_unit_id"))
            .col(string_len("org_path", 255))
            .col(big_integer_null("household_id"))
            .col(string_len("responsible_units", 255))
            .col(string_len("leader", 64))
            .col(date("deadline"))
            .col(string_len("status", 16))
            .col(date("created_on"))
            .col(timestamp_with_time_zone("created_at"))
            .foreign_key(ForeignKey::create().from("problem", "inspection_id").to("inspection", "id"))
            .foreign_key(ForeignKey::create().from("problem", "org_unit_id").to("org_unit", "id"))
            .foreign_key(ForeignKey::create().from("problem", "household_id").to("household", "id"))
            .to_owned();
        let measure = Table::create()
            .table("problem_measure")
            .col(big_pk_auto("id"))
            .col(big_integer("problem_id"))
            .col(string_len("description", 255))
            .col(date("due"))
            .col(date_null("done_on"))
            .col(date("created_on"))
            .foreign_key(ForeignKey::create().from("problem_measure", "problem_id").to("problem", "id"))
            .to_owned();
        let step = Table::create()
            .table("problem_step")
            .col(big_pk_auto("id"))
            .col(big_integer("problem_id"))
            .col(string_len("action", 16))
            .col(string_len("status", 16))
            .col(date("taken_on"))
            .col(big_integer_null("user_id"))
            .col(string_len("by_name", 128))
            .col(string_len_null("note", 255))
            .col(text_null("evidence"))
            .col(timestamp_with_time_zone("at"))
            .foreign_key(ForeignKey::create().from("problem_step", "problem_id").to("problem", "id"))
            .to_owned();
        let accountability = Table::create()
            .table("accountability")
            .col(big_pk_auto("id"))
            .col(string_len("person", 64))
            .col(string_len("unit", 128))
            .col(date("held_on"))
            .col(string_len("kind", 16))
            .col(string_len("reason", 255))
            .col(big_integer_null("problem_id"))
            .col(timestamp_with_time_zone("created_at"))
            .foreign_key(ForeignKey::create().from("accountability", "problem_id").to("problem", "id"))
            .to_owned();
        for table in [inspection, problem, measure, step, accountability] {
            manager.create_table(table).await?;
        }
        for (table, cols) in [
            ("inspection", &["received_on"][..]),
            ("problem", &["inspection_id"][..]),
            ("problem", &["org_path"][..]),
            ("problem_measure", &["problem_id"][..]),
            ("problem_step", &["problem_id"][..]),
            ("accountability", &["held_on"][..]),
        ] {
            manager.create_index(index(table, cols)).await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in ["accountability", "problem_step", "problem_measure", "problem", "inspection"] {
            manager.drop_table(Table::drop().table(Alias::new(table)).to_owned()).await?;
        }
        Ok(())
    }
}
