//! Households' assistance plans (到户帮扶计划) and the villages' resident work teams (驻村工作队):
//! members drawn from the cadres, daily attendance (one row per member and day), leave
//! requests with their decision, and the team log.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

fn assistance_plan() -> TableCreateStatement {
    Table::create()
        .table("assistance_plan")
        .col(big_pk_auto("id"))
        .col(big_integer("household_id"))
        .col(string_len("org_path", 255))
        .col(integer("year"))
        .col(string_len("item", 32))
        .col(big_integer("cadre_id"))
        .col(date("due"))
        .col(date_null("done_on"))
        .col(text_null("note"))
        .col(timestamp_with_time_zone("created_at"))
        .foreign_key(ForeignKey::create().from("assistance_plan", "household_id").to("household", "id"))
        .foreign_key(ForeignKey::create().from("assistance_plan", "cadre_id").to("cadre", "id"))
        .to_owned()
}

fn work_team() -> TableCreateStatement {
    Table::create()
        .table("work_team")
        .col(big_pk_auto("id"))
        .col(big_integer_uniq("village_id"))
        .col(string_len("org_path", 255))
        .col(date("since"))
        .col(timestamp_with_time_zone("created_at"))
        .foreign_key(ForeignKey::create().from("work_team", "village_id").to("org_unit", "id"))
        .to_owned()
}

fn team_member() -> TableCreateStatement {
    Table::create()
        .table("team_member")
        .col(big_pk_auto("id"))
        .col(big_integer("team_id"))
        .col(big_integer("cadre_id"))
        .col(boolean("leader"))
        .col(date("since"))
        .foreign_key(ForeignKey::create().from("team_member", "team_id").to("work_team", "id"))
        .foreign_key(ForeignKey::create().from("team_member", "cadre_id").to("cadre", "id"))
        .to_owned()
}

fn attendance() -> TableCreateStatement {
    Table::create()
        .table("attendance")
        .col(big_pk_auto("id"))
        .col(big_integer("team_id"))
        .col(big_integer("cadre_id"))
        .col(date("date"))
        .col(string_len("username", 32))
        .col(timestamp_with_time_zone("created_at"))
        .foreign_key(ForeignKey::create().from("attendance", "team_id").to("work_team", "id"))
        .foreign_key(ForeignKey::create().from("attendance", "cadre_id").to("cadre", "id"))
        .to_owned()
}

fn leave_request() -> TableCreateStatement {
    Table::create()
        .table("leave_request")
        .col(big_pk_auto("id"))
        .col(big_integer("team_id"))
        .col(big_integer("cadre_id"))
        .col(date("starts_on"))
        .col(date("ends_on"))
        .col(text("reason"))
        .col(string_len("status", 16))
        .col(string_len_null("decided_by", 32))
        .col(date_null("decided_on"))
        .col(text_null("decision_note"))
        .col(timestamp_with_time_zone("created_at"))
        .foreign_key(ForeignKey::create().from("leave_request", "team_id").to("work_team", "id"))
        .foreign_key(ForeignKey::create().from("leave_request", "cadre_id").to("cadre", "id"))
        .to_owned()
}

fn team_log() -> TableCreateStatement {
    Table::create()
        .table("team_log")
        .col(big_pk_auto("id"))
        .col(big_integer("team_id"))
        .col(date("date"))
        .col(text("text"))
        .col(string_len("author", 32))
        .col(timestamp_with_time_zone("created_at"))
        .foreign_key(ForeignKey::create().from("team_log", "team_id").to("work_team", "id"))
        .to_owned()
}

fn unique(name: &str, table: &'static str, columns: &[&'static str]) -> IndexCreateStatement {
    let mut index = Index::create().name(name).table(table).unique().to_owned();
    for column in columns {
        index.col(*column);
    }
    index
}

fn index(name: &str, table: &'static str, column: &'static str) -> IndexCreateStatement {
    Index::create().name(name).table(table).col(column).to_owned()
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.create_table(assistance_plan()).await?;
        manager.create_table(work_team()).await?;
        manager.create_table(team_member()).await?;
        manager.create_table(attendance()).await?;
        manager.create_table(leave_request()).await?;
        manager.create_table(team_log()).await?;
        let plan_item = ["household_id", "year", "item"];
        manager.create_index(unique("uq_assistance_plan_item", "assistance_plan", &plan_item)).await?;
        manager.create_index(index("idx_assistance_plan_path", "assistance_plan", "org_path")).await?;
        manager.create_index(unique("uq_team_member", "team_member", &["team_id", "cadre_id"])).await?;
        manager.create_index(index("idx_team_member_cadre", "team_member", "cadre_id")).await?;
        manager.create_index(unique("uq_attendance_day", "attendance", &["team_id", "cadre_id", "date"])).await?;
        manager.create_index(index("idx_leave_request_team", "leave_request", "team_id")).await?;
        manager.create_index(index("idx_team_log_team", "team_log", "team_id")).await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in ["team_log", "leave_request", "attendance", "team_member", "work_team", "assistance_plan"] {
            manager.drop_table(Table::drop().table(table).to_owned()).await?;
        }
        Ok(())
    }
}
