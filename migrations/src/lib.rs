//! The database schema, one append-only migration per change, identical on SQLite and
//! PostgreSQL. Enums are stored as their snake_case words, money as BIGINT fen.
//!
//! A migration is frozen once merged: it keeps its own text and calls no helper shared with
//! other migrations (a shared helper's edit would silently change the schema an old migration
//! produces). `tests/snapshots/schema.*.txt` pin the result on both engines.

// A migration's `up` lists a whole table set and is never edited once merged, so its length is
// not a sign of two ideas in one function.
#![allow(clippy::too_many_lines, reason = "frozen migrations list whole table sets")]

pub use sea_orm_migration::prelude::*;

mod m20261129_000001_create_org_units_users_audit;
mod m20261129_000002_create_registry;
mod m20261129_000003_create_funds;
mod m20261129_000004_user_token_version;
mod m20261129_000005_create_open_application_index;
mod m20261129_000006_add_step_records_and_stable_exit;
mod m20261129_000007_add_member_changes;
mod m20261129_000008_create_status_history_monitoring;
mod m20261129_000009_create_village_profiles;
mod m20261129_000010_add_batch_issued_and_project_outputs;
mod m20261129_000011_evolve_industry_income;
mod m20261129_000012_create_application_photo;
mod m20261129_000013_add_subsidy_paid_on;
mod m20261130_000014_create_credit;
mod m20261130_000015_create_health;
mod m20261130_000016_create_pairing;
mod m20261130_000017_create_education_employment;
mod m20261130_000018_create_housing_social_ecology;
mod m20261201_000019_create_premium_subsidy;
mod m20261201_000020_create_figure_indexes;
mod m20261201_000021_create_plans_and_work_teams;
mod m20261201_000024_create_rectification;
mod m20261202_000025_create_credit_tally;
mod m20261202_000026_create_warnings;
mod m20261202_000027_create_attachment;
mod m20261203_000028_add_warning_checked_visit;
mod m20261203_000032_create_health_tallies;
mod m20261204_000033_create_registry_tally;
mod m20261205_000034_create_shared_state;
mod m20261205_000035_narrow_health_claim_index;

/// Applies every migration in order.
pub struct Migrator;

#[async_trait::async_trait]
impl MigratorTrait for Migrator {
    fn migrations() -> Vec<Box<dyn MigrationTrait>> {
        vec![
            Box::new(m20261129_000001_create_org_units_users_audit::Migration),
            Box::new(m20261129_000002_create_registry::Migration),
            Box::new(m20261129_000003_create_funds::Migration),
            Box::new(m20261129_000004_user_token_version::Migration),
            Box::new(m20261129_000005_create_open_application_index::Migration),
            Box::new(m20261129_000006_add_step_records_and_stable_exit::Migration),
            Box::new(m20261129_000007_add_member_changes::Migration),
            Box::new(m20261129_000008_create_status_history_monitoring::Migration),
            Box::new(m20261129_000009_create_village_profiles::Migration),
            Box::new(m20261129_000010_add_batch_issued_and_project_outputs::Migration),
            Box::new(m20261129_000011_evolve_industry_income::Migration),
            Box::new(m20261129_000012_create_application_photo::Migration),
            Box::new(m20261129_000013_add_subsidy_paid_on::Migration),
            Box::new(m20261130_000014_create_credit::Migration),
            Box::new(m20261130_000015_create_health::Migration),
            Box::new(m20261130_000016_create_pairing::Migration),
            Box::new(m20261130_000017_create_education_employment::Migration),
            Box::new(m20261130_000018_create_housing_social_ecology::Migration),
            Box::new(m20261201_000019_create_premium_subsidy::Migration),
            Box::new(m20261201_000020_create_figure_indexes::Migration),
            Box::new(m20261201_000021_create_plans_and_work_teams::Migration),
            Box::new(m20261201_000024_create_rectification::Migration),
            Box::new(m20261202_000025_create_credit_tally::Migration),
            Box::new(m20261202_000026_create_warnings::Migration),
            Box::new(m20261202_000027_create_attachment::Migration),
            Box::new(m20261203_000028_add_warning_checked_visit::Migration),
            Box::new(m20261203_000032_create_health_tallies::Migration),
            Box::new(m20261204_000033_create_registry_tally::Migration),
            Box::new(m20261205_000034_create_shared_state::Migration),
            Box::new(m20261205_000035_narrow_health_claim_index::Migration),
        ]
    }
}
