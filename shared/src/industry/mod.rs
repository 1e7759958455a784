//! Industry poverty alleviation (产业扶贫): the subsidy menu and subsidies to households,
//! business entities, photovoltaic stations with their income and its distributions, and
//! asset-income investments.

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

string_enum! {
    /// What a payment from a village's PV income is for.
    PvDistributionKind {
        PublicWelfareWage = "public_welfare_wage" ("公益岗位工资", "Public-welfare job wage"),
        Award = "award" ("奖补", "Award"),
        Dividend = "dividend" ("分红", "Dividend"),
    }
}

/// The year's cap per household across all menu items, and what the household has had in
/// that year.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct YearCap {
    pub cap: Fen,
    pub used: Fen,
}

impl YearCap {
    /// What the household may still have this year (never below nothing).
    pub fn left(self) -> Fen {
        self.cap.checked_sub(self.used).filter(|left| *left > Fen::ZERO).unwrap_or(Fen::ZERO)
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
    /// The amount is more than the year's cap across all items leaves for the household.
    YearCapExceeded { cap: Fen, left: Fen },
}

impl SubsidyRefusal {
    /// The field the refusal belongs to and a message a clerk can read.
    pub fn field_and_message(self, item_name: &str) -> (&'static str, String) {
        match self {
            SubsidyRefusal::TooLarge => ("quantity", "数量过大：单笔补助不能超过 1 亿元".to_owned()),
            SubsidyRefusal::CapReached { cap } => {
                ("item_id", format!("本户“{item_name}”补助已达每户上限 {} 元", cap.to_yuan_string()))
            }
            SubsidyRefusal::YearCapExceeded { cap, left } => (
                "quantity",
                format!(
                    "超出每户每年产业补助上限 {} 元：本户本年尚可补助 {} 元",
                    cap.to_yuan_string(),
                    left.to_yuan_string()
                ),
            ),
        }
    }
}

/// The menu rule (菜单式), the same on the server and in the page: `quantity × standard`,
/// lowered to what the item's `cap` leaves after the `earlier` subsidies of the same item to
/// the same household; refused once nothing is left. The year's cap across all items
/// (`year`, when the year has one) is not a lowering but a limit: an amount beyond what it
/// leaves is refused, naming what is left, so the clerk enters a smaller quantity.
pub fn subsidy_amount(
    quantity: Quantity,
    standard: Fen,
    cap: Option<Fen>,
    earlier: Fen,
    year: Option<YearCap>,
) -> Result<SubsidyAmount, SubsidyRefusal> {
    let full = quantity.times(standard).filter(|full| *full <= Fen::MAX_RECORD).ok_or(SubsidyRefusal::TooLarge)?;
    let paid = match cap {
        None => SubsidyAmount { amount: full, capped: false },
        Some(cap) => {
            let left =
                cap.checked_sub(earlier).filter(|left| *left > Fen::ZERO).ok_or(SubsidyRefusal::CapReached { cap })?;
            if full > left {
                SubsidyAmount { amount: left, capped: true }
            } else {
                SubsidyAmount { amount: full, capped: false }
            }
        }
    };
    match year {
        Some(year) if paid.amount > year.left() => {
            Err(SubsidyRefusal::YearCapExceeded { cap: year.cap, left: year.left() })
        }
        _ => Ok(paid),
    }
}

/// How a station's income of a year is credited to its villages: in equal parts, and the fen
/// that do not divide go one each to the first villages in the order given (the backend gives
/// them by id). No villages, no parts.
pub fn village_parts(income: Fen, villages: usize) -> Vec<Fen> {
    let Ok(n) = i64::try_from(villages) else { return Vec::new() };
    if n == 0 {
        return Vec::new();
    }
    let (each, rest) = (income.fen() / n, income.fen() % n);
    (0..n).map(|i| Fen::new(each + i64::from(i < rest))).collect()
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
            subsidy_amount(quantity("3"), standard, cap, Fen::ZERO, None),
            Ok(SubsidyAmount { amount: Fen::from_yuan(4_500), capped: false })
        );
        assert_eq!(
            subsidy_amount(quantity("3"), standard, cap, Fen::from_yuan(4_500), None),
            Ok(SubsidyAmount { amount: Fen::from_yuan(1_500), capped: true })
        );
        assert_eq!(
            subsidy_amount(quantity("5"), standard, cap, Fen::ZERO, None),
            Ok(SubsidyAmount { amount: Fen::from_yuan(6_000), capped: true })
        );
        assert_eq!(
            subsidy_amount(quantity("1"), standard, cap, Fen::from_yuan(6_000), None),
            Err(SubsidyRefusal::CapReached { cap: Fen::from_yuan(6_000) })
        );
        assert_eq!(
            subsidy_amount(quantity("1.5"), standard, None, Fen::from_yuan(99_999), None),
            Ok(SubsidyAmount { amount: Fen::from_yuan(2_250), capped: false })
        );
    }

    #[test]
    fn a_subsidy_over_one_hundred_million_yuan_is_refused_whatever_the_cap() {
        let standard = Fen::from_yuan(50_000_000);
        assert_eq!(
            subsidy_amount(quantity("2"), standard, None, Fen::ZERO, None),
            Ok(SubsidyAmount { amount: Fen::MAX_RECORD, capped: false })
        );
        assert_eq!(subsidy_amount(quantity("2.01"), standard, None, Fen::ZERO, None), Err(SubsidyRefusal::TooLarge));
    }

    #[test]
    fn an_amount_beyond_the_year_s_cap_across_items_is_refused_naming_what_is_left() {
        let standard = Fen::from_yuan(3_000);
        let year = |used| Some(YearCap { cap: Fen::from_yuan(10_000), used: Fen::from_yuan(used) });
        assert_eq!(
            subsidy_amount(quantity("2"), standard, None, Fen::ZERO, year(4_000)),
            Ok(SubsidyAmount { amount: Fen::from_yuan(6_000), capped: false })
        );
        assert_eq!(
            subsidy_amount(quantity("2"), standard, None, Fen::ZERO, year(4_001)),
            Err(SubsidyRefusal::YearCapExceeded { cap: Fen::from_yuan(10_000), left: Fen::from_yuan(5_999) })
        );
        // The item's cap lowers first; the lowered amount is what the year's cap sees.
        assert_eq!(
            subsidy_amount(quantity("5"), standard, Some(Fen::from_yuan(6_000)), Fen::ZERO, year(4_000)),
            Ok(SubsidyAmount { amount: Fen::from_yuan(6_000), capped: true })
        );
        assert_eq!(YearCap { cap: Fen::from_yuan(1), used: Fen::from_yuan(2) }.left(), Fen::ZERO);
    }

    #[test]
    fn a_station_s_income_goes_to_its_villages_in_equal_parts_the_odd_fen_to_the_first() {
        assert_eq!(village_parts(Fen::new(1_000), 3), vec![Fen::new(334), Fen::new(333), Fen::new(333)]);
        assert_eq!(village_parts(Fen::new(1_001), 3), vec![Fen::new(334), Fen::new(334), Fen::new(333)]);
        assert_eq!(village_parts(Fen::new(500), 1), vec![Fen::new(500)]);
        assert!(village_parts(Fen::new(500), 0).is_empty());
        let parts = village_parts(Fen::new(987_654_321), 7);
        assert_eq!(parts.iter().map(|p| p.fen()).sum::<i64>(), 987_654_321);
    }
}
