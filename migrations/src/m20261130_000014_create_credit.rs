//! Microcredit (扶贫小额信贷): `loan` with its `loan_repayment`, `loan_extension` and
//! `loan_return` (an enterprise's yearly return to the household of a 户贷企用 loan), the
//! quarterly `interest_subsidy_batch` with its `interest_subsidy_line`s, the yearly
//! `credit_plan` and the `risk_fund_entry` movements of the risk compensation fund.
//!
//! A household has at most one loan not yet repaid: a unique index on `loan (household_id)`
//! over the rows without `repaid_on`, the same partial index on SQLite and PostgreSQL.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

const TABLES: [&str; 8] = [
    "interest_subsidy_line",
    "interest_subsidy_batch",
    "loan_return",
    "loan_extension",
    "loan_repayment",
    "risk_fund_entry",
    "credit_plan",
    "loan",
];

fn loan() -> TableCreateStatement {
    Table::create()
        .table("loan")
        .col(big_pk_auto("id"))
        .col(big_integer("household_id"))
        .col(big_integer("village_id"))
        .col(big_integer("township_id"))
        .col(string_len("org_path", 255))
        .col(big_integer("borrower_member_id"))
        .col(string_len("bank", 64))
        .col(string_len_uniq("contract_no", 64))
        .col(big_integer("amount_fen"))
        .col(date("issued_on"))
        .col(integer("term_months"))
        .col(big_integer("annual_rate_bp"))
        .col(string_len("mode", 32))
        .col(string_len_null("enterprise_name", 100))
        .col(string_len_null("enterprise_credit_code", 18))
        .col(big_integer_null("yearly_return_fen"))
        .col(date("original_due_on"))
        .col(date("due_on"))
        .col(boolean("extended"))
        .col(big_integer("balance_fen"))
        .col(date_null("repaid_on"))
        .col(integer("version"))
        .col(timestamp_with_time_zone("created_at"))
        .foreign_key(ForeignKey::create().from("loan", "household_id").to("household", "id"))
        .foreign_key(ForeignKey::create().from("loan", "borrower_member_id").to("member", "id"))
        .to_owned()
}

/// A dated record of one loan (`loan_id` and `columns`).
fn of_loan(table: &'static str, columns: Vec<ColumnDef>) -> TableCreateStatement {
    let mut create = Table::create();
    create.table(table).col(big_pk_auto("id")).col(big_integer("loan_id"));
    for column in columns {
        create.col(column);
    }
    create
        .col(timestamp_with_time_zone("created_at"))
        .foreign_key(ForeignKey::create().from(table, "loan_id").to("loan", "id"))
        .to_owned()
}

fn batch() -> TableCreateStatement {
    Table::create()
        .table("interest_subsidy_batch")
        .col(big_pk_auto("id"))
        .col(integer("year"))
        .col(integer("quarter"))
        .col(date("from_on"))
        .col(date("to_on"))
        .col(string_len("status", 32))
        .col(big_integer("total_fen"))
        .col(big_integer("loans"))
        .col(date_null("approved_on"))
        .col(date_null("paid_on"))
        .col(integer("version"))
        .col(timestamp_with_time_zone("created_at"))
        .to_owned()
}

fn line() -> TableCreateStatement {
    Table::create()
        .table("interest_subsidy_line")
        .col(big_pk_auto("id"))
        .col(big_integer("batch_id"))
        .col(big_integer("loan_id"))
        .col(string_len("org_path", 255))
        .col(big_integer("subsidy_fen"))
        .col(integer("days"))
        .foreign_key(ForeignKey::create().from("interest_subsidy_line", "batch_id").to("interest_subsidy_batch", "id"))
        .foreign_key(ForeignKey::create().from("interest_subsidy_line", "loan_id").to("loan", "id"))
        .to_owned()
}

fn risk_fund() -> TableCreateStatement {
    Table::create()
        .table("risk_fund_entry")
        .col(big_pk_auto("id"))
        .col(string_len("kind", 32))
        .col(string_len("bank", 64))
        .col(big_integer("amount_fen"))
        .col(date("entry_on"))
        .col(big_integer_null("loan_id"))
        .col(string_null("note"))
        .col(timestamp_with_time_zone("created_at"))
        .foreign_key(ForeignKey::create().from("risk_fund_entry", "loan_id").to("loan", "id"))
        .to_owned()
}

fn index(name: &str, table: &'static str, columns: &[&'static str]) -> IndexCreateStatement {
    let mut index = Index::create();
    index.name(name).table(table);
    for column in columns {
        index.col(*column);
    }
    index.to_owned()
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.create_table(loan()).await?;
        let repayment = vec![
            string_len("org_path", 255),
            big_integer("township_id"),
            string_len("bank", 64),
            big_integer("principal_fen"),
            date("paid_on"),
        ];
        manager.create_table(of_loan("loan_repayment", repayment)).await?;
        let extension = vec![date("new_due_on"), string("reason"), date("agreed_on")];
        manager.create_table(of_loan("loan_extension", extension)).await?;
        manager.create_table(of_loan("loan_return", vec![big_integer("amount_fen"), date("paid_on")])).await?;
        manager
            .create_table(
                Table::create()
                    .table("credit_plan")
                    .col(integer("year").primary_key())
                    .col(big_integer("amount_fen"))
                    .col(integer("version"))
                    .to_owned(),
            )
            .await?;
        manager.create_table(risk_fund()).await?;
        manager.create_table(batch()).await?;
        manager.create_table(line()).await?;
        manager
            .create_index(
                index("idx_loan_one_open", "loan", &["household_id"])
                    .unique()
                    .and_where(Expr::col("repaid_on").is_null())
                    .to_owned(),
            )
            .await?;
        manager.create_index(index("idx_loan_org_path", "loan", &["org_path", "issued_on"])).await?;
        manager.create_index(index("idx_loan_repayment_loan", "loan_repayment", &["loan_id", "paid_on"])).await?;
        manager.create_index(index("idx_loan_repayment_path", "loan_repayment", &["org_path", "paid_on"])).await?;
        manager.create_index(index("idx_loan_extension_loan", "loan_extension", &["loan_id"])).await?;
        manager.create_index(index("idx_loan_return_loan", "loan_return", &["loan_id"])).await?;
        manager
            .create_index(
                index("idx_subsidy_batch_quarter", "interest_subsidy_batch", &["year", "quarter"]).unique().to_owned(),
            )
            .await?;
        manager.create_index(index("idx_subsidy_line_batch", "interest_subsidy_line", &["batch_id", "loan_id"])).await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in TABLES {
            manager.drop_table(Table::drop().table(table).to_owned()).await?;
        }
        Ok(())
    }
}
