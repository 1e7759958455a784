//! Quantities of the subsidy menu, exact to hundredths.

use serde::{Deserialize, Serialize};

use crate::Fen;

/// A quantity with at most two decimals (head of cattle, 亩 of tea, boxes of bees), kept as
/// hundredths so that amount = quantity × standard is exact. On the wire a JSON number.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Quantity(i64);

impl Quantity {
    /// A quantity of `hundredths` hundredths (150 = 1.5), as stored.
    pub const fn from_hundredths(hundredths: i64) -> Quantity {
        Quantity(hundredths)
    }

    /// The quantity in hundredths, as stored.
    pub const fn hundredths(self) -> i64 {
        self.0
    }

    /// Parses typed text (`3`, `1.5`, `0.25`): positive, at most two decimals.
    pub fn parse(raw: &str) -> Result<Quantity, String> {
        let fen = Fen::parse_yuan(raw).map_err(|_| "数量须为正数，最多两位小数".to_owned())?;
        if fen.fen() <= 0 {
            return Err("数量须大于 0".to_owned());
        }
        Ok(Quantity(fen.fen()))
    }

    /// `quantity × per_unit`, rounded half up to the fen.
    pub fn times(self, per_unit: Fen) -> Option<Fen> {
        let product = i128::from(self.0).checked_mul(i128::from(per_unit.fen()))?;
        i64::try_from((product + 50) / 100).ok().map(Fen::new)
    }
}

impl std::fmt::Display for Quantity {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let text = Fen::new(self.0).to_yuan_string();
        f.write_str(text.trim_end_matches('0').trim_end_matches('.'))
    }
}

// The wire carries a JSON number: the only float conversions of the crate, on values below
// 1e15 hundredths, which f64 holds exactly.
#[allow(clippy::as_conversions, reason = "JSON numbers are f64; the range is checked")]
impl Serialize for Quantity {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        if self.0 % 100 == 0 {
            serializer.serialize_i64(self.0 / 100)
        } else {
            serializer.serialize_f64(self.0 as f64 / 100.0)
        }
    }
}

#[allow(clippy::as_conversions, reason = "JSON numbers are f64; the range is checked")]
impl<'de> Deserialize<'de> for Quantity {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let value = f64::deserialize(deserializer)?;
        let hundredths = (value * 100.0).round();
        if !value.is_finite() || (value * 100.0 - hundredths).abs() > 1e-6 || hundredths.abs() > 1e15 {
            return Err(serde::de::Error::custom("数量最多两位小数"));
        }
        Ok(Quantity(hundredths as i64))
    }
}

#[cfg(feature = "openapi")]
impl utoipa::PartialSchema for Quantity {
    fn schema() -> utoipa::openapi::RefOr<utoipa::openapi::schema::Schema> {
        utoipa::openapi::ObjectBuilder::new()
            .schema_type(utoipa::openapi::schema::Type::Number)
            .description(Some("at most two decimals"))
            .into()
    }
}

#[cfg(feature = "openapi")]
impl utoipa::ToSchema for Quantity {}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Fen;

    #[test]
    fn quantities_keep_two_decimals_and_multiply_exactly() {
        assert_eq!(Quantity::parse("1.5"), Ok(Quantity(150)));
        assert!(Quantity::parse("0").is_err());
        assert!(Quantity::parse("1.234").is_err());
        assert_eq!(Quantity(150).times(Fen::new(100_000)), Some(Fen::new(150_000)));
        assert_eq!(Quantity(33).times(Fen::new(1)), Some(Fen::new(0)));
        assert_eq!(Quantity(50).times(Fen::new(1)), Some(Fen::new(1)));
        assert_eq!(Quantity(250).to_string(), "2.5");
        assert_eq!(Quantity(300).to_string(), "3");
        let json = serde_json::to_string(&Quantity(29)).unwrap_or_default();
        assert_eq!(json, "0.29");
        assert_eq!(serde_json::from_str::<Quantity>("0.29").ok(), Some(Quantity(29)));
        assert!(serde_json::from_str::<Quantity>("0.291").is_err());
    }
}
