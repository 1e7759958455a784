//! Return-to-poverty early warning (防返贫监测预警): `warning` (one per household, rule and year —
//! a unique index keeps a run from raising it twice — with the figures that raised it and its
//! check), `warning_setting` (each year's thresholds and the rules switched off) and
//! `disaster_report` (a disaster a household suffered, entered by the clerk). Warnings and
//! reports carry their household's village, township and org path, so scope filters and the
//! figures by village read one table.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

/// An index named `idx_<table>_<cols>` on `table` over `cols` (this migration's own copy).
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
        let warning = Table::create()
            .table("warning")
            .col(big_pk_auto("id"))
            .col(big_integer("household_id"))
            .col(big_integer("village_id"))
            .col(big_integer("township_id"))
            .col(string_len("org_path", 255))
            .col(string_len("rule", 32))
            .col(integer("year"))
            .col(date("raised_on"))
            .col(big_integer_null("amount_fen"))
            .col(big_integer_null("reference_fen"))
            .col(big_integer_null("record_count"))
            .col(date_null("event_on"))
            .col(string_len_null("detail", 255))
            .col(big_integer_null("record_id"))
            .col(string_len("status", 16))
            .col(date_null("checked_on"))
            .col(big_integer_null("checked_by"))
            .col(string_len_null("checked_by_name", 128))
            .col(string_len_null("check_reason", 255))
            .col(timestamp_with_time_zone("created_at"))
            .foreign_key(ForeignKey::create().from("warning", "household_id").to("household", "id"))
            .to_owned();
        let setting = Table::create()
            .table("warning_setting")
            .col(integer("year").primary_key())
            .col(big_integer("medical_cost_fen"))
            .col(big_integer("medical_income_share_bp"))
            .col(big_integer("income_fall_bp"))
            .col(string_len("disabled_rules", 255))
            .col(integer("version"))
            .to_owned();
        let disaster = Table::create()
            .table("disaster_report")
            .col(big_pk_auto("id"))
            .col(big_integer("household_id"))
            .col(big_integer("village_id"))
            .col(big_integer("township_id"))
            .col(string_len("org_path", 255))
            .col(date("reported_on"))
            .col(string_len("description", 255))
            .col(big_integer("loss_fen"))
            .col(big_integer_null("reported_by"))
            .col(string_len("reported_by_name", 128))
            .col(timestamp_with_time_zone("created_at"))
            .foreign_key(ForeignKey::create().from("disaster_report", "household_id").to("household", "id"))
            .to_owned();
        for table in [warning, setting, disaster] {
            manager.create_table(table).await?;
        }
        manager.create_index(index("warning", &["household_id", "rule", "year"]).unique().to_owned()).await?;
        for (table, cols) in [
            ("warning", &["year", "rule"][..]),
            ("warning", &["org_path"][..]),
            ("disaster_report", &["household_id"][..]),
            ("disaster_report", &["reported_on"][..]),
            ("disaster_report", &["org_path"][..]),
        ] {
            manager.create_index(index(table, cols)).await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in ["disaster_report", "warning_setting", "warning"] {
            manager.drop_table(Table::drop().table(Alias::new(table)).to_owned()).await?;
        }
        Ok(())
    }
}
