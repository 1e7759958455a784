//! Account requests parsed into values known to be valid, as far as that can be told without
//! the database (the page shows the same errors before sending).

use super::{ChangePassword, CreateUser, ResetPassword};
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

/// A password change, checked: the old password as typed (the server compares it) and the new
/// one by [`Password`]'s rules.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValidPasswordChange {
    pub old_password: String,
    pub new_password: Password,
}

impl ChangePassword {
    /// Every field that can be checked without the database.
    pub fn parse(&self) -> Result<ValidPasswordChange, FieldErrors> {
        let mut v = Validator::new();
        if self.old_password.is_empty() {
            v.add("old_password", "请输入原密码");
        } else if !Password::may_match(&self.old_password) {
            v.add("old_password", OLD_PASSWORD_WRONG);
        }
        let new_password = v.check("new_password", Password::parse(&self.new_password));
        if new_password.is_some() && self.new_password == self.old_password {
            v.add("new_password", "新密码不能与原密码相同");
        }
        v.finish_with(|| {
            Some(ValidPasswordChange { old_password: self.old_password.clone(), new_password: new_password? })
        })
    }
}

/// What a wrong old password is told, by the page and the server alike.
pub const OLD_PASSWORD_WRONG: &str = "原密码不正确";

impl ResetPassword {
    /// The new password by [`Password`]'s rules, its message under `new_password`.
    pub fn parse(&self) -> Result<Password, FieldErrors> {
        let mut v = Validator::new();
        let password = v.check("new_password", Password::parse(&self.new_password));
        v.finish_with(|| password)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn change(old: &str, new: &str) -> ChangePassword {
        ChangePassword { old_password: old.to_owned(), new_password: new.to_owned() }
    }

    #[test]
    fn a_password_change_needs_the_old_one_and_a_different_valid_new_one() {
        assert!(change("jingzhun-demo", "Another-2020").parse().is_ok());
        let errors = change("", "short").parse().err().unwrap_or_default();
        assert_eq!(errors.get("old_password").map(Vec::len), Some(1));
        assert_eq!(errors.get("new_password").map(Vec::len), Some(1));
        let same = change("jingzhun-demo", "jingzhun-demo").parse().err().unwrap_or_default();
        assert_eq!(same.get("new_password").cloned(), Some(vec!["新密码不能与原密码相同".to_owned()]));
        let long = change(&"x".repeat(200), "Another-2020").parse().err().unwrap_or_default();
        assert_eq!(long.get("old_password").cloned(), Some(vec![OLD_PASSWORD_WRONG.to_owned()]));
    }

    #[test]
    fn a_reset_password_follows_the_password_rules() {
        assert!(ResetPassword { new_password: "Reset-2020".to_owned() }.parse().is_ok());
        let errors = ResetPassword { new_password: "letters".to_owned() }.parse().err().unwrap_or_default();
        assert!(errors.contains_key("new_password"));
    }
}
