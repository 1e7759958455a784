//! Industry poverty alleviation (产业扶贫): the subsidy menu and subsidies to households,
//! business entities, photovoltaic stations and asset-income investments.

mod api;

pub use api::ROUTES;
mod quantity;
mod wire;

pub use quantity::Quantity;
pub use wire::*;

use crate::Fen;
use crate::string_enum::string_enum;

string_enum! {
    /// 新型经营主体 kinds.
    BusinessEntityKind {
        Cooperative = "cooperative" ("农民专业合作社", "Cooperative"),
        LeadingEnterprise = "leading_enterprise" ("龙头企业", "Leading enterprise"),
        FamilyFarm = "family_farm" ("家庭农场", "Family farm"),
    }
}

/// What a menu subsidy pays.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SubsidyAmount {
    pub amount: Fen,
    /// Whether the cap per household lowered the amount.
    pub capped: bool,
}

/// Why a menu subsidy pays nothing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SubsidyRefusal {
    /// quantity × standard is more than one record may carry ([`Fen::MAX_RECORD`]).
    TooLarge,
    /// The household has already had the item's whole cap.
    CapReached { cap: Fen },
}

impl SubsidyRefusal {
    /// The field the refusal belongs to and a message a clerk can read.
    pub fn field_and_message(self, item_name: &str) -> (&'static str, String) {
        match self {
            SubsidyRefusal::TooLarge => ("quantity", "数量过大：单笔补助不能超过 1 亿元".to_owned()),
            SubsidyRefusal::CapReached { cap } => {
                ("item_id", format!("本户“{item_name}”补助已达每户上限 {} 元", cap.to_yuan_string()))
            }
        }
    }
}

/// The menu rule (菜单式), the same on the server and in the page: `quantity × standard`,
/// lowered to what `cap` leaves after the `earlier` subsidies of the same item to the same
/// household; refused once nothing is left.
pub fn subsidy_amount(
    quantity: Quantity,
    standard: Fen,
    cap: Option<Fen>,
    earlier: Fen,
) -> Result<SubsidyAmount, SubsidyRefusal> {
    let full = quantity.times(standard).filter(|full| *full <= Fen::MAX_RECORD).ok_or(SubsidyRefusal::TooLarge)?;
    let Some(cap) = cap else { return Ok(SubsidyAmount { amount: full, capped: false }) };
    let left = cap.checked_sub(earlier).filter(|left| *left > Fen::ZERO).ok_or(SubsidyRefusal::CapReached { cap })?;
    Ok(if full > left {
        SubsidyAmount { amount: left, capped: true }
    } else {
        SubsidyAmount { amount: full, capped: false }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn quantity(text: &str) -> Quantity {
        Quantity::parse(text).unwrap_or_default()
    }

    #[test]
    fn a_subsidy_is_quantity_times_standard_lowered_to_what_the_cap_leaves() {
        let standard = Fen::from_yuan(1_500);
        let cap = Some(Fen::from_yuan(6_000));
        assert_eq!(
            subsidy_amount(quantity("3"), standard, cap, Fen::ZERO),
            Ok(SubsidyAmount { amount: Fen::from_yuan(4_500), capped: false })
        );
        assert_eq!(
            subsidy_amount(quantity("3"), standard, cap, Fen::from_yuan(4_500)),
            Ok(SubsidyAmount { amount: Fen::from_yuan(1_500), capped: true })
        );
        assert_eq!(
            subsidy_amount(quantity("5"), standard, cap, Fen::ZERO),
            Ok(SubsidyAmount { amount: Fen::from_yuan(6_000), capped: true })
        );
        assert_eq!(
            subsidy_amount(quantity("1"), standard, cap, Fen::from_yuan(6_000)),
            Err(SubsidyRefusal::CapReached { cap: Fen::from_yuan(6_000) })
        );
        assert_eq!(
            subsidy_amount(quantity("1.5"), standard, None, Fen::from_yuan(99_999)),
            Ok(SubsidyAmount { amount: Fen::from_yuan(2_250), capped: false })
        );
    }

    #[test]
    fn a_subsidy_over_one_hundred_million_yuan_is_refused_whatever_the_cap() {
        let standard = Fen::from_yuan(50_000_000);
        assert_eq!(
            subsidy_amount(quantity("2"), standard, None, Fen::ZERO),
            Ok(SubsidyAmount { amount: Fen::MAX_RECORD, capped: false })
        );
        assert_eq!(subsidy_amount(quantity("2.01"), standard, None, Fen::ZERO), Err(SubsidyRefusal::TooLarge));
    }
}
