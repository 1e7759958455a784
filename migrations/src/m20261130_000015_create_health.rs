//! Health poverty alleviation (健康脱贫): the year's settings of the "351" and "180" rules
//! (`health_setting`), claims with the layers entered from the settlement and the ones the
//! engine computed (`health_claim`), each recomputation or correction of a claim's figures
//! (`health_claim_change`), and family-doctor signings (`doctor_signing`).
//!
//! Claims and signings carry their member's household, village, township and org path, so a
//! figure for any subtree reads one table.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

/// An index named `name` on `table` over `cols`, in order (this migration's own copy).
fn index(name: &str, table: &str, cols: &[&str]) -> IndexCreateStatement {
    let mut index = Index::create();
    index.name(name).table(table.to_owned());
    for col in cols {
        index.col((*col).to_owned());
    }
    index.to_owned()
}

/// A member's record placed in the org tree.
fn of_member(table: &str) -> TableCreateStatement {
    Table::create()
        .table(table.to_owned())
        .col(big_pk_auto("id"))
        .col(big_integer("member_id"))
        .col(big_integer("household_id"))
        .col(big_integer("village_id"))
        .col(big_integer("township_id"))
        .col(string_len("org_path", 255))
        .foreign_key(ForeignKey::create().from(table.to_owned(), "member_id").to("member", "id"))
        .to_owned()
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table("health_setting")
                    .col(integer("year").primary_key())
                    .col(big_integer("township_cap_fen"))
                    .col(big_integer("county_cap_fen"))
                    .col(big_integer("city_cap_fen"))
                    .col(big_integer("province_cap_fen"))
                    .col(big_integer("out_of_province_cap_fen"))
                    .col(big_integer("supplement_rate_bp"))
                    .col(big_integer("supplement_cap_fen"))
                    .col(integer("version").default(1))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                of_member("health_claim")
                    .col(integer("year"))
                    .col(string_len("kind", 16))
                    .col(string_len("hospital", 100))
                    .col(string_len("hospital_level", 16))
                    .col(date("admitted_on"))
                    .col(date("discharged_on"))
                    .col(big_integer("total_cost_fen"))
                    .col(big_integer("compliant_cost_fen"))
                    .col(big_integer("basic_insurance_fen"))
                    .col(big_integer("critical_illness_fen"))
                    .col(big_integer("medical_assistance_fen"))
                    .col(big_integer("commercial_fen"))
                    .col(big_integer("fallback_fen"))
                    .col(big_integer("supplementary_fen"))
                    .col(big_integer("out_of_pocket_fen"))
                    .col(big_integer_null("cap_fen"))
                    .col(string_len_null("cap_level", 16))
                    .col(big_integer("before_fen"))
                    .col(integer("version").default(1))
                    .col(timestamp_with_time_zone("created_at"))
                    .to_owned(),
            )
            .await?;
        manager.create_index(index("idx_health_claim_member_year", "health_claim", &["member_id", "year"])).await?;
        manager
            .create_index(index("idx_health_claim_year_path", "health_claim", &["year", "org_path", "discharged_on"]))
            .await?;
        manager
            .create_table(
                Table::create()
                    .table("health_claim_change")
                    .col(big_pk_auto("id"))
                    .col(big_integer("claim_id"))
                    .col(timestamp_with_time_zone("changed_at"))
                    .col(string_len("changed_by", 64))
                    .col(string_len("reason", 200))
                    .col(big_integer("old_fallback_fen"))
                    .col(big_integer("new_fallback_fen"))
                    .col(big_integer("old_supplementary_fen"))
                    .col(big_integer("new_supplementary_fen"))
                    .col(big_integer("old_out_of_pocket_fen"))
                    .col(big_integer("new_out_of_pocket_fen"))
                    .foreign_key(ForeignKey::create().from("health_claim_change", "claim_id").to("health_claim", "id"))
                    .to_owned(),
            )
            .await?;
        manager.create_index(index("idx_health_claim_change_claim", "health_claim_change", &["claim_id"])).await?;
        manager
            .create_table(
                of_member("doctor_signing")
                    .col(string_len("team", 100))
                    .col(string_len("doctor", 50))
                    .col(date("signed_on"))
                    .col(date("valid_to"))
                    .col(integer("version").default(1))
                    .col(timestamp_with_time_zone("created_at"))
                    .to_owned(),
            )
            .await?;
        manager.create_index(index("idx_doctor_signing_member", "doctor_signing", &["member_id"])).await?;
        manager.create_index(index("idx_doctor_signing_path", "doctor_signing", &["org_path", "valid_to"])).await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in ["doctor_signing", "health_claim_change", "health_claim", "health_setting"] {
            manager.drop_table(Table::drop().table(table.to_owned()).to_owned()).await?;
        }
        Ok(())
    }
}
