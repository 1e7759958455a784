//! The database schema, one append-only migration per change, identical on SQLite and
//! PostgreSQL. Enums are stored as their snake_case words, money as BIGINT fen.

pub use sea_orm_migration::prelude::*;

mod m20261129_000001_create_org_units_users_audit;
mod m20261129_000002_create_registry;
mod m20261129_000003_create_funds;

/// Applies every migration in order.
pub struct Migrator;

#[async_trait::async_trait]
impl MigratorTrait for Migrator {
    fn migrations() -> Vec<Box<dyn MigrationTrait>> {
        vec![
            Box::new(m20261129_000001_create_org_units_users_audit::Migration),
            Box::new(m20261129_000002_create_registry::Migration),
            Box::new(m20261129_000003_create_funds::Migration),
        ]
    }
}

/// An index named `name` on `table` over `cols`, in order.
fn index(name: &str, table: &str, cols: &[&str]) -> IndexCreateStatement {
    let mut index = Index::create();
    index.name(name).table(table.to_owned());
    for col in cols {
        index.col((*col).to_owned());
    }
    index.to_owned()
}
