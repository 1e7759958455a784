//! What a household received in a year across every project (享受政策): one list of lines,
//! each from the area that paid it, with totals per area and in all — the page a clerk shows
//! a family.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::client::api;
use crate::string_enum::string_enum;
use crate::{Fen, HouseholdId};

string_enum! {
    /// The project (十大工程) a benefit comes from.
    BenefitArea {
        Industry = "industry" ("产业扶贫", "Industry"),
        Education = "education" ("教育扶贫", "Education"),
        Employment = "employment" ("就业扶贫", "Employment"),
        Credit = "credit" ("小额信贷", "Microcredit"),
        Health = "health" ("健康扶贫", "Health"),
        Housing = "housing" ("安全住房", "Housing safety"),
        SocialSecurity = "social_security" ("社保兜底", "Social security"),
        Ecology = "ecology" ("生态保护", "Ecology"),
    }
}

string_enum! {
    /// The kind of record a benefit line was read from.
    BenefitSource {
        IndustrySubsidy = "industry_subsidy" ("产业补助记录", "Industry subsidy"),
        StudentAid = "student_aid" ("学生资助记录", "Student aid"),
        Training = "training" ("技能培训记录", "Training"),
        TransportSubsidy = "transport_subsidy" ("交通补助记录", "Transport subsidy"),
        Loan = "loan" ("小额信贷合同", "Loan"),
        InterestSubsidy = "interest_subsidy" ("贴息批次", "Interest subsidy batch"),
        HealthClaims = "health_claims" ("医疗报销合计", "Health claims in total"),
        HousingRenovation = "housing_renovation" ("危房改造记录", "Housing renovation"),
        AssistancePayment = "assistance_payment" ("救助发放记录", "Assistance payment"),
        EcologyCompensation = "ecology_compensation" ("生态补偿记录", "Ecology compensation"),
    }
}

/// One thing the household received.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct BenefitLine {
    pub area: BenefitArea,
    /// The year it counts for.
    pub year: i32,
    /// What it is (`茶叶补助`, `低保金`, `退耕还林补助`).
    pub title: String,
    /// Quantity, period or programme details.
    pub detail: String,
    /// When it was paid or completed, when known.
    pub on: Option<NaiveDate>,
    pub amount_fen: Fen,
    /// The record it was read from.
    pub source: BenefitSource,
    /// That record's id; none for a line summing several records (the year's health claims).
    pub source_id: Option<i64>,
    /// Lent, not given (a microcredit loan): shown, never added to the totals.
    pub lent: bool,
}

/// One area's total.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AreaTotal {
    pub area: BenefitArea,
    pub amount_fen: Fen,
}

/// `GET /api/v1/households/{id}/benefits`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct HouseholdBenefits {
    pub household_id: HouseholdId,
    pub year: i32,
    /// Every year the household received anything, latest first.
    pub years: Vec<i32>,
    pub lines: Vec<BenefitLine>,
    /// Areas with at least one line given (not lent), in [`BenefitArea::ALL`] order.
    pub totals: Vec<AreaTotal>,
    pub total_fen: Fen,
}

impl HouseholdBenefits {
    /// The lines of `year` (of all years the household received anything, the latest when
    /// `None`, else `fallback`) with their totals per area and in all; `None` on overflow.
    pub fn new(
        household_id: HouseholdId,
        year: Option<i32>,
        fallback: i32,
        mut lines: Vec<BenefitLine>,
    ) -> Option<HouseholdBenefits> {
        let mut years: Vec<i32> = lines.iter().map(|l| l.year).collect();
        years.sort_unstable_by(|a, b| b.cmp(a));
        years.dedup();
        let year = year.or(years.first().copied()).unwrap_or(fallback);
        lines.retain(|l| l.year == year);
        let mut totals = Vec::new();
        for area in BenefitArea::ALL {
            let of_area = lines.iter().filter(|l| l.area == *area && !l.lent);
            let mut sum = Fen::ZERO;
            let mut any = false;
            for line in of_area {
                sum = sum.checked_add(line.amount_fen)?;
                any = true;
            }
            if any {
                totals.push(AreaTotal { area: *area, amount_fen: sum });
            }
        }
        let total_fen = totals.iter().try_fold(Fen::ZERO, |acc, t| acc.checked_add(t.amount_fen))?;
        Some(HouseholdBenefits { household_id, year, years, lines, totals, total_fen })
    }
}

/// `GET /api/v1/households/{id}/benefits` query.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams))]
pub struct BenefitsQuery {
    /// The latest year the household received anything when absent (the caller's current
    /// year when it received nothing yet).
    pub year: Option<i32>,
}

api! {
    GET "/api/v1/households/{id}/benefits" => household_benefits(id: HouseholdId) query(BenefitsQuery) -> HouseholdBenefits;
}

#[cfg(test)]
mod tests {
    use super::*;

    fn line(area: BenefitArea, year: i32, yuan: i64) -> BenefitLine {
        BenefitLine {
            area,
            year,
            title: String::new(),
            detail: String::new(),
            on: None,
            amount_fen: Fen::from_yuan(yuan),
            source: BenefitSource::EcologyCompensation,
            source_id: Some(1),
            lent: false,
        }
    }

    #[test]
    fn the_latest_year_is_shown_by_default_with_totals_per_area_in_a_fixed_order_and_in_all() {
        let lines = vec![
            line(BenefitArea::Ecology, 2020, 300),
            line(BenefitArea::Industry, 2020, 1_000),
            line(BenefitArea::Ecology, 2020, 50),
            line(BenefitArea::Ecology, 2019, 70),
        ];
        let benefits = HouseholdBenefits::new(HouseholdId(1), None, 2026, lines.clone()).unwrap();
        let earlier = HouseholdBenefits::new(HouseholdId(1), Some(2019), 2026, lines).unwrap();
        let nothing = HouseholdBenefits::new(HouseholdId(1), None, 2026, Vec::new()).unwrap();
        let areas: Vec<_> = benefits.totals.iter().map(|t| (t.area, t.amount_fen)).collect();
        assert_eq!(
            areas,
            vec![(BenefitArea::Industry, Fen::from_yuan(1_000)), (BenefitArea::Ecology, Fen::from_yuan(350))]
        );
        assert_eq!(benefits.total_fen, Fen::from_yuan(1_350));
        assert_eq!((benefits.year, benefits.years.clone()), (2020, vec![2020, 2019]));
        assert_eq!((earlier.lines.len(), earlier.total_fen), (1, Fen::from_yuan(70)));
        assert_eq!((nothing.year, nothing.total_fen), (2026, Fen::ZERO));
    }

    #[test]
    fn a_loan_is_listed_but_not_added_to_any_total() {
        let loan = BenefitLine { lent: true, ..line(BenefitArea::Credit, 2020, 50_000) };
        let subsidy = line(BenefitArea::Credit, 2020, 120);

        let benefits = HouseholdBenefits::new(HouseholdId(1), None, 2026, vec![loan, subsidy]).unwrap();

        assert_eq!(benefits.lines.len(), 2);
        assert_eq!(benefits.total_fen, Fen::from_yuan(120));
        assert_eq!(benefits.totals.len(), 1);
    }
}
