//! Pairing assistance (多企帮多村): partner enterprises, their pairings with villages and
//! households, the assistance they log (with photos, confirmed by the district), gifts to
//! campaigns (10.17 扶贫日); cadres (帮扶责任人) paired with households and their visits; and the
//! links from an `enterprise` account to its enterprise and from a `cadre` account to its cadre.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

fn enterprise() -> TableCreateStatement {
    Table::create()
        .table("enterprise")
        .col(big_pk_auto("id"))
        .col(string_len("name", 100))
        .col(string_len_uniq("credit_code", 18))
        .col(string_len("contact", 32))
        .col(string_len("phone", 20))
        .col(string_len("industry", 64))
        .col(integer("version"))
        .col(timestamp_with_time_zone("created_at"))
        .to_owned()
}

fn pairing() -> TableCreateStatement {
    Table::create()
        .table("pairing")
        .col(big_pk_auto("id"))
        .col(big_integer("enterprise_id"))
        .col(date("since"))
        .col(date_null("until"))
        .col(timestamp_with_time_zone("created_at"))
        .foreign_key(ForeignKey::create().from("pairing", "enterprise_id").to("enterprise", "id"))
        .to_owned()
}

/// A village or household of a pairing, with its org path so that a subtree finds it.
fn pairing_link(table: &'static str, column: &'static str, target: &'static str) -> TableCreateStatement {
    Table::create()
        .table(table)
        .col(big_integer("pairing_id"))
        .col(big_integer(column))
        .col(string_len("org_path", 255))
        .primary_key(Index::create().col("pairing_id").col(column))
        .foreign_key(ForeignKey::create().from(table, "pairing_id").to("pairing", "id"))
        .foreign_key(ForeignKey::create().from(table, column).to(target, "id"))
        .to_owned()
}

fn assistance_log() -> TableCreateStatement {
    Table::create()
        .table("assistance_log")
        .col(big_pk_auto("id"))
        .col(big_integer("pairing_id"))
        .col(big_integer("enterprise_id"))
        .col(string_len("kind", 32))
        .col(big_integer_null("amount_fen"))
        .col(big_integer_null("count"))
        .col(date("date"))
        .col(text_null("note"))
        .col(date_null("confirmed_on"))
        .col(big_integer_null("confirmed_by"))
        .col(big_integer_null("corrects"))
        .col(integer("version"))
        .col(timestamp_with_time_zone("created_at"))
        .foreign_key(ForeignKey::create().from("assistance_log", "pairing_id").to("pairing", "id"))
        .foreign_key(ForeignKey::create().from("assistance_log", "corrects").to("assistance_log", "id"))
        .to_owned()
}

fn assistance_log_photo() -> TableCreateStatement {
    Table::create()
        .table("assistance_log_photo")
        .col(big_pk_auto("id"))
        .col(big_integer("log_id"))
        .col(string_len("file", 64))
        .col(timestamp_with_time_zone("at"))
        .col(big_integer("user_id"))
        .foreign_key(ForeignKey::create().from("assistance_log_photo", "log_id").to("assistance_log", "id"))
        .to_owned()
}

fn donation() -> TableCreateStatement {
    Table::create()
        .table("donation")
        .col(big_pk_auto("id"))
        .col(string_len("giver_kind", 32))
        .col(big_integer_null("enterprise_id"))
        .col(string_len("giver_name", 100))
        .col(string_len("campaign", 64))
        .col(string_len("kind", 32))
        .col(big_integer("amount_fen"))
        .col(date("date"))
        .col(timestamp_with_time_zone("created_at"))
        .foreign_key(ForeignKey::create().from("donation", "enterprise_id").to("enterprise", "id"))
        .to_owned()
}

fn cadre() -> TableCreateStatement {
    Table::create()
        .table("cadre")
        .col(big_pk_auto("id"))
        .col(string_len("name", 32))
        .col(string_len("unit", 64))
        .col(string_len("phone", 20))
        .col(timestamp_with_time_zone("created_at"))
        .to_owned()
}

fn cadre_pairing() -> TableCreateStatement {
    Table::create()
        .table("cadre_pairing")
        .col(big_pk_auto("id"))
        .col(big_integer("cadre_id"))
        .col(big_integer("household_id"))
        .col(string_len("org_path", 255))
        .col(date("since"))
        .col(date_null("until"))
        .foreign_key(ForeignKey::create().from("cadre_pairing", "cadre_id").to("cadre", "id"))
        .foreign_key(ForeignKey::create().from("cadre_pairing", "household_id").to("household", "id"))
        .to_owned()
}

fn visit() -> TableCreateStatement {
    Table::create()
        .table("visit")
        .col(big_pk_auto("id"))
        .col(big_integer("cadre_id"))
        .col(big_integer("household_id"))
        .col(string_len("org_path", 255))
        .col(date("date"))
        .col(string_len("items", 512))
        .col(text_null("note"))
        .col(text_null("problems"))
        .col(double_null("latitude"))
        .col(double_null("longitude"))
        .col(big_integer("user_id"))
        .col(string_len("username", 32))
        .col(timestamp_with_time_zone("created_at"))
        .foreign_key(ForeignKey::create().from("visit", "cadre_id").to("cadre", "id"))
        .foreign_key(ForeignKey::create().from("visit", "household_id").to("household", "id"))
        .to_owned()
}

fn index(name: &str, table: &'static str, column: &'static str) -> IndexCreateStatement {
    Index::create().name(name).table(table).col(column).to_owned()
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.create_table(enterprise()).await?;
        manager.create_table(pairing()).await?;
        manager.create_table(pairing_link("pairing_village", "village_id", "org_unit")).await?;
        manager.create_table(pairing_link("pairing_household", "household_id", "household")).await?;
        manager.create_table(assistance_log()).await?;
        manager.create_table(assistance_log_photo()).await?;
        manager.create_table(donation()).await?;
        manager.create_table(cadre()).await?;
        manager.create_table(cadre_pairing()).await?;
        manager.create_table(visit()).await?;
        manager.create_index(index("idx_cadre_pairing_cadre", "cadre_pairing", "cadre_id")).await?;
        manager.create_index(index("idx_cadre_pairing_path", "cadre_pairing", "org_path")).await?;
        manager.create_index(index("idx_visit_household_date", "visit", "household_id")).await?;
        manager.create_index(index("idx_visit_path", "visit", "org_path")).await?;
        manager.create_index(index("idx_pairing_enterprise", "pairing", "enterprise_id")).await?;
        manager.create_index(index("idx_pairing_village_path", "pairing_village", "org_path")).await?;
        manager.create_index(index("idx_pairing_household_path", "pairing_household", "org_path")).await?;
        manager.create_index(index("idx_assistance_log_pairing", "assistance_log", "pairing_id")).await?;
        manager.create_index(index("idx_assistance_log_photo_log", "assistance_log_photo", "log_id")).await?;
        manager.create_index(index("idx_donation_date", "donation", "date")).await?;
        manager
            .alter_table(Table::alter().table("app_user").add_column(big_integer_null("enterprise_id")).to_owned())
            .await?;
        manager.alter_table(Table::alter().table("app_user").add_column(big_integer_null("cadre_id")).to_owned()).await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.alter_table(Table::alter().table("app_user").drop_column("cadre_id").to_owned()).await?;
        manager.alter_table(Table::alter().table("app_user").drop_column("enterprise_id").to_owned()).await?;
        for table in [
            "visit",
            "cadre_pairing",
            "cadre",
            "donation",
            "assistance_log_photo",
            "assistance_log",
            "pairing_household",
            "pairing_village",
            "pairing",
            "enterprise",
        ] {
            manager.drop_table(Table::drop().table(table).to_owned()).await?;
        }
        Ok(())
    }
}
