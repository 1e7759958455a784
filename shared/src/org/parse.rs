//! Account requests parsed into values known to be valid, as far as that can be told without
//! the database (the page shows the same errors before sending).

use super::CreateUser;
use crate::error::Validator;
use crate::newtypes::{DisplayName, Password, Username};
use crate::{FieldErrors, OrgUnitId, Role};

/// A new account, checked; the display name defaults to the username.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValidUser {
    pub username: Username,
    pub password: Password,
    pub display_name: DisplayName,
    pub role: Role,
    pub org_unit_id: OrgUnitId,
}

impl CreateUser {
    /// Every field that can be checked here, each error under its field name.
    pub fn parse(&self) -> Result<ValidUser, FieldErrors> {
        let mut v = Validator::new();
        let username = v.check("username", Username::parse(&self.username));
        let password = v.check("password", Password::parse(&self.password));
        let display_name = match self.display_name.as_deref().filter(|d| !d.trim().is_empty()) {
            Some(raw) => v.check("display_name", DisplayName::parse(raw)),
            None => username.as_ref().and_then(|u| DisplayName::parse(u.as_str()).ok()),
        };
        v.finish_with(|| {
            Some(ValidUser {
                username: username?,
                password: password?,
                display_name: display_name?,
                role: self.role,
                org_unit_id: self.org_unit_id,
            })
        })
    }
}
