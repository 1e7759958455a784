//! Social security (社保兜底): the year's standards (低保, 五保 concentrated and dispersed,
//! the temporary-assistance threshold and uplift), assistance payments to households, and the
//! check that every 低保 / 五保 household is paid at least the standard for its people.

mod api;
mod wire;

pub use api::ROUTES;
pub use wire::*;

use crate::Fen;
use crate::string_enum::string_enum;

string_enum! {
    /// What an assistance payment is.
    AssistancePaymentKind {
        Dibao = "dibao" ("低保金", "Minimum living allowance"),
        WubaoConcentrated = "wubao_concentrated" ("五保集中供养", "Five guarantees, in a home"),
        WubaoDispersed = "wubao_dispersed" ("五保分散供养", "Five guarantees, at home"),
        Temporary = "temporary" ("临时救助", "Temporary assistance"),
        MedicalAssistance = "medical_assistance" ("医疗救助", "Medical assistance"),
    }
}

impl AssistancePaymentKind {
    /// Whether the payment counts toward the 五保 standard.
    pub fn is_wubao(self) -> bool {
        matches!(self, AssistancePaymentKind::WubaoConcentrated | AssistancePaymentKind::WubaoDispersed)
    }
}

/// What a household is due in the year: the standard per person times its people, or `None`
/// on overflow.
pub fn due(standard_per_person: Fen, people: u64) -> Option<Fen> {
    i64::try_from(people).ok().and_then(|n| standard_per_person.fen().checked_mul(n)).map(Fen::new)
}

/// How much `paid` falls short of `due` (nothing when it does not).
pub fn short_by(due: Fen, paid: Fen) -> Fen {
    due.checked_sub(paid).filter(|s| *s > Fen::ZERO).unwrap_or(Fen::ZERO)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_household_is_due_the_standard_for_each_of_its_people_and_short_only_below_it() {
        let due = due(Fen::from_yuan(3_900), 3);
        assert_eq!(due, Some(Fen::from_yuan(11_700)));
        let due = due.unwrap();
        assert_eq!(short_by(due, Fen::from_yuan(11_000)), Fen::from_yuan(700));
        assert_eq!(short_by(due, Fen::from_yuan(12_000)), Fen::ZERO);
    }
}
