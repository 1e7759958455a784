//! The household's microcredit (小额信贷), as lines of its benefits (享受政策): each loan in
//! the year it was issued — lent, so listed but never added to a total — and each interest
//! subsidy (贴息) line of a batch that has been paid, in the batch's year.

use chrono::Datelike;
use jingzhun_shared::Fen;
use jingzhun_shared::benefits::{BenefitArea, BenefitLine, BenefitSource};
use jingzhun_shared::credit::SubsidyBatchStatus;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder};

use crate::entities::{interest_subsidy_batch, interest_subsidy_line, loan};
use crate::error::AppResult;
use crate::services::by_ids;

/// The household's loans and the paid interest subsidies on them.
pub async fn benefit_lines(db: &impl ConnectionTrait, household_id: i64) -> AppResult<Vec<BenefitLine>> {
    let loans = loan::Entity::find()
        .filter(loan::Column::HouseholdId.eq(household_id))
        .order_by_asc(loan::Column::IssuedOn)
        .all(db)
        .await?;
    let subsidies = interest_subsidy_line::Entity::find()
        .filter(interest_subsidy_line::Column::LoanId.is_in(loans.iter().map(|l| l.id)))
        .order_by_asc(interest_subsidy_line::Column::Id)
        .all(db)
        .await?;
    let batches =
        by_ids::<interest_subsidy_batch::Entity>(db, subsidies.iter().map(|s| s.batch_id).collect(), |b| b.id).await?;
    let mut lines: Vec<BenefitLine> = loans
        .iter()
        .map(|l| BenefitLine {
            area: BenefitArea::Credit,
            year: l.issued_on.year(),
            title: "扶贫小额贷款".to_owned(),
            detail: format!("{} · 合同 {} · {} 个月", l.bank, l.contract_no, l.term_months),
            on: Some(l.issued_on),
            amount_fen: Fen::new(l.amount_fen),
            source: BenefitSource::Loan,
            source_id: Some(l.id),
            lent: true,
        })
        .collect();
    for s in subsidies {
        let Some(batch) = batches.get(&s.batch_id).filter(|b| b.status == SubsidyBatchStatus::Paid) else {
            continue;
        };
        let contract = loans.iter().find(|l| l.id == s.loan_id).map(|l| l.contract_no.as_str()).unwrap_or_default();
        lines.push(BenefitLine {
            area: BenefitArea::Credit,
            year: batch.year,
            title: "小额信贷贴息".to_owned(),
            detail: format!("{}年第{}季度 · 合同 {} · {} 天", batch.year, batch.quarter, contract, s.days),
            on: batch.paid_on,
            amount_fen: Fen::new(s.subsidy_fen),
            source: BenefitSource::InterestSubsidy,
            source_id: Some(batch.id),
            lent: false,
        });
    }
    Ok(lines)
}
