//! Org units, accounts and the audit trail.

mod audit;
mod org_units;
mod users;

pub use audit::AuditPage;
pub use org_units::OrgUnitsPage;
pub use users::UsersPage;
