//! 居民身份证号码 (GB 11643-1999): 6-digit region, 8-digit birth date, 3-digit sequence whose
//! last digit is odd for men and even for women, and an ISO 7064 MOD 11-2 check character.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::newtypes::Invalid;
pub use crate::registry::Sex;

const WEIGHTS: [u32; 17] = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK_CHARS: &[u8; 11] = b"10X98765432";
/// Province-level codes in use (the first two digits).
const PROVINCES: &[u32] = &[
    11, 12, 13, 14, 15, 21, 22, 23, 31, 32, 33, 34, 35, 36, 37, 41, 42, 43, 44, 45, 46, 50, 51, 52, 53, 54, 61, 62, 63,
    64, 65, 71, 81, 82,
];

/// A valid 18-character ID-card number, upper-case `X` when the check character is ten.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(transparent)]
pub struct IdCardNo(String);

impl IdCardNo {
    /// Parses and checks every rule, naming the first that fails in words a clerk understands.
    pub fn parse(raw: &str) -> Result<Self, Invalid> {
        let value: String = raw.trim().to_ascii_uppercase();
        // From here on the number is a fixed array: every index below is checked at compile time.
        let Ok(bytes) = <[u8; 18]>::try_from(value.as_bytes()) else {
            return Err(Invalid("身份证号须为 18 位".to_owned()));
        };
        let [first17 @ .., last] = bytes;
        if !first17.iter().all(u8::is_ascii_digit) || !(last.is_ascii_digit() || last == b'X') {
            return Err(Invalid("身份证号前 17 位须为数字，最后一位为数字或 X".to_owned()));
        }
        let province = u32::from(bytes[0] - b'0') * 10 + u32::from(bytes[1] - b'0');
        if !PROVINCES.contains(&province) {
            return Err(Invalid("身份证号的地区码无效".to_owned()));
        }
        if birth_date(&value).is_none() {
            return Err(Invalid("身份证号中的出生日期无效".to_owned()));
        }
        if check_char(&first17) != last {
            return Err(Invalid("身份证号校验位错误，请核对".to_owned()));
        }
        Ok(Self(value))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The birth date the number encodes.
    pub fn birth_date(&self) -> NaiveDate {
        birth_date(&self.0).unwrap_or_default()
    }

    /// The sex the number encodes (17th digit: odd male, even female).
    pub fn sex(&self) -> Sex {
        let sequence_digit = self.0.as_bytes().get(16).map_or(0, |b| b - b'0');
        if sequence_digit % 2 == 1 { Sex::Male } else { Sex::Female }
    }

    /// `3401**********1234`: for roles without a need to see the whole number.
    pub fn masked(&self) -> String {
        mask(&self.0)
    }

    /// Builds a valid number from its first 17 digits by appending the check character; for
    /// generated demo and benchmark data.
    pub fn complete(first17: &str) -> Result<Self, Invalid> {
        if first17.len() != 17 || !first17.bytes().all(|b| b.is_ascii_digit()) {
            return Err(Invalid("需要 17 位数字".to_owned()));
        }
        let check = char::from(check_char(first17.as_bytes()));
        Self::parse(&format!("{first17}{check}"))
    }
}

/// Masks any stored number the same way, valid or not.
pub fn mask(number: &str) -> String {
    let chars: Vec<char> = number.chars().collect();
    if chars.len() < 8 {
        return "*".repeat(chars.len());
    }
    let head: String = chars.iter().take(4).collect();
    let tail: String = chars.iter().skip(chars.len() - 4).collect();
    format!("{head}{}{tail}", "*".repeat(chars.len() - 8))
}

fn check_char(first17: &[u8]) -> u8 {
    let sum: u32 = first17.iter().zip(WEIGHTS).map(|(d, w)| u32::from(d - b'0') * w).sum();
    // `sum % 11` is below 11, the table's length.
    usize::try_from(sum % 11).ok().and_then(|i| CHECK_CHARS.get(i)).copied().unwrap_or(b'?')
}

fn birth_date(number: &str) -> Option<NaiveDate> {
    let year: i32 = number.get(6..10)?.parse().ok()?;
    let month: u32 = number.get(10..12)?.parse().ok()?;
    let day: u32 = number.get(12..14)?.parse().ok()?;
    if !(1900..=2100).contains(&year) {
        return None;
    }
    NaiveDate::from_ymd_opt(year, month, day)
}

impl<'de> Deserialize<'de> for IdCardNo {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let raw = String::deserialize(d)?;
        IdCardNo::parse(&raw).map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    // The standard's own example number.
    const SAMPLE: &str = "11010519491231002X";

    #[test]
    fn the_standard_example_is_valid_and_female_born_1949() {
        let id = IdCardNo::parse(SAMPLE).expect("valid");
        assert_eq!(id.birth_date(), NaiveDate::from_ymd_opt(1949, 12, 31).expect("date"));
        assert_eq!(id.sex(), Sex::Female);
        assert_eq!(id.masked(), "1101**********002X");
    }

    #[test]
    fn a_lower_case_x_is_accepted_and_normalised() {
        assert_eq!(IdCardNo::parse("11010519491231002x").map(|i| i.0), Ok(SAMPLE.to_owned()));
    }

    #[test]
    fn a_wrong_check_digit_is_refused_with_its_own_message() {
        let error = IdCardNo::parse("110105194912310021").expect_err("bad check digit");
        assert!(error.0.contains("校验位"));
    }

    #[test]
    fn impossible_dates_lengths_and_regions_are_refused() {
        assert!(IdCardNo::complete("34010219990230123").is_err(), "30 February");
        assert!(IdCardNo::parse("3401021999").is_err());
        assert!(IdCardNo::complete("99010219900101123").is_err(), "no province 99");
    }

    #[test]
    fn complete_appends_the_right_check_character() {
        let id = IdCardNo::complete("34010219900101123").expect("valid");
        assert_eq!(IdCardNo::parse(id.as_str()), Ok(id.clone()));
        assert_eq!(id.sex(), Sex::Male);
    }
}
