//! Housing safety (`housing_check` with its photos in `housing_check_photo`,
//! `housing_renovation`), social security
//! (`social_standard` per year, `assistance_payment`) and ecological compensation
//! (`ecology_compensation`). Every per-household row copies the household's village, township
//! and org path, so scope filters need no join.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

/// The columns that place a per-household row: household, village, township, org path.
fn placed(table: &mut TableCreateStatement, name: &'static str) -> TableCreateStatement {
    table
        .table(name)
        .col(big_pk_auto("id"))
        .col(big_integer("household_id"))
        .col(big_integer("village_id"))
        .col(big_integer("township_id"))
        .col(string_len("org_path", 255))
        .foreign_key(ForeignKey::create().from(name, "household_id").to("household", "id"))
        .to_owned()
}

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
        let check = placed(&mut Table::create(), "housing_check")
            .col(date("checked_on"))
            .col(string_len("grade", 8))
            .col(text_null("note"))
            .col(timestamp_with_time_zone("created_at"))
            .to_owned();
        let photo = Table::create()
            .table("housing_check_photo")
            .col(big_pk_auto("id"))
            .col(big_integer("check_id"))
            .col(string_len("file", 64))
            .col(timestamp_with_time_zone("at"))
            .col(big_integer("user_id"))
            .foreign_key(ForeignKey::create().from("housing_check_photo", "check_id").to("housing_check", "id"))
            .to_owned();
        let renovation = placed(&mut Table::create(), "housing_renovation")
            .col(integer("plan_year"))
            .col(string_len("kind", 16))
            .col(big_integer("cost_fen"))
            .col(big_integer("subsidy_fen"))
            .col(big_integer("government_top_up_fen"))
            .col(date_null("completed_on"))
            .col(date_null("accepted_on"))
            .col(integer("version").default(1))
            .col(timestamp_with_time_zone("created_at"))
            .to_owned();
        let standard = Table::create()
            .table("social_standard")
            .col(integer("year").primary_key())
            .col(big_integer("dibao_fen"))
            .col(big_integer("wubao_concentrated_fen"))
            .col(big_integer("wubao_dispersed_fen"))
            .col(big_integer("temporary_threshold_fen"))
            .col(big_integer("temporary_uplift_bp"))
            .col(integer("version").default(1))
            .to_owned();
        let payment = placed(&mut Table::create(), "assistance_payment")
            .col(big_integer_null("member_id"))
            .col(string_len("kind", 32))
            .col(integer("year"))
            .col(string_len("period", 32))
            .col(big_integer("amount_fen"))
            .col(date("paid_on"))
            .col(timestamp_with_time_zone("created_at"))
            .to_owned();
        let ecology = placed(&mut Table::create(), "ecology_compensation")
            .col(string_len("programme", 32))
            .col(integer("year"))
            .col(big_integer_null("area_mu_hundredths"))
            .col(big_integer("amount_fen"))
            .col(date("paid_on"))
            .col(timestamp_with_time_zone("created_at"))
            .to_owned();
        for table in [check, photo, renovation, standard, payment, ecology] {
            manager.create_table(table).await?;
        }
        for (table, cols) in [
            ("housing_check", &["household_id"][..]),
            ("housing_check", &["org_path"][..]),
            ("housing_check_photo", &["check_id"][..]),
            ("housing_renovation", &["household_id"][..]),
            ("housing_renovation", &["plan_year", "org_path"][..]),
            ("assistance_payment", &["household_id", "year"][..]),
            ("assistance_payment", &["year", "org_path"][..]),
            ("ecology_compensation", &["household_id", "year"][..]),
            ("ecology_compensation", &["year", "org_path"][..]),
        ] {
            manager.create_index(index(table, cols)).await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            "ecology_compensation",
            "assistance_payment",
            "social_standard",
            "housing_renovation",
            "housing_check_photo",
            "housing_check",
        ] {
            manager.drop_table(Table::drop().table(Alias::new(table)).to_owned()).await?;
        }
        Ok(())
    }
}
