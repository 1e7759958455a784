//! The annual report's sections as lines of a sheet (指标, 数值, 单位), in the order and
//! words of the report page: each section of [`AnnualReport`] present gives one sheet, each
//! line one figure of it, never a figure computed here.

use jingzhun_shared::Fen;
use jingzhun_shared::industry::Quantity;
use jingzhun_shared::reports::AnnualReport;

use self::sections::{
    credit, ecology, education, employment, funds, housing, industry, infrastructure, medical, oversight, pairing,
    registry, social_security, warnings,
};

mod sections;

/// A figure's value as the sheet writes it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Value {
    /// A count, as an integer.
    Count(u64),
    /// Money in 万元 (rounded to the yuan: the report's four decimals).
    Wan(Fen),
    /// Money in 元 with its fen.
    Yuan(Fen),
    /// Basis points as a percentage.
    Rate(i64),
    /// A quantity with its two decimals (亩, 公里).
    Quantity(Quantity),
}

/// One line: what is counted, the value, and the unit the value is in.
#[derive(Debug, Clone, PartialEq)]
pub struct Line {
    pub label: String,
    pub value: Value,
    pub unit: &'static str,
}

pub(super) fn count(label: impl Into<String>, n: u64, unit: &'static str) -> Line {
    Line { label: label.into(), value: Value::Count(n), unit }
}

pub(super) fn signed(label: impl Into<String>, n: i64, unit: &'static str) -> Line {
    count(label, u64::try_from(n).unwrap_or(0), unit)
}

pub(super) fn wan(label: impl Into<String>, fen: Fen) -> Line {
    Line { label: label.into(), value: Value::Wan(fen), unit: "万元" }
}

pub(super) fn yuan(label: impl Into<String>, fen: Fen) -> Line {
    Line { label: label.into(), value: Value::Yuan(fen), unit: "元" }
}

pub(super) fn rate(label: impl Into<String>, bp: i64) -> Line {
    Line { label: label.into(), value: Value::Rate(bp), unit: "%" }
}

pub(super) fn quantity(label: impl Into<String>, q: Quantity, unit: &'static str) -> Line {
    Line { label: label.into(), value: Value::Quantity(q), unit }
}

/// Each section's field name in [`AnnualReport`] and its sheet's name, in the page's order.
const SECTIONS: [(&str, &str); 14] = [
    ("registry", "建档立卡"),
    ("funds", "资金项目"),
    ("industry", "产业扶贫"),
    ("credit", "金融扶贫"),
    ("medical", "健康扶贫"),
    ("education", "教育扶贫"),
    ("employment", "就业扶贫"),
    ("housing", "安全住房"),
    ("social_security", "社保兜底"),
    ("ecology", "生态扶贫"),
    ("infrastructure", "基础设施"),
    ("pairing", "社会扶贫"),
    ("oversight", "问题整改"),
    ("warnings", "防返贫监测"),
];

/// The Chinese name of a section's field (`left_out` names fields).
pub fn section_name(field: &str) -> &str {
    SECTIONS.iter().find(|(f, _)| *f == field).map_or(field, |(_, name)| name)
}

/// Every section present, as (sheet name, lines), in the report page's order.
pub fn sections(r: &AnnualReport) -> Vec<(&'static str, Vec<Line>)> {
    let all = [
        registry(r),
        funds(r),
        industry(r),
        credit(r),
        medical(r),
        education(r),
        employment(r),
        housing(r),
        social_security(r),
        ecology(r),
        infrastructure(r),
        pairing(r),
        oversight(r),
        warnings(r),
    ];
    SECTIONS.iter().zip(all).filter_map(|((_, name), lines)| lines.map(|l| (*name, l))).collect()
}
