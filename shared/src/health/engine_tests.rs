//! The engine on hand-computed cases, and its three properties over any year of claims.

use chrono::NaiveDate;
use proptest::prelude::*;

use super::*;
use crate::health::explain;

fn day(month: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2020, month, d).unwrap_or_default()
}

/// 351 caps 3,000 / 3,000 / 5,000 / 10,000 / 10,000 元; 180 at 80 % up to 2,000 元 a year.
fn rules() -> HealthRules {
    HealthRules {
        caps: [3_000, 3_000, 5_000, 10_000, 10_000].map(Fen::from_yuan),
        supplement_rate_bp: 8_000,
        supplement_cap: Fen::from_yuan(2_000),
    }
}

fn claim(kind: ClaimKind, level: HospitalLevel, discharged: NaiveDate, total: i64, paid: i64) -> ClaimLayers {
    ClaimLayers {
        kind,
        level,
        admitted_on: discharged,
        discharged_on: discharged,
        total: Fen::new(total),
        compliant: Fen::new(total),
        basic: Fen::new(paid),
        critical: Fen::ZERO,
        assistance: Fen::ZERO,
        commercial: Fen::ZERO,
    }
}

fn figures(settled: &Settled, index: usize) -> ClaimFigures {
    settled.iter().find(|s| s.index == index).map(|s| s.figures).unwrap_or_default()
}

#[test]
fn the_351_pays_what_a_county_stay_leaves_above_3000_yuan() {
    // 20,000 − 15,000 = 5,000 left; cap 3,000 → fallback 2,000.
    let year = [claim(ClaimKind::Inpatient, HospitalLevel::County, day(3, 1), 2_000_000, 1_500_000)];
    let f = figures(&settle_year(&rules(), &year), 0);
    assert_eq!((f.out_of_pocket, f.fallback), (Fen::from_yuan(3_000), Fen::from_yuan(2_000)));
}

#[test]
fn a_level_rise_mid_year_raises_the_cap_for_later_claims_only() {
    // County first: 4,000 left, cap 3,000 → pays 3,000, fallback 1,000.
    // City later: 4,000 left, cap 5,000 − 3,000 paid = 2,000 → pays 2,000, fallback 2,000.
    let year = [
        claim(ClaimKind::Inpatient, HospitalLevel::City, day(6, 1), 1_000_000, 600_000),
        claim(ClaimKind::Inpatient, HospitalLevel::County, day(2, 1), 1_000_000, 600_000),
    ];
    let settled = settle_year(&rules(), &year);
    assert_eq!(figures(&settled, 1).fallback, Fen::from_yuan(1_000));
    assert_eq!(figures(&settled, 0).fallback, Fen::from_yuan(2_000));
    assert_eq!(figures(&settled, 0).before, Fen::from_yuan(3_000));
    assert_eq!(figures(&settled, 0).cap, Some(Fen::from_yuan(5_000)));
}

#[test]
fn the_180_pays_80_percent_rounded_half_up_within_the_yearly_cap() {
    // 1,000.05 元 compliant, 0 paid → 80 % = 800.04 元 exactly; 0.05 × 0.8 = 0.04.
    let one = [claim(ClaimKind::Chronic, HospitalLevel::Township, day(1, 5), 100_005, 0)];
    assert_eq!(figures(&settle_year(&rules(), &one), 0).supplementary, Fen::new(80_004));
    // 0.03 元 left → 0.024 → 0.02; 0.07 → 0.056 → 0.06 (half up).
    let small = [claim(ClaimKind::Chronic, HospitalLevel::Township, day(1, 5), 7, 0)];
    assert_eq!(figures(&settle_year(&rules(), &small), 0).supplementary, Fen::new(6));
    // Two 2,000 元 visits: 1,600 then what the 2,000 cap leaves, 400.
    let two = [
        claim(ClaimKind::Chronic, HospitalLevel::Township, day(1, 5), 200_000, 0),
        claim(ClaimKind::Chronic, HospitalLevel::Township, day(2, 5), 200_000, 0),
    ];
    let settled = settle_year(&rules(), &two);
    assert_eq!(figures(&settled, 1).supplementary, Fen::from_yuan(400));
    assert_eq!(figures(&settled, 1).out_of_pocket, Fen::from_yuan(1_600));
}

#[test]
fn layers_above_the_cost_and_a_compliant_cost_above_the_total_are_refused() {
    let mut c = claim(ClaimKind::Inpatient, HospitalLevel::County, day(3, 1), 1_000, 1_001);
    c.compliant = Fen::new(1_001);
    let fields: Vec<&str> = c.problems().into_iter().map(|(f, _)| f).collect();
    assert_eq!(fields, ["compliant_cost_fen", "basic_insurance_fen"]);
}

#[test]
fn the_explanation_names_the_cap_the_earlier_out_of_pocket_and_the_fallback() {
    let year = [
        claim(ClaimKind::Inpatient, HospitalLevel::County, day(2, 1), 1_000_000, 600_000),
        claim(ClaimKind::Inpatient, HospitalLevel::City, day(6, 1), 1_000_000, 600_000),
    ];
    let f = figures(&settle_year(&rules(), &year), 1);
    let text = explain(&year[1], &f, 8_000).join("");
    assert!(text.contains("全年个人自付最多 5000.00 元"), "{text}");
    assert!(text.contains("此前住院已自付 3000.00 元"), "{text}");
    assert!(text.contains("= 2000.00 元由政府兜底"), "{text}");
}

fn level() -> impl Strategy<Value = HospitalLevel> {
    prop::sample::select(HospitalLevel::ALL.to_vec())
}

fn kind() -> impl Strategy<Value = ClaimKind> {
    prop::sample::select(ClaimKind::ALL.to_vec())
}

prop_compose! {
    fn any_claim()(kind in kind(), level in level(), day in 1u32..366, total in 0i64..5_000_000,
                   paid_share in 0i64..=100, compliant_share in 0i64..=100) -> ClaimLayers {
        let discharged = NaiveDate::from_yo_opt(2020, day).unwrap_or_default();
        let paid = total * paid_share / 100;
        ClaimLayers {
            kind, level, admitted_on: discharged, discharged_on: discharged,
            total: Fen::new(total), compliant: Fen::new(total * compliant_share / 100),
            basic: Fen::new(paid / 2), critical: Fen::new(paid / 4), assistance: Fen::new(paid / 8),
            commercial: Fen::new(paid - paid / 2 - paid / 4 - paid / 8),
        }
    }
}

fn year_totals(claims: &[ClaimLayers], settled: &Settled) -> (i64, i64, i64) {
    let mut sums = (0, 0, 0);
    for s in settled {
        sums.0 += s.figures.fallback.fen();
        sums.1 += s.figures.supplementary.fen();
        sums.2 += s.figures.out_of_pocket.fen();
    }
    assert_eq!(settled.len(), claims.len());
    sums
}

proptest! {
    #[test]
    fn every_claim_s_layers_sum_to_its_cost(claims in prop::collection::vec(any_claim(), 0..12)) {
        for s in settle_year(&rules(), &claims) {
            let c = &claims[s.index];
            let f = s.figures;
            prop_assert!(f.fallback >= Fen::ZERO && f.supplementary >= Fen::ZERO && f.out_of_pocket >= Fen::ZERO);
            prop_assert_eq!(c.paid() + f.fallback.fen() + f.supplementary.fen() + f.out_of_pocket.fen(), c.total.fen());
        }
    }

    #[test]
    fn the_year_s_inpatient_out_of_pocket_never_exceeds_the_cap_of_the_highest_level_used(
        claims in prop::collection::vec(any_claim(), 0..12)
    ) {
        let settled = settle_year(&rules(), &claims);
        let inpatient: Vec<&SettledClaim> = settled.iter().filter(|s| claims[s.index].kind == ClaimKind::Inpatient).collect();
        if let Some(highest) = inpatient.iter().map(|s| claims[s.index].level.rank()).max() {
            let paid: i64 = inpatient.iter().map(|s| s.figures.out_of_pocket.fen()).sum();
            prop_assert!(paid <= rules().caps[highest].fen());
        }
        let supplemented: i64 = settled.iter().map(|s| s.figures.supplementary.fen()).sum();
        prop_assert!(supplemented <= rules().supplement_cap.fen());
    }

    #[test]
    fn the_order_of_entry_does_not_change_the_year_s_figures(
        claims in prop::collection::vec(any_claim(), 0..12), seed in any::<u64>()
    ) {
        let mut shuffled = claims.clone();
        // A deterministic shuffle from the seed (Fisher–Yates over a simple LCG).
        let mut state = seed;
        for i in (1..shuffled.len()).rev() {
            state = state.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
            shuffled.swap(i, (state >> 33) as usize % (i + 1));
        }
        let a = settle_year(&rules(), &claims);
        let b = settle_year(&rules(), &shuffled);
        prop_assert_eq!(year_totals(&claims, &a), year_totals(&shuffled, &b));
    }
}
