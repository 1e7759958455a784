//! Who is acting: the logged-in user with the org subtree they may see, and the scope and role
//! checks every service makes. No HTTP here, so services (and the CLI, the demo loader, tests)
//! can act as a user without a request; the extractor lives in `routes::extract`.

use chrono::NaiveDate;
use jingzhun_shared::{Capability, OrgLevel, OrgUnitId, Role, UserId};

use crate::error::{AppError, AppResult};

/// The user a token names as read once: the actor, and the account as `auth/me` shows it (read
/// together, so `auth/me` answers from the token cache without another query).
#[derive(Debug, Clone)]
pub struct Account {
    pub user: CurrentUser,
    pub dto: std::sync::Arc<jingzhun_shared::org::UserDto>,
}

/// The user a request is made by, with the org subtree they may see.
#[derive(Debug, Clone)]
pub struct CurrentUser {
    pub id: UserId,
    pub username: String,
    pub role: Role,
    pub org_unit_id: OrgUnitId,
    pub org_level: OrgLevel,
    /// Materialised path of the user's org unit: they see units whose path starts with it.
    pub org_path: String,
    /// The office's date the user acts on ([`crate::clock::Clock`]): no date they type may
    /// lie after it.
    pub today: NaiveDate,
}

impl CurrentUser {
    /// Whether a unit with this path lies in the user's subtree.
    pub fn sees(&self, path: &str) -> bool {
        path.starts_with(&self.org_path)
    }

    /// 403 unless the user's role may do `capability` ([`Role::can`], the one table of
    /// permissions the pages use too).
    pub fn require(&self, capability: Capability) -> AppResult<()> {
        if self.role.can(capability) {
            Ok(())
        } else {
            Err(AppError::Forbidden("当前角色无权执行此操作".to_owned()))
        }
    }

    /// The message for a typed date after the user's today or before the earliest date a
    /// record may carry ([`jingzhun_shared::dates`]), or `None` when it fits.
    pub fn date_error(&self, date: NaiveDate) -> Option<String> {
        jingzhun_shared::dates::typed_date_error(date, self.today)
    }
}
