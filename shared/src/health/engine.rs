//! The "351" and "180" engine: pure, the same in the server, the import and the claim form.
//!
//! A person's claims of one year are settled in discharge order ([`settlement_order`]); each
//! sees only the claims settled before it:
//! - **351** (inpatient): what the person still pays after the four layers counts towards a
//!   yearly cap chosen by the highest hospital level among this and the earlier inpatient
//!   claims; whatever would take the year's out-of-pocket above it is `fallback`.
//! - **180** (chronic outpatient): `rate` (80 %) of what remains of the compliant cost after the
//!   four layers, within what the person's yearly supplement cap still leaves.
//!
//! Rounding happens once, in the 180: half up at the fen. Every layer is a whole number of fen
//! and `total = basic + critical + assistance + commercial + fallback + supplementary +
//! out_of_pocket` holds for every claim.

use chrono::NaiveDate;

use super::{ClaimKind, HospitalLevel};
use crate::Fen;

/// The year's settings the two rules read (caps per hospital level, rate and cap of the 180).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct HealthRules {
    /// Yearly out-of-pocket cap per level, indexed by [`HospitalLevel::rank`]; never lower at a
    /// higher level (the settings refuse that).
    pub caps: [Fen; 5],
    /// Share of the remaining compliant cost the 180 pays, in basis points (8000 = 80 %).
    pub supplement_rate_bp: i64,
    /// At most this much 180 supplement per person and year.
    pub supplement_cap: Fen,
}

impl HealthRules {
    /// The cap of a hospital level.
    pub fn cap(&self, level: HospitalLevel) -> Fen {
        self.caps.get(level.rank()).copied().unwrap_or(Fen::ZERO)
    }
}

/// A claim as entered from the settlement sheet: what the engine reads.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClaimLayers {
    pub kind: ClaimKind,
    pub level: HospitalLevel,
    pub admitted_on: NaiveDate,
    pub discharged_on: NaiveDate,
    pub total: Fen,
    /// 合规费用; the total when the sheet has none.
    pub compliant: Fen,
    pub basic: Fen,
    pub critical: Fen,
    pub assistance: Fen,
    pub commercial: Fen,
}

impl ClaimLayers {
    /// The four layers paid before the engine's own, in fen.
    pub fn paid(&self) -> i64 {
        self.basic
            .fen()
            .saturating_add(self.critical.fen())
            .saturating_add(self.assistance.fen())
            .saturating_add(self.commercial.fen())
    }

    /// What the layers leave of the total (never below nothing).
    pub fn remaining(&self) -> i64 {
        self.total.fen().saturating_sub(self.paid()).max(0)
    }

    /// Every problem of the entered figures, by field: amounts below zero, the compliant cost
    /// above the total, layers summing above the total, discharge before admission.
    pub fn problems(&self) -> Vec<(&'static str, String)> {
        let mut problems = Vec::new();
        let amounts = [
            ("total_cost_fen", self.total),
            ("compliant_cost_fen", self.compliant),
            ("basic_insurance_fen", self.basic),
            ("critical_illness_fen", self.critical),
            ("medical_assistance_fen", self.assistance),
            ("commercial_fen", self.commercial),
        ];
        for (field, amount) in amounts {
            if amount < Fen::ZERO {
                problems.push((field, "金额不能为负数".to_owned()));
            } else if amount > Fen::MAX_RECORD {
                problems.push((field, "金额过大：单笔不能超过 1 亿元".to_owned()));
            }
        }
        if self.compliant > self.total {
            problems.push(("compliant_cost_fen", "合规费用不能超过医疗总费用".to_owned()));
        }
        if self.paid() > self.total.fen() {
            let message = format!(
                "各项报销合计 {} 元，超过医疗总费用 {} 元",
                Fen::new(self.paid()).to_yuan_string(),
                self.total.to_yuan_string()
            );
            problems.push(("basic_insurance_fen", message));
        }
        if self.discharged_on < self.admitted_on {
            problems.push(("discharged_on", "出院（结算）日期不能早于入院（就诊）日期".to_owned()));
        }
        problems
    }
}

/// What the engine computed for one claim, and what it read to compute it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct ClaimFigures {
    pub fallback: Fen,
    pub supplementary: Fen,
    pub out_of_pocket: Fen,
    /// The cap that applied: the 351 cap (inpatient) or the 180 yearly cap (chronic).
    pub cap: Option<Fen>,
    /// The level whose cap applied (inpatient).
    pub cap_level: Option<HospitalLevel>,
    /// The person's year-to-date inpatient out-of-pocket (inpatient) or 180 supplement
    /// (chronic) before this claim.
    pub before: Fen,
}

/// One claim of a settled year: its position in the input and its figures.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SettledClaim {
    pub index: usize,
    pub figures: ClaimFigures,
}

/// A settled year: the claims in settlement order.
pub type Settled = Vec<SettledClaim>;

/// The order claims are settled in: by discharge, then admission, then by the claim's own
/// figures, so that the year's result never depends on the order they were entered in (two
/// claims equal in every key are interchangeable). Answers indexes into `claims`.
pub fn settlement_order(claims: &[ClaimLayers]) -> Vec<usize> {
    let mut order: Vec<usize> = (0..claims.len()).collect();
    order.sort_by_key(|i| {
        claims.get(*i).map(|c| {
            let figures = (c.total, c.compliant, c.basic, c.critical, c.assistance, c.commercial);
            (c.discharged_on, c.admitted_on, c.kind.as_str(), c.level.rank(), figures)
        })
    });
    order
}

/// Settles one person's claims of one year, in [`settlement_order`].
pub fn settle_year(rules: &HealthRules, claims: &[ClaimLayers]) -> Settled {
    let mut highest: Option<HospitalLevel> = None;
    let mut paid_so_far: i64 = 0;
    let mut supplemented: i64 = 0;
    let mut settled = Vec::with_capacity(claims.len());
    for index in settlement_order(claims) {
        let Some(claim) = claims.get(index) else { continue };
        let figures = match claim.kind {
            ClaimKind::Inpatient => {
                let level =
                    highest.map_or(claim.level, |h| if h.rank() > claim.level.rank() { h } else { claim.level });
                highest = Some(level);
                let figures = inpatient(claim, rules.cap(level), level, paid_so_far);
                paid_so_far = paid_so_far.saturating_add(figures.out_of_pocket.fen());
                figures
            }
            ClaimKind::Chronic => {
                let figures = chronic(claim, rules, supplemented);
                supplemented = supplemented.saturating_add(figures.supplementary.fen());
                figures
            }
            ClaimKind::Outpatient => {
                ClaimFigures { out_of_pocket: Fen::new(claim.remaining()), ..ClaimFigures::default() }
            }
        };
        settled.push(SettledClaim { index, figures });
    }
    settled
}

/// The 351: out-of-pocket up to what the cap leaves after the year's earlier out-of-pocket,
/// the rest is fallback.
fn inpatient(claim: &ClaimLayers, cap: Fen, level: HospitalLevel, before: i64) -> ClaimFigures {
    let remaining = claim.remaining();
    let allowed = cap.fen().saturating_sub(before).max(0);
    let out_of_pocket = remaining.min(allowed);
    ClaimFigures {
        fallback: Fen::new(remaining - out_of_pocket),
        supplementary: Fen::ZERO,
        out_of_pocket: Fen::new(out_of_pocket),
        cap: Some(cap),
        cap_level: Some(level),
        before: Fen::new(before),
    }
}

/// The 180: rate × what remains of the compliant cost (half up at the fen), within what the
/// yearly cap leaves.
fn chronic(claim: &ClaimLayers, rules: &HealthRules, before: i64) -> ClaimFigures {
    let compliant_left = claim.compliant.fen().saturating_sub(claim.paid()).max(0);
    let share = i128::from(compliant_left) * i128::from(rules.supplement_rate_bp.clamp(0, 10_000));
    let share = i64::try_from((share + 5_000) / 10_000).unwrap_or(i64::MAX);
    let left = rules.supplement_cap.fen().saturating_sub(before).max(0);
    let supplementary = share.min(left).min(claim.remaining());
    ClaimFigures {
        fallback: Fen::ZERO,
        supplementary: Fen::new(supplementary),
        out_of_pocket: Fen::new(claim.remaining() - supplementary),
        cap: Some(rules.supplement_cap),
        cap_level: None,
        before: Fen::new(before),
    }
}

#[cfg(test)]
#[path = "engine_tests.rs"]
mod tests;
