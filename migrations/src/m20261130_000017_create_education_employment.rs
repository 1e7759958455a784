//! Education and employment poverty alleviation (教育扶贫, 就业扶贫): student aid paid to members
//! and the district's yearly living supplement; jobs, employment bases, training and the
//! transport subsidy of migrant workers. Every per-member row carries its household's place
//! (village, township, org path) so scope and figures read one table.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

fn index(name: &str, table: &str, cols: &[&str]) -> IndexCreateStatement {
    let mut index = Index::create();
    index.name(name).table(table.to_owned());
    for col in cols {
        index.col((*col).to_owned());
    }
    index.to_owned()
}

/// A table of per-member records: id, member, household and its place, then `columns`.
fn member_table(name: &str, columns: Vec<ColumnDef>) -> TableCreateStatement {
    let mut table = Table::create();
    table
        .table(name.to_owned())
        .col(big_pk_auto("id"))
        .col(big_integer("member_id"))
        .col(big_integer("household_id"))
        .col(big_integer("village_id"))
        .col(big_integer("township_id"))
        .col(string_len("org_path", 255));
    for column in columns {
        table.col(column);
    }
    table
        .col(timestamp_with_time_zone("created_at"))
        .foreign_key(ForeignKey::create().from(name.to_owned(), "member_id").to("member", "id"))
        .foreign_key(ForeignKey::create().from(name.to_owned(), "household_id").to("household", "id"))
        .to_owned()
}

const MEMBER_TABLES: [&str; 4] = ["student_aid", "employment", "training", "transport_subsidy"];

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table("education_year_setting")
                    .col(integer("year").primary_key())
                    .col(big_integer("supplement_fen"))
                    .col(integer("version"))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table("employment_base")
                    .col(big_pk_auto("id"))
                    .col(string_len("name", 128))
                    .col(string_len("kind", 32))
                    .col(big_integer("org_unit_id"))
                    .col(string_len("org_path", 255))
                    .col(date("recognised_on"))
                    .col(big_integer("subsidy_fen"))
                    .col(integer("posts"))
                    .col(integer("version"))
                    .col(timestamp_with_time_zone("created_at"))
                    .foreign_key(ForeignKey::create().from("employment_base", "org_unit_id").to("org_unit", "id"))
                    .to_owned(),
            )
            .await?;
        let aid = vec![
            string_len("stage", 32),
            string_len("school", 128),
            integer("year"),
            string_len("term", 16),
            boolean("in_district"),
            string_len("programme", 32),
            big_integer("amount_fen"),
            date("paid_on"),
            boolean("via_card"),
        ];
        manager.create_table(member_table("student_aid", aid)).await?;
        let job = vec![
            string_len("kind", 32),
            string_len("employer", 128),
            big_integer_null("base_id"),
            date("since"),
            date_null("until"),
            big_integer("monthly_wage_fen"),
        ];
        manager.create_table(member_table("employment", job)).await?;
        let training = vec![
            string_len("course", 128),
            integer("year"),
            date("ended_on"),
            integer("days"),
            big_integer("subsidy_fen"),
        ];
        manager.create_table(member_table("training", training)).await?;
        let transport = vec![integer("year"), big_integer("amount_fen"), date("paid_on")];
        manager.create_table(member_table("transport_subsidy", transport)).await?;
        for table in MEMBER_TABLES {
            manager.create_index(index(&format!("idx_{table}_member"), table, &["member_id"])).await?;
            manager.create_index(index(&format!("idx_{table}_path"), table, &["org_path"])).await?;
        }
        manager.create_index(index("idx_student_aid_year", "student_aid", &["year"])).await?;
        manager
            .create_index(
                index("idx_transport_subsidy_member_year", "transport_subsidy", &["member_id", "year"])
                    .unique()
                    .to_owned(),
            )
            .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in MEMBER_TABLES.iter().rev().chain(["employment_base", "education_year_setting"].iter()) {
            manager.drop_table(Table::drop().table((*table).to_owned()).to_owned()).await?;
        }
        Ok(())
    }
}
