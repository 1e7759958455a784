//! Money as integer fen (分): exact, checked, the same on every database.

use serde::{Deserialize, Serialize};

/// An amount of money in fen (1 元 = 100 fen). Arithmetic is checked; display as 元 or 万元
/// belongs to the UI.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "openapi", schema(value_type = i64))]
pub struct Fen(i64);

impl Fen {
    /// Nothing.
    pub const ZERO: Fen = Fen(0);

    /// An amount of `fen` fen.
    pub const fn new(fen: i64) -> Fen {
        Fen(fen)
    }

    /// Whole 元.
    pub const fn from_yuan(yuan: i64) -> Fen {
        Fen(yuan * 100)
    }

    /// The amount in fen, as stored.
    pub const fn fen(self) -> i64 {
        self.0
    }

    /// The sum, or `None` on overflow.
    pub fn checked_add(self, other: Fen) -> Option<Fen> {
        self.0.checked_add(other.0).map(Fen)
    }

    /// The difference, or `None` on overflow.
    pub fn checked_sub(self, other: Fen) -> Option<Fen> {
        self.0.checked_sub(other.0).map(Fen)
    }

    /// Parses an amount typed in 元 (`1234`, `1234.5`, `1,234.56`): at most two decimals,
    /// not negative, at most 1 亿元.
    pub fn parse_yuan(raw: &str) -> Result<Fen, String> {
        let text: String = raw.trim().chars().filter(|c| *c != ',' && *c != '，').collect();
        if text.is_empty() {
            return Err("请填写金额".to_owned());
        }
        let (whole, fraction) = text.split_once('.').unwrap_or((&text, ""));
        let digits = |s: &str| s.chars().all(|c| c.is_ascii_digit());
        if whole.is_empty() || !digits(whole) || !digits(fraction) {
            return Err("金额须为数字，例如 1234.50".to_owned());
        }
        if fraction.len() > 2 {
            return Err("金额最多两位小数".to_owned());
        }
        if whole.len() > 9 {
            return Err("金额过大".to_owned());
        }
        let yuan: i64 = whole.parse().map_err(|_| "金额过大".to_owned())?;
        let cents: i64 = format!("{fraction:0<2}").parse().unwrap_or(0);
        Ok(Fen(yuan * 100 + cents))
    }

    /// Formats as 元 with two decimals, e.g. `1234.50`.
    pub fn to_yuan_string(self) -> String {
        let sign = if self.0 < 0 { "-" } else { "" };
        let abs = self.0.unsigned_abs();
        format!("{sign}{}.{:02}", abs / 100, abs % 100)
    }
}

/// `part / whole` in basis points (8577 = 85.77 %), rounded half up; 0 when `whole` is 0.
pub fn rate_bp(part: i64, whole: i64) -> i64 {
    if whole == 0 {
        return 0;
    }
    let scaled = i128::from(part) * 10_000;
    let whole = i128::from(whole);
    let rounded = (2 * scaled + whole) / (2 * whole);
    i64::try_from(rounded).unwrap_or(i64::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rate_rounds_half_up() {
        assert_eq!(rate_bp(69, 81), 8519);
        assert_eq!(rate_bp(1, 8), 1250);
        assert_eq!(rate_bp(1, 20_000), 1);
        assert_eq!(rate_bp(0, 0), 0);
    }

    #[test]
    fn yuan_amounts_parse_exactly() {
        assert_eq!(Fen::parse_yuan("1234"), Ok(Fen(123_400)));
        assert_eq!(Fen::parse_yuan("1,234.5"), Ok(Fen(123_450)));
        assert_eq!(Fen::parse_yuan("0.07"), Ok(Fen(7)));
        assert!(Fen::parse_yuan("-1").is_err());
        assert!(Fen::parse_yuan("1.234").is_err());
        assert!(Fen::parse_yuan("abc").is_err());
        assert!(Fen::parse_yuan("").is_err());
    }

    #[test]
    fn yuan_string_keeps_two_decimals() {
        assert_eq!(Fen(123_450).to_yuan_string(), "1234.50");
        assert_eq!(Fen(-5).to_yuan_string(), "-0.05");
    }
}
