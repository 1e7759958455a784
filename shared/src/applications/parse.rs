//! The rules of a step's records, the same in the form and on the server: a comparison names
//! what it compared and what it found, a notice stood [`NOTICE_DAYS`] days inside its stage, an
//! exit's verification and acknowledgement happened between the application and the step, and
//! every 两不愁三保障 item is met with its evidence.

use chrono::NaiveDate;

use super::{ChecklistItem, Comparison, ExitChecklist, ExitVerification, NoticePeriod};
use crate::NOTICE_DAYS;
use crate::dates::add_days;
use crate::error::Validator;
use crate::text::{NOTE_MAX, required};

impl Comparison {
    /// The comparison trimmed and with each source once, recording on `v` what is missing.
    pub fn parse(&self, v: &mut Validator) -> Comparison {
        let mut sources = self.sources.clone();
        sources.sort_by_key(|s| s.as_str());
        sources.dedup();
        if sources.is_empty() {
            v.add("comparison.sources", "请选择比对的数据来源");
        }
        let finding = required(v, "comparison.finding", &self.finding, NOTE_MAX, "比对结果");
        Comparison { sources, passed: self.passed, finding }
    }
}

impl NoticePeriod {
    /// Records on `v` why the notice does not count: it started before its stage was entered
    /// (`since`), stood fewer than [`NOTICE_DAYS`] days, or ended after the step that closes it
    /// (`on`, itself never after today).
    pub fn check(&self, v: &mut Validator, since: NaiveDate, on: NaiveDate) {
        if self.start_on < since {
            v.add("notice.start_on", format!("公示开始日期不能早于进入公示环节的日期 {since}"));
        }
        let earliest_end = add_days(self.start_on, NOTICE_DAYS.unsigned_abs()).unwrap_or(NaiveDate::MAX);
        if self.end_on < earliest_end {
            v.add("notice.end_on", format!("公示须满 {NOTICE_DAYS} 天，结束日期不能早于 {earliest_end}"));
        } else if self.end_on > on {
            v.add("notice.end_on", format!("公示结束日期不能晚于本环节办理日期 {on}"));
        }
    }
}

impl ExitVerification {
    /// The verification trimmed, recording on `v` dates outside [applied, on] and missing text.
    pub fn parse(&self, v: &mut Validator, applied: NaiveDate, on: NaiveDate) -> ExitVerification {
        for (field, date, what) in [
            ("verification.verified_on", self.verified_on, "核实日期"),
            ("verification.acknowledged_on", self.acknowledged_on, "签字认可日期"),
        ] {
            if date < applied {
                v.add(field, format!("{what}不能早于申请日期 {applied}"));
            } else if date > on {
                v.add(field, format!("{what}不能晚于本环节办理日期 {on}"));
            }
        }
        ExitVerification {
            verified_on: self.verified_on,
            verified_by: required(v, "verification.verified_by", &self.verified_by, NOTE_MAX, "核实人员"),
            finding: required(v, "verification.finding", &self.finding, NOTE_MAX, "核实情况"),
            acknowledged_on: self.acknowledged_on,
        }
    }
}

impl ExitChecklist {
    /// The checklist trimmed, recording on `v` each item not met or without its evidence.
    pub fn parse(&self, v: &mut Validator) -> ExitChecklist {
        let mut parsed = ExitChecklist::default();
        for (name, label, item) in self.items() {
            let field = format!("checklist.{name}");
            if !item.met {
                v.add(&field, format!("“{label}”未达标，不能退出"));
            }
            let evidence = required(v, &field, &item.evidence, NOTE_MAX, &format!("“{label}”的佐证"));
            if let Some(slot) = parsed.item_mut(name) {
                *slot = ChecklistItem { met: item.met, evidence };
            }
        }
        parsed
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ComparisonSource;

    fn day(d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2020, 11, d).unwrap_or(NaiveDate::MIN)
    }

    #[test]
    fn a_notice_stands_seven_days_inside_its_stage() {
        let mut v = Validator::new();
        NoticePeriod { start_on: day(3), end_on: day(10) }.check(&mut v, day(3), day(10));
        assert!(v.finish().is_ok());
        let mut v = Validator::new();
        NoticePeriod { start_on: day(2), end_on: day(9) }.check(&mut v, day(3), day(12));
        NoticePeriod { start_on: day(3), end_on: day(9) }.check(&mut v, day(3), day(12));
        NoticePeriod { start_on: day(3), end_on: day(13) }.check(&mut v, day(3), day(12));
        let errors = v.finish().expect_err("three problems");
        assert_eq!(errors.get("notice.start_on").map(Vec::len), Some(1));
        assert_eq!(errors.get("notice.end_on").map(Vec::len), Some(2));
    }

    #[test]
    fn a_comparison_names_its_sources_once_and_its_finding() {
        let mut v = Validator::new();
        let input = Comparison {
            sources: vec![ComparisonSource::Vehicles, ComparisonSource::Vehicles, ComparisonSource::Property],
            passed: true,
            finding: "  无异常 ".to_owned(),
        };
        let parsed = input.parse(&mut v);
        assert!(v.finish().is_ok());
        assert_eq!(parsed.sources.len(), 2);
        assert_eq!(parsed.finding, "无异常");
        let mut v = Validator::new();
        Comparison::default().parse(&mut v);
        let errors = v.finish().expect_err("empty");
        assert!(errors.contains_key("comparison.sources") && errors.contains_key("comparison.finding"));
    }

    #[test]
    fn every_checklist_item_needs_to_be_met_with_evidence() {
        let met = |e: &str| ChecklistItem { met: true, evidence: e.to_owned() };
        let mut all = ExitChecklist {
            food: met("粮食自给"),
            clothing: met("四季衣被齐全"),
            compulsory_education: met("无义务教育阶段子女"),
            basic_medical: met("参加医保"),
            safe_housing: met("住房鉴定为A级"),
            safe_drinking_water: met("集中供水入户"),
        };
        let mut v = Validator::new();
        all.parse(&mut v);
        assert!(v.finish().is_ok());
        all.safe_housing.met = false;
        all.food.evidence = " ".to_owned();
        let mut v = Validator::new();
        all.parse(&mut v);
        let errors = v.finish().expect_err("two items");
        assert!(errors.contains_key("checklist.safe_housing") && errors.contains_key("checklist.food"));
        assert_eq!(errors.len(), 2);
    }

    #[test]
    fn a_verification_lies_between_the_application_and_the_step() {
        let input = ExitVerification {
            verified_on: day(1),
            verified_by: "村两委、驻村工作队".to_owned(),
            finding: "收入稳定".to_owned(),
            acknowledged_on: day(9),
        };
        let mut v = Validator::new();
        input.parse(&mut v, day(2), day(8));
        let errors = v.finish().expect_err("both dates outside");
        assert!(errors.contains_key("verification.verified_on"));
        assert!(errors.contains_key("verification.acknowledged_on"));
    }
}
