//! Pairing assistance (社会扶贫, 多企帮多村): partner enterprises paired with villages and
//! households, the assistance they log (confirmed by the district, then locked), gifts to
//! campaigns such as Poverty Alleviation Day (10.17 扶贫日), and the year's figures; and cadre
//! pairing (干部包户): cadres paired with households, their monthly visits and the coverage;
//! households' assistance plans; and the villages' resident work teams (驻村工作队).

mod api;
mod cadres;
mod credit_code;
mod plans;
mod teams;
mod wire;

pub use api::ROUTES;
pub use cadres::*;
pub use credit_code::CreditCode;
pub use plans::*;
pub use teams::*;
pub use wire::*;

use crate::Fen;
use crate::error::Validator;
use crate::string_enum::string_enum;

string_enum! {
    /// What an enterprise did for its pairing.
    AssistanceKind {
        Funds = "funds" ("帮扶资金", "Funds"),
        LabourHired = "labour_hired" ("吸纳就业", "Labour hired"),
        ProductsPurchased = "products_purchased" ("购销农产品", "Products purchased"),
        StudentsAided = "students_aided" ("资助学生", "Students aided"),
        ProjectClaimed = "project_claimed" ("认领项目", "Project claimed"),
        Other = "other" ("其他", "Other"),
    }
}

string_enum! {
    /// Who gave to a campaign.
    GiverKind {
        Enterprise = "enterprise" ("企业", "Enterprise"),
        Organisation = "organisation" ("社会组织", "Organisation"),
        Person = "person" ("个人", "Person"),
    }
}

string_enum! {
    /// What a gift to a campaign is: a project claimed (认领, valued in money) or money (认捐).
    DonationKind {
        ProjectClaimed = "project_claimed" ("认领项目", "Project claimed"),
        Money = "money" ("捐款", "Money"),
    }
}

/// What a log of a kind must carry.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Measure {
    /// An amount in money (funds, products bought).
    Amount,
    /// A number of people or projects; an amount may be given beside it.
    Count,
    /// At least one of the two.
    Either,
}

impl AssistanceKind {
    /// What a log of this kind must carry.
    pub fn measure(self) -> Measure {
        match self {
            AssistanceKind::Funds | AssistanceKind::ProductsPurchased => Measure::Amount,
            AssistanceKind::LabourHired | AssistanceKind::StudentsAided | AssistanceKind::ProjectClaimed => {
                Measure::Count
            }
            AssistanceKind::Other => Measure::Either,
        }
    }
}

/// Records on `v` what a log of `kind` lacks or carries wrong: a missing amount or count, an
/// amount not above nothing or too large, a count below one.
pub fn check_measure(v: &mut Validator, kind: AssistanceKind, amount: Option<Fen>, count: Option<i64>) {
    if let Some(amount) = amount
        && let Err(message) = amount.positive_amount("金额")
    {
        v.add("amount_fen", message);
    }
    if count.is_some_and(|c| !(1..=100_000).contains(&c)) {
        v.add("count", "数量须在 1 到 100000 之间");
    }
    match kind.measure() {
        Measure::Amount if amount.is_none() => v.add("amount_fen", format!("“{}”须填写金额", kind.zh())),
        Measure::Count if count.is_none() => v.add("count", format!("“{}”须填写人数或个数", kind.zh())),
        Measure::Either if amount.is_none() && count.is_none() => v.add("amount_fen", "请填写金额或数量"),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn errors(kind: AssistanceKind, amount: Option<i64>, count: Option<i64>) -> Vec<String> {
        let mut v = Validator::new();
        check_measure(&mut v, kind, amount.map(Fen::new), count);
        v.finish().err().map(|e| e.into_keys().collect()).unwrap_or_default()
    }

    #[test]
    fn funds_need_an_amount_and_hiring_needs_a_count() {
        assert_eq!(errors(AssistanceKind::Funds, None, Some(3)), ["amount_fen"]);
        assert!(errors(AssistanceKind::Funds, Some(100), None).is_empty());
        assert_eq!(errors(AssistanceKind::LabourHired, Some(100), None), ["count"]);
        assert!(errors(AssistanceKind::LabourHired, None, Some(3)).is_empty());
        assert_eq!(errors(AssistanceKind::Other, None, None), ["amount_fen"]);
        assert_eq!(errors(AssistanceKind::StudentsAided, None, Some(0)), ["count"]);
    }
}
