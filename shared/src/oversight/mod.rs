//! Rectification (问题整改): inspections (巡视, 成效考核, 第三方评估, 暗访, 自查 …) find problems;
//! each problem is rectified by measures, submitted, and closed (销号) by the district with
//! evidence, or reopened with a reason; a problem past its deadline and not closed is overdue.
//! Accountability records (约谈, 问责) name who answered for it. The status flow and the
//! overdue rule live here so the server and the pages apply the same ones.

mod api;
mod wire;

pub use api::ROUTES;
pub use wire::*;

use chrono::NaiveDate;

use crate::string_enum::string_enum;

string_enum! {
    /// Who found the problems.
    InspectionSource {
        ProvincialInspection = "provincial_inspection" ("省委巡视", "Provincial inspection"),
        EffectivenessReview = "effectiveness_review" ("成效考核", "Effectiveness review"),
        ThirdPartyAssessment = "third_party_assessment" ("第三方评估", "Third-party assessment"),
        UnannouncedVisit = "unannounced_visit" ("暗访", "Unannounced visit"),
        SelfCheck = "self_check" ("自查", "Self check"),
        Other = "other" ("其他", "Other"),
    }
}

string_enum! {
    /// What a problem is about: one of the ten projects (十大工程), funds, work style or other.
    ProblemCategory {
        Industry = "industry" ("产业扶贫", "Industry"),
        Employment = "employment" ("就业扶贫", "Employment"),
        Ecology = "ecology" ("生态保护", "Ecology"),
        Infrastructure = "infrastructure" ("基础设施", "Infrastructure"),
        Housing = "housing" ("安全住房", "Housing safety"),
        SocialSecurity = "social_security" ("社保兜底", "Social security"),
        Health = "health" ("健康脱贫", "Health"),
        Education = "education" ("教育扶贫", "Education"),
        Credit = "credit" ("金融扶贫", "Microcredit"),
        Pairing = "pairing" ("社会扶贫", "Pairing assistance"),
        Funds = "funds" ("资金管理", "Funds"),
        Workstyle = "workstyle" ("作风建设", "Work style"),
        Other = "other" ("其他", "Other"),
    }
}

string_enum! {
    /// Where a problem stands.
    ProblemStatus {
        Open = "open" ("待整改", "Open"),
        Rectifying = "rectifying" ("整改中", "Rectifying"),
        Submitted = "submitted" ("已提交销号", "Submitted"),
        Closed = "closed" ("已销号", "Closed"),
        Reopened = "reopened" ("重新整改", "Reopened"),
    }
}

string_enum! {
    /// One step of a problem's history.
    ProblemAction {
        Created = "created" ("登记问题", "Created"),
        MeasureAdded = "measure_added" ("制定整改措施", "Measure added"),
        Submitted = "submitted" ("提交销号", "Submitted"),
        Closed = "closed" ("审核销号", "Closed"),
        Reopened = "reopened" ("退回重新整改", "Reopened"),
    }
}

string_enum! {
    /// What an accountability record is.
    AccountabilityKind {
        Talk = "talk" ("约谈", "Admonishing talk"),
        Discipline = "discipline" ("问责", "Disciplinary accountability"),
    }
}

impl ProblemStatus {
    /// The status after `action`, or `None` when the action is not a step from this status
    /// (the server answers 409). A measure moves an open or reopened problem to rectifying and
    /// leaves a rectifying one there; only a rectifying problem is submitted, only a submitted
    /// one closed; a submitted or closed problem can be reopened.
    pub fn after(self, action: ProblemAction) -> Option<ProblemStatus> {
        use ProblemStatus::*;
        match (self, action) {
            (Open | Rectifying | Reopened, ProblemAction::MeasureAdded) => Some(Rectifying),
            (Rectifying, ProblemAction::Submitted) => Some(Submitted),
            (Submitted, ProblemAction::Closed) => Some(Closed),
            (Submitted | Closed, ProblemAction::Reopened) => Some(Reopened),
            _ => None,
        }
    }
}

/// Days a problem is overdue on `today`: its deadline has passed and it is not closed.
pub fn days_overdue(deadline: NaiveDate, status: ProblemStatus, today: NaiveDate) -> Option<i64> {
    let days = (today - deadline).num_days();
    (status != ProblemStatus::Closed && days > 0).then_some(days)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2020, m, d).unwrap()
    }

    #[test]
    fn a_problem_is_closed_only_after_it_was_submitted_and_submitted_only_while_rectifying() {
        assert_eq!(ProblemStatus::Open.after(ProblemAction::Submitted), None);
        assert_eq!(ProblemStatus::Open.after(ProblemAction::MeasureAdded), Some(ProblemStatus::Rectifying));
        assert_eq!(ProblemStatus::Rectifying.after(ProblemAction::Closed), None);
        assert_eq!(ProblemStatus::Submitted.after(ProblemAction::Closed), Some(ProblemStatus::Closed));
        assert_eq!(ProblemStatus::Closed.after(ProblemAction::Reopened), Some(ProblemStatus::Reopened));
        assert_eq!(ProblemStatus::Closed.after(ProblemAction::MeasureAdded), None);
        assert_eq!(ProblemStatus::Reopened.after(ProblemAction::Submitted), None);
    }

    #[test]
    fn a_problem_past_its_deadline_is_overdue_until_it_is_closed() {
        assert_eq!(days_overdue(day(9, 20), ProblemStatus::Rectifying, day(9, 30)), Some(10));
        assert_eq!(days_overdue(day(9, 30), ProblemStatus::Open, day(9, 30)), None);
        assert_eq!(days_overdue(day(9, 20), ProblemStatus::Closed, day(9, 30)), None);
    }
}
