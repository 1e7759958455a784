//! The demo year's microcredit, generated as records so that what the system computes from
//! them as of the end of September matches the seed report: 393 new loans of 1,645 万元 (369
//! 户贷企用, 24 户贷户用) against the province's plan of 1,010 万元; 54 earlier loans still owed,
//! so that 447 of the 2,235 households on file ever borrowed and 1,857.6 万元 is outstanding;
//! a risk compensation fund of 312 万元 at three banks; the first two quarters' interest subsidy
//! computed, approved and paid. A few earlier loans are overdue, one is extended, and two
//! enterprises are late with their yearly return.

use chrono::{Days, NaiveDate, Utc};
use jingzhun_shared::credit::{LoanMode, RiskFundKind, SubsidyBatchStatus, due_on, quarter_bounds};
use jingzhun_shared::{HouseholdStatus, Relation};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, PaginatorTrait,
    QueryFilter, QueryOrder, TransactionTrait,
};

use crate::demo::DEMO_YEAR;
use crate::entities::{
    credit_plan, household, interest_subsidy_batch, loan, loan_extension, loan_repayment, loan_return, member,
    risk_fund_entry,
};
use crate::error::{AppError, AppResult};
use crate::services::bulk;
use crate::services::credit::batches::compute_lines;

/// 万元 in fen.
const WAN: i64 = 1_000_000;
const BORROWERS: usize = 447;
/// Every eighth of the first 432 borrowers had a loan before the demo year: 54 of them.
const EARLIER_EVERY: usize = 8;
const EARLIER: usize = 54;
/// The 5 万元 loans among the 393 new ones; the others lend 3 万元: 233 × 5 + 160 × 3 = 1,645.
const NEW_FULL: usize = 233;
const BANKS: [&str; 3] = ["农商银行", "邮储银行", "农业银行"];
const ENTERPRISES: [(&str, &str); 4] = [
    ("xx区绿源茶业有限公司", "91340000MA2N0A1B2C"),
    ("xx区山泉生态农业开发有限公司", "91340000MA2N0D3E4F"),
    ("xx区天柱竹木制品有限公司", "91340000MA2N0G5H6J"),
    ("xx区皖南特色养殖专业合作社", "93340000MA2N0K7L8M"),
];
const RATE_BP: i64 = 435;
const YEARLY_RETURN: i64 = 3_000 * 100;

fn day(year: i32, month: u32, d: u32) -> AppResult<NaiveDate> {
    NaiveDate::from_ymd_opt(year, month, d).ok_or_else(|| AppError::Internal("demo date".to_owned()))
}

/// Loads the demo microcredit when no loan exists yet; `false` when one did.
pub async fn load(db: &DatabaseConnection) -> AppResult<bool> {
    // The system's own loader: one transaction, and no audit event (nobody did it).
    let txn = db.begin().await?;
    if loan::Entity::find().count(&txn).await? > 0 {
        return Ok(false);
    }
    let borrowers = borrowers(&txn).await?;
    if borrowers.len() < BORROWERS {
        return Err(AppError::Internal("the demo microcredit needs the demo registry".to_owned()));
    }
    let mut repayments = Vec::new();
    let mut rows = Vec::new();
    let mut new_seq = 0usize;
    for (i, (h, m)) in borrowers.iter().enumerate() {
        let (row, paid) = if i.is_multiple_of(EARLIER_EVERY) && i < EARLIER * EARLIER_EVERY {
            earlier(i, h, m)?
        } else {
            new_loan(&mut new_seq, i, h, m)?
        };
        rows.push(row);
        repayments.push(paid);
    }
    let ids = bulk::insert_returning_ids(&txn, rows).await?;
    records(&txn, &ids, &repayments).await?;
    fund(&txn).await?;
    crate::services::credit::tally::rebuild(&txn).await?;
    txn.commit().await?;
    Ok(true)
}

/// 447 households on file, spread over the district, each with an adult member (the head when
/// there is one) to borrow.
async fn borrowers(db: &impl ConnectionTrait) -> AppResult<Vec<(household::Model, member::Model)>> {
    let households = household::Entity::find()
        .filter(household::Column::Status.is_in([HouseholdStatus::Registered, HouseholdStatus::Exited]))
        .order_by_asc(household::Column::Id)
        .all(db)
        .await?;
    let adult_by = day(2000, 1, 1)?;
    let members = member::Entity::find()
        .filter(member::Column::BirthDate.lte(adult_by))
        .filter(member::Column::LeftOn.is_null())
        .order_by_asc(member::Column::Id)
        .all(db)
        .await?;
    let mut adult: std::collections::HashMap<i64, member::Model> = std::collections::HashMap::new();
    for m in members {
        let better = adult
            .get(&m.household_id)
            .is_none_or(|kept| kept.relation != Relation::Head && m.relation == Relation::Head);
        if better {
            adult.insert(m.household_id, m);
        }
    }
    let candidates: Vec<_> = households.into_iter().filter_map(|h| adult.remove(&h.id).map(|m| (h, m))).collect();
    let n = candidates.len();
    Ok((0..BORROWERS.min(n)).filter_map(|i| candidates.get(i * n / BORROWERS).cloned()).collect())
}

fn row(
    h: &household::Model,
    m: &member::Model,
    seq: usize,
    amount: i64,
    issued: NaiveDate,
    term: u32,
    mode: LoanMode,
) -> AppResult<loan::ActiveModel> {
    let due = due_on(issued, term).ok_or_else(|| AppError::Internal("demo due date".to_owned()))?;
    let enterprise = (mode == LoanMode::EnterpriseUse).then(|| ENTERPRISES[seq % ENTERPRISES.len()]);
    Ok(loan::ActiveModel {
        household_id: Set(h.id),
        village_id: Set(h.village_id),
        township_id: Set(h.township_id),
        org_path: Set(h.org_path.clone()),
        borrower_member_id: Set(m.id),
        bank: Set(BANKS[[0, 0, 0, 0, 0, 0, 1, 1, 1, 2][seq % 10]].to_owned()),
        contract_no: Set(format!("FPXD{}{:05}", issued.format("%Y"), seq + 1)),
        amount_fen: Set(amount),
        issued_on: Set(issued),
        term_months: Set(i32::try_from(term).unwrap_or(36)),
        annual_rate_bp: Set(RATE_BP),
        mode: Set(mode),
        enterprise_name: Set(enterprise.map(|e| e.0.to_owned())),
        enterprise_credit_code: Set(enterprise.map(|e| e.1.to_owned())),
        yearly_return_fen: Set(enterprise.map(|_| YEARLY_RETURN)),
        original_due_on: Set(due),
        due_on: Set(due),
        extended: Set(false),
        balance_fen: Set(amount),
        repaid_on: Set(None),
        version: Set(1),
        created_at: Set(Utc::now()),
        ..Default::default()
    })
}

/// One of the 54 loans of earlier years: 5 万元; 41 of them repaid 1.4 万元 in the demo year's
/// spring (57.4 万元 in all, leaving 212.6 万元 owed). The first three were 12-month loans for the
/// household's own use, now overdue; the fourth was extended.
fn earlier(
    i: usize,
    h: &household::Model,
    m: &member::Model,
) -> AppResult<(loan::ActiveModel, Option<(NaiveDate, i64)>)> {
    let k = i / EARLIER_EVERY;
    let (issued, term, mode) = if k < 4 {
        (
            day(DEMO_YEAR - 1, 6, 10)?.checked_add_days(Days::new(10 * k as u64)).unwrap_or_default(),
            12,
            LoanMode::HouseholdUse,
        )
    } else {
        (
            day(DEMO_YEAR - 2 + i32::from(k.is_multiple_of(2)), 3 + (k % 9) as u32, 5 + (k % 20) as u32)?,
            36,
            LoanMode::EnterpriseUse,
        )
    };
    let mut row = row(h, m, i, 5 * WAN, issued, term, mode)?;
    let paid = (k < 41).then(|| (day(DEMO_YEAR, 4, 1 + (k % 28) as u32), 14_000 * 100));
    let paid = match paid {
        Some((on, fen)) => Some((on?, fen)),
        None => None,
    };
    row.balance_fen = Set(5 * WAN - paid.map_or(0, |p| p.1));
    Ok((row, paid))
}

/// One of the 393 new loans of the demo year, issued between January and May: 5 万元 for the
/// first 233, 3 万元 after; every sixteenth for the household's own use (24 of them).
fn new_loan(
    seq: &mut usize,
    i: usize,
    h: &household::Model,
    m: &member::Model,
) -> AppResult<(loan::ActiveModel, Option<(NaiveDate, i64)>)> {
    let j = *seq;
    *seq += 1;
    let amount = if j < NEW_FULL { 5 * WAN } else { 3 * WAN };
    let mode = if j % 16 == 5 && j < 16 * 24 { LoanMode::HouseholdUse } else { LoanMode::EnterpriseUse };
    let issued = day(DEMO_YEAR, 1, 6)?.checked_add_days(Days::new((j * 143 / 393) as u64)).unwrap_or_default();
    Ok((row(h, m, i, amount, issued, 36, mode)?, None))
}

/// The repayments, the extension and the enterprises' returns of the loans `ids`.
async fn records(txn: &impl ConnectionTrait, ids: &[i64], paid: &[Option<(NaiveDate, i64)>]) -> AppResult<()> {
    let loans = loan::Entity::find()
        .filter(loan::Column::Id.is_in(ids.to_vec()))
        .order_by_asc(loan::Column::Id)
        .all(txn)
        .await?;
    let mut repayments = Vec::new();
    let mut returns = Vec::new();
    for (i, l) in loans.iter().enumerate() {
        if let Some(Some((on, fen))) = paid.get(i) {
            repayments.push(loan_repayment::ActiveModel {
                loan_id: Set(l.id),
                org_path: Set(l.org_path.clone()),
                township_id: Set(l.township_id),
                bank: Set(l.bank.clone()),
                principal_fen: Set(*fen),
                paid_on: Set(*on),
                created_at: Set(Utc::now()),
                ..Default::default()
            });
        }
        // Each enterprise paid its return on every anniversary up to the end of September, but
        // for the two loans whose return is late.
        if l.mode == LoanMode::EnterpriseUse && !(i == 40 || i == 80) {
            let until = day(DEMO_YEAR, 9, 30)?;
            for n in 1..=jingzhun_shared::credit::returns_due(l.issued_on, until) {
                let on = l.issued_on.checked_add_months(chrono::Months::new(12 * n)).unwrap_or(until);
                returns.push(loan_return::ActiveModel {
                    loan_id: Set(l.id),
                    amount_fen: Set(YEARLY_RETURN),
                    paid_on: Set(on),
                    created_at: Set(Utc::now()),
                    ..Default::default()
                });
            }
        }
    }
    bulk::insert(txn, repayments).await?;
    bulk::insert(txn, returns).await?;
    let extended = loans.get(3 * EARLIER_EVERY).ok_or_else(|| AppError::Internal("demo loans".to_owned()))?;
    let new_due = extended.due_on.checked_add_months(chrono::Months::new(12)).unwrap_or(extended.due_on);
    loan_extension::ActiveModel {
        loan_id: Set(extended.id),
        new_due_on: Set(new_due),
        reason: Set("受疫情影响，茶叶销售延迟，申请展期一年".to_owned()),
        agreed_on: Set(extended.due_on.checked_sub_days(Days::new(5)).unwrap_or(extended.due_on)),
        created_at: Set(Utc::now()),
        ..Default::default()
    }
    .insert(txn)
    .await?;
    loan::Entity::update_many()
        .col_expr(loan::Column::DueOn, Expr::value(new_due))
        .col_expr(loan::Column::Extended, Expr::value(true))
        .filter(loan::Column::Id.eq(extended.id))
        .exec(txn)
        .await?;
    Ok(())
}

/// The plan, the risk fund's deposits and the first two quarters' subsidy batches, paid.
async fn fund(txn: &impl ConnectionTrait) -> AppResult<()> {
    credit_plan::ActiveModel { year: Set(DEMO_YEAR), amount_fen: Set(1_010 * WAN), version: Set(1) }
        .insert(txn)
        .await?;
    for (bank, wan, month, d) in [(BANKS[0], 200, 3, 16), (BANKS[1], 72, 4, 20), (BANKS[2], 40, 6, 8)] {
        risk_fund_entry::ActiveModel {
            kind: Set(RiskFundKind::Deposit),
            bank: Set(bank.to_owned()),
            amount_fen: Set(wan * WAN),
            entry_on: Set(day(DEMO_YEAR, month, d)?),
            loan_id: Set(None),
            note: Set(Some("风险准备金".to_owned())),
            created_at: Set(Utc::now()),
            ..Default::default()
        }
        .insert(txn)
        .await?;
    }
    for quarter in 1..=2u32 {
        let (from, to) = quarter_bounds(DEMO_YEAR, quarter).ok_or_else(|| AppError::Internal("quarter".to_owned()))?;
        let batch = interest_subsidy_batch::ActiveModel {
            year: Set(DEMO_YEAR),
            quarter: Set(i32::try_from(quarter).unwrap_or(1)),
            from_on: Set(from),
            to_on: Set(to),
            status: Set(SubsidyBatchStatus::Paid),
            total_fen: Set(0),
            loans: Set(0),
            approved_on: Set(Some(to.checked_add_days(Days::new(9)).unwrap_or(to))),
            paid_on: Set(Some(to.checked_add_days(Days::new(19)).unwrap_or(to))),
            version: Set(1),
            created_at: Set(Utc::now()),
            ..Default::default()
        }
        .insert(txn)
        .await?;
        let (lines, total) = compute_lines(txn, batch.id, from, to).await?;
        let count = i64::try_from(lines.len()).unwrap_or_default();
        bulk::insert(txn, lines).await?;
        interest_subsidy_batch::Entity::update_many()
            .col_expr(interest_subsidy_batch::Column::TotalFen, Expr::value(total))
            .col_expr(interest_subsidy_batch::Column::Loans, Expr::value(count))
            .filter(interest_subsidy_batch::Column::Id.eq(batch.id))
            .exec(txn)
            .await?;
    }
    Ok(())
}
