//! Return-to-poverty early warning (防返贫监测预警): rules over the system's own records (health
//! claims, income, members, microcredit, disaster reports, housing checks, student aid), each
//! tuned by a per-year setting, raise a dated warning for a household, a rule and a year —
//! never twice for the same three. A warning is checked on a visit and either cleared with a
//! reason or put under monitoring; one left unchecked past [`ESCALATION_DAYS`] escalates to the
//! township. The rule set, the settings' defaults, the escalation rule and the sentence that
//! tells a warning's figures live here so the server and the pages apply the same ones.

mod api;
mod wire;

pub use api::ROUTES;
pub use wire::*;

use chrono::NaiveDate;

use crate::Fen;
use crate::string_enum::string_enum;

string_enum! {
    /// What raised a warning.
    WarningRule {
        /// The household's out-of-pocket medical cost of the year (from its health claims) over
        /// the year's amount, or over its share of the household's net income.
        MedicalCost = "medical_cost" ("大额医疗支出", "Large medical cost"),
        /// An exited household's per-capita net income of the year below the year's line.
        IncomeBelowLine = "income_below_line" ("人均纯收入低于贫困线", "Income below the line"),
        /// Per-capita net income fallen from the year before by more than the year's share.
        IncomeFall = "income_fall" ("人均纯收入大幅下降", "Income fallen"),
        /// A full labourer left the household in the year, or a working-age member lost the
        /// capacity to work through illness or disability with no full labourer left.
        LabourLoss = "labour_loss" ("主要劳动力丧失", "Main labourer lost"),
        /// A microcredit loan overdue on the year's last day (or today, while the year runs).
        OverdueLoan = "overdue_loan" ("小额信贷逾期", "Overdue microcredit"),
        /// A disaster reported by the clerk in the year.
        Disaster = "disaster" ("遭受灾害", "Disaster"),
        /// The latest housing check graded C or D, with no renovation completed since.
        UnsafeHouse = "unsafe_house" ("住房C/D级危房", "Unsafe house"),
        /// A member of compulsory-school age without a school record of the year.
        OutOfSchool = "out_of_school" ("适龄儿童无学籍记录", "Child out of school"),
    }
}

string_enum! {
    /// Where a warning stands.
    WarningStatus {
        Open = "open" ("待核查", "Open"),
        /// Checked on a visit and found no risk, with the reason.
        Cleared = "cleared" ("已核查排除", "Cleared"),
        /// Checked on a visit and the household put under monitoring, with the plan.
        Monitored = "monitored" ("已纳入监测", "Monitored"),
    }
}

string_enum! {
    /// What a check found.
    CheckOutcome {
        Clear = "clear" ("排除风险", "Clear"),
        Monitor = "monitor" ("纳入监测", "Monitor"),
    }
}

impl CheckOutcome {
    /// The status a warning takes on this outcome.
    pub fn status(self) -> WarningStatus {
        match self {
            CheckOutcome::Clear => WarningStatus::Cleared,
            CheckOutcome::Monitor => WarningStatus::Monitored,
        }
    }
}

/// Days an open warning may wait for its check; older ones escalate to the township.
pub const ESCALATION_DAYS: i64 = 15;

/// Whether a warning raised on `raised_on` and still `status` has escalated on `today`:
/// unchecked and older than [`ESCALATION_DAYS`].
pub fn escalated(raised_on: NaiveDate, status: WarningStatus, today: NaiveDate) -> bool {
    status == WarningStatus::Open && (today - raised_on).num_days() > ESCALATION_DAYS
}

/// The defaults of a year without settings, as the issue gives them: 5,000 元 of medical cost
/// or half the household's net income, a fall of 30 %, every rule on.
pub fn default_settings(year: i32) -> WarningSettings {
    WarningSettings {
        year,
        medical_cost_fen: Fen::from_yuan(5_000),
        medical_income_share_bp: 5_000,
        income_fall_bp: 3_000,
        disabled_rules: Vec::new(),
        version: 0,
    }
}

/// The sentence that tells what a warning's figures are, for lists and cards.
pub fn describe(rule: WarningRule, figures: &WarningFigures) -> String {
    let yuan = |f: Option<Fen>| f.map_or_else(|| "—".to_owned(), |f| format!("{} 元", f.to_yuan_string()));
    let detail = figures.detail.as_deref().unwrap_or_default();
    match rule {
        WarningRule::MedicalCost => match figures.reference_fen {
            Some(_) => format!("全年医疗自付 {}，家庭纯收入 {}", yuan(figures.amount_fen), yuan(figures.reference_fen)),
            None => format!("全年医疗自付 {}，无当年收入记录", yuan(figures.amount_fen)),
        },
        WarningRule::IncomeBelowLine => {
            format!("人均纯收入 {}，低于贫困线 {}", yuan(figures.amount_fen), yuan(figures.reference_fen))
        }
        WarningRule::IncomeFall => {
            format!("人均纯收入 {}，上年 {}", yuan(figures.amount_fen), yuan(figures.reference_fen))
        }
        WarningRule::LabourLoss => {
            let leave = crate::registry::LeaveReason::ALL.iter().find(|r| r.as_str() == detail);
            match (leave, figures.event_on) {
                (Some(reason), Some(on)) => format!("劳动力 {on} 减员（{}）", reason.zh()),
                _ => "劳动年龄成员丧失劳动能力，家中无普通劳动力".to_owned(),
            }
        }
        WarningRule::OverdueLoan => match figures.event_on {
            Some(due) => format!("贷款余额 {}，{due} 到期未还", yuan(figures.amount_fen)),
            None => format!("贷款余额 {} 逾期", yuan(figures.amount_fen)),
        },
        WarningRule::Disaster => format!("报灾损失 {}：{detail}", yuan(figures.amount_fen)),
        WarningRule::UnsafeHouse => {
            let grade = crate::housing::HousingGrade::ALL.iter().find(|g| g.as_str() == detail);
            let on = figures.event_on.map(|d| d.to_string()).unwrap_or_default();
            format!("{on} 鉴定为{}", grade.map_or("危房", |g| g.zh()))
        }
        WarningRule::OutOfSchool => format!("{} 名适龄儿童无当年学籍记录", figures.count.unwrap_or(1)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2020, m, d).unwrap()
    }

    #[test]
    fn an_open_warning_escalates_only_after_fifteen_days() {
        assert!(!escalated(day(9, 1), WarningStatus::Open, day(9, 16)));
        assert!(escalated(day(9, 1), WarningStatus::Open, day(9, 17)));
        assert!(!escalated(day(9, 1), WarningStatus::Cleared, day(9, 30)));
    }

    #[test]
    fn a_warning_is_told_with_its_figures() {
        let figures = WarningFigures {
            amount_fen: Some(Fen::from_yuan(6_000)),
            reference_fen: Some(Fen::from_yuan(8_000)),
            ..WarningFigures::default()
        };
        assert_eq!(describe(WarningRule::MedicalCost, &figures), "全年医疗自付 6000.00 元，家庭纯收入 8000.00 元");
        let grade = WarningFigures { detail: Some("d".to_owned()), event_on: Some(day(5, 6)), ..Default::default() };
        assert_eq!(describe(WarningRule::UnsafeHouse, &grade), "2020-05-06 鉴定为D级（整体危房）");
    }
}
