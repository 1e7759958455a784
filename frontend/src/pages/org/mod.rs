//! Org units, accounts, passwords and the audit trail.

mod audit;
mod org_units;
mod password;
mod users;

pub use audit::AuditPage;
pub use org_units::OrgUnitsPage;
pub use password::PasswordPage;
pub use users::UsersPage;
