//! Money as integer fen (分): exact, checked, the same on every database.
//!
//! One record carries at most [`Fen::MAX_RECORD`] (1 亿元). That bound is what keeps every sum
//! of the system exact: a database `SUM` over records at the cap overflows `i64` only past
//! 922 million of them, and a sum in Rust goes through [`Fen::checked_add`] or the checked
//! [`Sum`](std::iter::Sum) into `Result<Fen, MoneyOverflow>`, which reports instead of wrapping.

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

    /// The most one record (a budget, a payment, a subsidy, an income part) may carry: 1 亿元.
    pub const MAX_RECORD: Fen = Fen(10_000_000_000);

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

    /// `self` when it is more than nothing and at most [`Fen::MAX_RECORD`]; else the message
    /// for the field, naming it as `what` (`预算`, `金额`).
    pub fn positive_amount(self, what: &str) -> Result<Fen, String> {
        if self.0 <= 0 {
            return Err(format!("{what}须大于 0"));
        }
        self.amount(what)
    }

    /// `self` when it is 0 up to [`Fen::MAX_RECORD`] (an amount that may be nothing, such as one
    /// part of an income); else the message for the field, naming it as `what`.
    pub fn amount(self, what: &str) -> Result<Fen, String> {
        if self.0 < 0 {
            Err(format!("{what}不能为负"))
        } else if self > Fen::MAX_RECORD {
            Err(format!("{what}不能超过 1 亿元"))
        } else {
            Ok(self)
        }
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
        let too_large = || "金额不能超过 1 亿元".to_owned();
        if whole.trim_start_matches('0').len() > 9 {
            return Err(too_large());
        }
        let yuan: i64 = whole.parse().map_err(|_| too_large())?;
        let cents: i64 = format!("{fraction:0<2}").parse().unwrap_or(0);
        Some(Fen(yuan * 100 + cents)).filter(|fen| *fen <= Fen::MAX_RECORD).ok_or_else(too_large)
    }

    /// Formats as 元 with two decimals, e.g. `1234.50`.
    pub fn to_yuan_string(self) -> String {
        let sign = if self.0 < 0 { "-" } else { "" };
        let abs = self.0.unsigned_abs();
        format!("{sign}{}.{:02}", abs / 100, abs % 100)
    }
}

/// A sum of money past what an amount can hold; answered instead of a wrapped number.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MoneyOverflow;

impl std::fmt::Display for MoneyOverflow {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("金额合计超出可计算的范围")
    }
}

impl std::error::Error for MoneyOverflow {}

/// `amounts.sum::<Result<Fen, MoneyOverflow>>()`: the exact total, or [`MoneyOverflow`].
impl std::iter::Sum<Fen> for Result<Fen, MoneyOverflow> {
    fn sum<I: Iterator<Item = Fen>>(mut iter: I) -> Self {
        iter.try_fold(Fen::ZERO, |total, fen| total.checked_add(fen).ok_or(MoneyOverflow))
    }
}

impl<'a> std::iter::Sum<&'a Fen> for Result<Fen, MoneyOverflow> {
    fn sum<I: Iterator<Item = &'a Fen>>(iter: I) -> Self {
        iter.copied().sum()
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

/// A percentage as typed ("4.35", "4.35%", at most two decimals) in basis points (435): a
/// percent with two decimals is a count of hundredths, as 元 are of fen.
pub fn parse_percent_bp(raw: &str) -> Result<i64, String> {
    let text = raw.trim().trim_end_matches(['%', '％']);
    if text.is_empty() {
        return Err("请填写百分数，例如 4.35".to_owned());
    }
    Fen::parse_yuan(text).map(Fen::fen).map_err(|_| "须为百分数，最多两位小数，例如 4.35".to_owned())
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
    fn percentages_parse_to_basis_points() {
        assert_eq!(parse_percent_bp("4.35"), Ok(435));
        assert_eq!(parse_percent_bp(" 4.35% "), Ok(435));
        assert_eq!(parse_percent_bp("5"), Ok(500));
        assert!(parse_percent_bp("4.355").is_err());
        assert!(parse_percent_bp("%").is_err());
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
    fn a_typed_amount_stops_at_one_hundred_million_yuan() {
        assert_eq!(Fen::parse_yuan("100000000"), Ok(Fen::MAX_RECORD));
        assert_eq!(Fen::parse_yuan("0100000000.00"), Ok(Fen::MAX_RECORD));
        assert_eq!(Fen::parse_yuan("100000000.01"), Err("金额不能超过 1 亿元".to_owned()));
        assert_eq!(Fen::parse_yuan("999999999"), Err("金额不能超过 1 亿元".to_owned()));
        assert_eq!(Fen::parse_yuan("50000000000000000"), Err("金额不能超过 1 亿元".to_owned()));
    }

    #[test]
    fn a_sent_amount_is_checked_against_nothing_and_the_cap() {
        assert_eq!(Fen(1).positive_amount("预算"), Ok(Fen(1)));
        assert_eq!(Fen::MAX_RECORD.positive_amount("预算"), Ok(Fen::MAX_RECORD));
        assert_eq!(Fen(0).positive_amount("预算"), Err("预算须大于 0".to_owned()));
        assert_eq!(Fen(10_000_000_001).positive_amount("预算"), Err("预算不能超过 1 亿元".to_owned()));
        assert_eq!(Fen(5_000_000_000_000_000_000).positive_amount("金额"), Err("金额不能超过 1 亿元".to_owned()));
        assert_eq!(Fen(0).amount("工资性收入"), Ok(Fen(0)));
        assert_eq!(Fen(-1).amount("工资性收入"), Err("工资性收入不能为负".to_owned()));
    }

    #[test]
    fn a_sum_is_exact_or_reports_the_overflow_never_wraps() {
        let capped = [Fen::MAX_RECORD; 3];
        assert_eq!(capped.iter().sum::<Result<Fen, MoneyOverflow>>(), Ok(Fen(30_000_000_000)));
        let huge = [Fen(5_000_000_000_000_000_000), Fen(5_000_000_000_000_000_000)];
        assert_eq!(huge.into_iter().sum::<Result<Fen, MoneyOverflow>>(), Err(MoneyOverflow));
        assert_eq!(std::iter::empty::<Fen>().sum::<Result<Fen, MoneyOverflow>>(), Ok(Fen::ZERO));
    }

    #[test]
    fn yuan_string_keeps_two_decimals() {
        assert_eq!(Fen(123_450).to_yuan_string(), "1234.50");
        assert_eq!(Fen(-5).to_yuan_string(), "-0.05");
    }
}
