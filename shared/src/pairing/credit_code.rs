//! 统一社会信用代码 (GB 32100-2015): 18 characters from a 31-character alphabet (digits and
//! capitals without I, O, Z, S, V), the last a MOD 31 check character over the first 17.

use serde::{Deserialize, Serialize};

use crate::newtypes::Invalid;

const ALPHABET: &[u8; 31] = b"0123456789ABCDEFGHJKLMNPQRTUWXY";
const WEIGHTS: [u32; 17] = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

/// A valid unified social credit code, upper case.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
#[serde(transparent)]
pub struct CreditCode(String);

impl CreditCode {
    /// Parses and checks the length, the alphabet and the check character.
    pub fn parse(raw: &str) -> Result<Self, Invalid> {
        let value = raw.trim().to_ascii_uppercase();
        let Ok(bytes) = <[u8; 18]>::try_from(value.as_bytes()) else {
            return Err(Invalid("统一社会信用代码须为 18 位".to_owned()));
        };
        if !bytes.iter().all(|b| ALPHABET.contains(b)) {
            return Err(Invalid("统一社会信用代码只能包含数字和大写字母（不含 I、O、Z、S、V）".to_owned()));
        }
        let [first17 @ .., last] = bytes;
        if check_char(&first17) != Some(last) {
            return Err(Invalid("统一社会信用代码校验位错误，请核对".to_owned()));
        }
        Ok(Self(value))
    }

    /// A valid code from its first 17 characters, the check character appended; for generated
    /// demo data.
    pub fn complete(first17: &str) -> Result<Self, Invalid> {
        let bytes = <[u8; 17]>::try_from(first17.as_bytes()).map_err(|_| Invalid("需要 17 位".to_owned()))?;
        let check = check_char(&bytes).ok_or_else(|| Invalid("含无效字符".to_owned()))?;
        Self::parse(&format!("{first17}{}", char::from(check)))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// The check character of 17 characters of the alphabet, `None` when one is not in it.
fn check_char(first17: &[u8; 17]) -> Option<u8> {
    let mut sum = 0;
    for (byte, weight) in first17.iter().zip(WEIGHTS) {
        let value = ALPHABET.iter().position(|a| a == byte)?;
        sum += u32::try_from(value).ok()? * weight;
    }
    let check = (31 - sum % 31) % 31;
    ALPHABET.get(usize::try_from(check).ok()?).copied()
}

impl<'de> Deserialize<'de> for CreditCode {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let raw = String::deserialize(d)?;
        CreditCode::parse(&raw).map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_published_code_passes_and_one_changed_character_fails() {
        // The code of a listed company, as printed on its business licence.
        assert!(CreditCode::parse("91350100M000100Y43").is_ok());
        assert!(CreditCode::parse("91350100M000100Y44").is_err());
        assert!(CreditCode::parse(" 91350100m000100y43 ").is_ok());
    }

    #[test]
    fn wrong_length_and_letters_outside_the_alphabet_are_named() {
        assert_eq!(CreditCode::parse("9135").map_err(|e| e.0), Err("统一社会信用代码须为 18 位".to_owned()));
        assert!(CreditCode::parse("91350100I000100Y43").is_err_and(|e| e.0.contains("大写字母")));
    }

    #[test]
    fn completing_seventeen_characters_gives_a_valid_code() {
        let code = CreditCode::complete("91341000MA2N00001").map(|c| c.as_str().to_owned());
        assert!(code.is_ok_and(|c| CreditCode::parse(&c).is_ok()));
    }
}
