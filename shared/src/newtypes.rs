//! Validated values. The only way to get one is `parse`, so holding one proves it is valid;
//! the backend and the frontend call the same `parse`, one rule in one place.

use serde::{Deserialize, Serialize};

/// Why a value was refused; the message is shown next to the field.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct Invalid(pub String);

fn invalid(message: impl Into<String>) -> Invalid {
    Invalid(message.into())
}

/// A login name: 3–32 lower-case letters, digits, `_`, `.` or `-`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
#[serde(transparent)]
pub struct Username(String);

impl Username {
    /// The longest name, in characters (the database column holds 32).
    pub const MAX_CHARS: usize = 32;

    pub fn parse(raw: &str) -> Result<Self, Invalid> {
        let value = raw.trim();
        let len = value.chars().count();
        if !(3..=Self::MAX_CHARS).contains(&len) {
            return Err(invalid("用户名须为 3–32 个字符"));
        }
        let allowed = |c: char| c.is_ascii_lowercase() || c.is_ascii_digit() || "_.-".contains(c);
        if !value.chars().all(allowed) {
            return Err(invalid("用户名只能包含小写字母、数字、下划线、点或连字符"));
        }
        Ok(Self(value.to_owned()))
    }

    /// The account a login form's text can name, or `None` when no account can have it (too
    /// long, or not a username at all). Capitals and surrounding spaces are forgiven. The
    /// length is checked first, in bytes, so an oversized name costs nothing more.
    pub fn for_login(raw: &str) -> Option<Self> {
        if raw.len() > LOGIN_TEXT_MAX_BYTES {
            return None;
        }
        Self::parse(&raw.trim().to_lowercase()).ok()
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// Longest text a login field is looked at with: room for the longest name or password
/// ([`Password::MAX_CHARS`] characters of up to 4 bytes) and some spaces; anything longer is
/// refused unread.
pub const LOGIN_TEXT_MAX_BYTES: usize = 4 * Password::MAX_CHARS + 16;

impl<'de> Deserialize<'de> for Username {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let raw = String::deserialize(d)?;
        Username::parse(&raw).map_err(serde::de::Error::custom)
    }
}

/// A new password: 8–128 characters, not all of one kind (letters and something else).
#[derive(Clone, PartialEq, Eq)]
pub struct Password(String);

impl Password {
    /// The longest password, in characters.
    pub const MAX_CHARS: usize = 128;

    pub fn parse(raw: &str) -> Result<Self, Invalid> {
        if raw.len() > LOGIN_TEXT_MAX_BYTES {
            return Err(invalid("密码须为 8–128 个字符"));
        }
        let len = raw.chars().count();
        if !(8..=Self::MAX_CHARS).contains(&len) {
            return Err(invalid("密码须为 8–128 个字符"));
        }
        let has_letter = raw.chars().any(char::is_alphabetic);
        let has_other = raw.chars().any(|c| !c.is_alphabetic());
        if !(has_letter && has_other) {
            return Err(invalid("密码须同时包含字母和数字或符号"));
        }
        Ok(Self(raw.to_owned()))
    }

    /// Whether `raw` can be anyone's password at all (no longer than a password may be), so a
    /// login compares it; a longer text is wrong without being looked at.
    pub fn may_match(raw: &str) -> bool {
        raw.len() <= LOGIN_TEXT_MAX_BYTES && raw.chars().count() <= Self::MAX_CHARS
    }

    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Debug for Password {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Password(***)")
    }
}

/// The name of an org unit or a person's display name: 1–50 characters after trimming, no
/// control characters.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
#[serde(transparent)]
pub struct DisplayName(String);

impl DisplayName {
    pub fn parse(raw: &str) -> Result<Self, Invalid> {
        let value = raw.trim();
        if value.is_empty() {
            return Err(invalid("名称不能为空"));
        }
        if value.chars().count() > 50 {
            return Err(invalid("名称不能超过 50 个字符"));
        }
        if value.chars().any(char::is_control) {
            return Err(invalid("名称不能包含控制字符"));
        }
        Ok(Self(value.to_owned()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    pub fn into_inner(self) -> String {
        self.0
    }
}

/// A telephone number as people write it: 1–20 digits, `+` or `-` (a mobile, a landline with
/// its area code, or one with the country code). Surrounding spaces are dropped.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
#[serde(transparent)]
pub struct Phone(String);

impl Phone {
    pub fn parse(raw: &str) -> Result<Self, Invalid> {
        let value = raw.trim();
        if value.is_empty() || value.len() > 20 || !value.chars().all(|c| c.is_ascii_digit() || c == '-' || c == '+') {
            return Err(invalid("电话号码只能包含数字、+ 或 -"));
        }
        Ok(Self(value.to_owned()))
    }

    /// An optional phone: empty text is `None`, anything else must parse.
    pub fn parse_optional(raw: Option<&str>) -> Result<Option<Self>, Invalid> {
        raw.map(str::trim).filter(|p| !p.is_empty()).map(Phone::parse).transpose()
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    pub fn into_inner(self) -> String {
        self.0
    }
}

impl<'de> Deserialize<'de> for Phone {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let raw = String::deserialize(d)?;
        Phone::parse(&raw).map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn username_accepts_lower_case_and_refuses_spaces() {
        assert_eq!(Username::parse(" clerk ").map(|u| u.0), Ok("clerk".to_owned()));
        assert!(Username::parse("Clerk").is_err());
        assert!(Username::parse("a b c").is_err());
        assert!(Username::parse("ab").is_err());
    }

    #[test]
    fn a_login_name_forgives_capitals_and_refuses_what_no_account_can_have() {
        assert_eq!(Username::for_login(" Clerk ").map(|u| u.0), Some("clerk".to_owned()));
        assert_eq!(Username::for_login(&"a".repeat(Username::MAX_CHARS)).map(|u| u.0.len()), Some(32));
        assert_eq!(Username::for_login(&"a".repeat(Username::MAX_CHARS + 1)), None);
        assert_eq!(Username::for_login(&"a".repeat(100_000)), None);
        assert_eq!(Username::for_login("drop table;"), None);
    }

    #[test]
    fn password_needs_length_and_two_kinds() {
        assert!(Password::parse("jingzhun-demo").is_ok());
        assert!(Password::parse("short1").is_err());
        assert!(Password::parse("onlyletters").is_err());
        assert!(Password::parse("1234567890").is_err());
        assert!(Password::parse(&format!("a1{}", "x".repeat(126))).is_ok());
        assert!(Password::parse(&format!("a1{}", "x".repeat(127))).is_err());
        assert!(Password::may_match(&"密".repeat(128)));
        assert!(!Password::may_match(&"x".repeat(129)));
        assert!(!Password::may_match(&"x".repeat(100_000)));
    }

    #[test]
    fn display_name_trims_and_limits() {
        assert_eq!(DisplayName::parse(" 张村 ").map(DisplayName::into_inner), Ok("张村".to_owned()));
        assert!(DisplayName::parse("   ").is_err());
        assert!(DisplayName::parse(&"村".repeat(51)).is_err());
    }

    #[test]
    fn phone_takes_digits_plus_and_dash_only() {
        assert_eq!(Phone::parse(" 139-0000-0001 ").map(Phone::into_inner), Ok("139-0000-0001".to_owned()));
        assert!(Phone::parse("+8613900000001").is_ok());
        assert!(Phone::parse("139 0000").is_err());
        assert!(Phone::parse("call me").is_err());
        assert!(Phone::parse(&"1".repeat(21)).is_err());
        assert_eq!(Phone::parse_optional(Some("  ")), Ok(None));
        assert!(Phone::parse_optional(Some("x")).is_err());
    }
}
