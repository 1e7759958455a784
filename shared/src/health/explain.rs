//! How a claim was computed, in the words a family is told: the cost, each layer, the cap that
//! applied, what the person had already paid this year, and the arithmetic.

use super::{ClaimFigures, ClaimKind, ClaimLayers};
use crate::Fen;

fn yuan(fen: i64) -> String {
    Fen::new(fen).to_yuan_string()
}

/// The claim's computation in Chinese, one sentence a line.
pub fn explain(claim: &ClaimLayers, figures: &ClaimFigures, supplement_rate_bp: i64) -> Vec<String> {
    let mut lines = vec![format!(
        "本次{}医疗总费用 {} 元：基本医保报销 {} 元，大病保险 {} 元，医疗救助 {} 元，补充商业保险 {} 元，合计报销 {} 元，余下 {} 元。",
        claim.kind.zh(),
        yuan(claim.total.fen()),
        yuan(claim.basic.fen()),
        yuan(claim.critical.fen()),
        yuan(claim.assistance.fen()),
        yuan(claim.commercial.fen()),
        yuan(claim.paid()),
        yuan(claim.remaining()),
    )];
    match claim.kind {
        ClaimKind::Inpatient => lines.extend(explain_351(claim, figures)),
        ClaimKind::Chronic => lines.extend(explain_180(claim, figures, supplement_rate_bp)),
        ClaimKind::Outpatient => {}
    }
    lines.push(format!("本次个人自付 {} 元。", yuan(figures.out_of_pocket.fen())));
    lines
}

fn explain_351(claim: &ClaimLayers, figures: &ClaimFigures) -> Vec<String> {
    let cap = figures.cap.unwrap_or(Fen::ZERO).fen();
    let level = figures.cap_level.map_or("", |l| l.zh());
    let before = figures.before.fen();
    let allowed = cap.saturating_sub(before).max(0);
    let mut lines = vec![
        format!("今年您住院就诊的最高级别为{level}，按“351”政策，全年个人自付最多 {} 元。", yuan(cap)),
        format!(
            "今年此前住院已自付 {} 元，本次最多再自付 {} − {} = {} 元。",
            yuan(before),
            yuan(cap),
            yuan(before),
            yuan(allowed)
        ),
    ];
    if figures.fallback > Fen::ZERO {
        lines.push(format!(
            "余下 {} 元超出 {} 元的部分 {} − {} = {} 元由政府兜底（“351”财政兜底）。",
            yuan(claim.remaining()),
            yuan(allowed),
            yuan(claim.remaining()),
            yuan(allowed),
            yuan(figures.fallback.fen())
        ));
    } else {
        lines.push("余下部分未超出封顶线，本次无需政府兜底。".to_owned());
    }
    lines
}

fn explain_180(claim: &ClaimLayers, figures: &ClaimFigures, rate_bp: i64) -> Vec<String> {
    let compliant_left = claim.compliant.fen().saturating_sub(claim.paid()).max(0);
    let cap = figures.cap.unwrap_or(Fen::ZERO).fen();
    let before = figures.before.fen();
    let rate = percent(rate_bp);
    vec![
        format!(
            "合规费用 {} 元，减去报销 {} 元后余 {} 元，按“180”政策补充 {rate}（四舍五入到分）。",
            yuan(claim.compliant.fen()),
            yuan(claim.paid()),
            yuan(compliant_left)
        ),
        format!(
            "每人每年“180”补充最多 {} 元，今年此前已补充 {} 元，本次补充 {} 元。",
            yuan(cap),
            yuan(before),
            yuan(figures.supplementary.fen())
        ),
    ]
}

/// Basis points as a percentage without trailing zeros: 8000 → "80%", 8050 → "80.5%".
fn percent(bp: i64) -> String {
    let fraction = format!("{:02}", bp.rem_euclid(100));
    let fraction = fraction.trim_end_matches('0');
    if fraction.is_empty() { format!("{}%", bp / 100) } else { format!("{}.{fraction}%", bp / 100) }
}
