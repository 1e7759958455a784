//! The interest subsidy (贴息): of one loan for any period, and the quarterly batch that
//! computes it for every loan whose life touches the quarter ([`interest_subsidy`], the one
//! rule, shared with the page). A batch is computed, approved, then paid; a paid batch is locked
//! and counts in the year's figures. One batch a quarter, kept by a unique index.

use std::collections::HashMap;

use chrono::{NaiveDate, Utc};
use jingzhun_shared::credit::{
    BatchStep, CreateSubsidyBatch, LoanLife, Subsidy, SubsidyBatchDto, SubsidyBatchStatus, SubsidyLineDto,
    SubsidyPeriod, YearPage, interest_subsidy, quarter_bounds,
};
use jingzhun_shared::error::Validator;
use jingzhun_shared::page::{Page, PageQuery};
use jingzhun_shared::{Capability, Fen};
use sea_orm::sea_query::{Expr, ExprTrait};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect,
};

use super::loans::visible;
use crate::actor::CurrentUser;
use crate::entities::{
    household, interest_subsidy_batch as batch_row, interest_subsidy_line as line, loan, loan_repayment,
};
use crate::error::{AppError, AppResult};
use crate::services::txn::{Db, created, in_txn, updated};
use crate::services::versioned::{Versioned, update_at_version};
use crate::services::{bulk, by_ids, check_year, paginate, typed_date, with_items};

impl Versioned for batch_row::Entity {
    const ID: batch_row::Column = batch_row::Column::Id;
    const VERSION: batch_row::Column = batch_row::Column::Version;
}

/// What the subsidy of `row` depends on, its repayments given.
fn life(row: &loan::Model, repayments: Vec<(NaiveDate, Fen)>) -> LoanLife {
    LoanLife {
        amount: Fen::new(row.amount_fen),
        issued_on: row.issued_on,
        due_on: row.due_on,
        annual_rate_bp: row.annual_rate_bp,
        repayments,
    }
}

/// The repayments of `loan_ids`, by loan.
async fn repayments_of(db: &impl ConnectionTrait, loan_ids: &[i64]) -> AppResult<HashMap<i64, Vec<(NaiveDate, Fen)>>> {
    let mut by_loan: HashMap<i64, Vec<(NaiveDate, Fen)>> = HashMap::new();
    for chunk in loan_ids.chunks(5_000) {
        let rows =
            loan_repayment::Entity::find().filter(loan_repayment::Column::LoanId.is_in(chunk.to_vec())).all(db).await?;
        for r in rows {
            by_loan.entry(r.loan_id).or_default().push((r.paid_on, Fen::new(r.principal_fen)));
        }
    }
    Ok(by_loan)
}

/// The subsidy of loan `id` for the days `from` ≤ day < `to`.
pub async fn loan_subsidy(
    db: &impl ConnectionTrait,
    user: &CurrentUser,
    id: i64,
    period: SubsidyPeriod,
) -> AppResult<Subsidy> {
    let row = visible(db, user, id).await?;
    if period.to <= period.from {
        return Err(AppError::field("to", "结束日期须晚于开始日期"));
    }
    let repayments = repayments_of(db, &[row.id]).await?.remove(&row.id).unwrap_or_default();
    Ok(interest_subsidy(&life(&row, repayments), period.from, period.to))
}

fn batch_dto(b: &batch_row::Model) -> SubsidyBatchDto {
    SubsidyBatchDto {
        id: b.id,
        year: b.year,
        quarter: u32::try_from(b.quarter).unwrap_or_default(),
        from: b.from_on,
        to: b.to_on,
        status: b.status,
        loans: u64::try_from(b.loans).unwrap_or_default(),
        total_fen: Fen::new(b.total_fen),
        approved_on: b.approved_on,
        paid_on: b.paid_on,
        version: b.version,
    }
}

pub async fn batches(
    db: &impl ConnectionTrait,
    user: &CurrentUser,
    query: YearPage,
) -> AppResult<Page<SubsidyBatchDto>> {
    user.require(Capability::ReadFunds)?;
    let mut select = batch_row::Entity::find();
    if let Some(year) = query.year {
        select = select.filter(batch_row::Column::Year.eq(year));
    }
    let select = select.order_by_desc(batch_row::Column::Year).order_by_desc(batch_row::Column::Quarter);
    paginate(db, select, PageQuery { page: query.page, per_page: query.per_page }, |b| batch_dto(&b)).await
}

pub async fn batch(db: &impl ConnectionTrait, user: &CurrentUser, id: i64) -> AppResult<SubsidyBatchDto> {
    user.require(Capability::ReadFunds)?;
    batch_row::Entity::find_by_id(id).one(db).await?.map(|b| batch_dto(&b)).ok_or(AppError::NotFound)
}

/// A batch's lines in the caller's subtree, largest subsidy first.
pub async fn batch_lines(
    db: &impl ConnectionTrait,
    user: &CurrentUser,
    id: i64,
    query: YearPage,
) -> AppResult<Page<SubsidyLineDto>> {
    batch(db, user, id).await?;
    let select = line::Entity::find()
        .filter(line::Column::BatchId.eq(id))
        .filter(line::Column::OrgPath.starts_with(&user.org_path))
        .order_by_desc(line::Column::SubsidyFen)
        .order_by_asc(line::Column::LoanId);
    let page = paginate(db, select, PageQuery { page: query.page, per_page: query.per_page }, |l| l).await?;
    let loans = by_ids::<loan::Entity>(db, page.items.iter().map(|l| l.loan_id).collect(), |l| l.id).await?;
    let households =
        by_ids::<household::Entity>(db, loans.values().map(|l| l.household_id).collect(), |h| h.id).await?;
    let items = page
        .items
        .iter()
        .map(|l| {
            let row = loans.get(&l.loan_id);
            SubsidyLineDto {
                loan_id: l.loan_id,
                household_number: row
                    .and_then(|r| households.get(&r.household_id))
                    .map(|h| h.number.clone())
                    .unwrap_or_default(),
                bank: row.map(|r| r.bank.clone()).unwrap_or_default(),
                contract_no: row.map(|r| r.contract_no.clone()).unwrap_or_default(),
                subsidy_fen: Fen::new(l.subsidy_fen),
                days: u32::try_from(l.days).unwrap_or_default(),
            }
        })
        .collect();
    Ok(with_items(page, items))
}

/// A loan whose life touches a period: id, org path, amount, issued, due, rate, balance today.
type Touching = (i64, String, i64, NaiveDate, NaiveDate, i64, i64);

/// Every loan's subsidy for [`from`, `to`): the lines of batch `batch_id` that earn anything, and
/// their sum. A loan's balance on `from` is its balance today plus what was repaid since, so
/// only the repayments from `from` on are read.
pub async fn compute_lines(
    db: &impl ConnectionTrait,
    batch_id: i64,
    from: NaiveDate,
    to: NaiveDate,
) -> AppResult<(Vec<line::ActiveModel>, i64)> {
    let loans: Vec<Touching> = loan::Entity::find()
        .select_only()
        .column(loan::Column::Id)
        .column(loan::Column::OrgPath)
        .column(loan::Column::AmountFen)
        .column(loan::Column::IssuedOn)
        .column(loan::Column::DueOn)
        .column(loan::Column::AnnualRateBp)
        .column(loan::Column::BalanceFen)
        .filter(loan::Column::IssuedOn.lt(to))
        .filter(loan::Column::DueOn.gt(from))
        .filter(loan::Column::RepaidOn.is_null().or(loan::Column::RepaidOn.gte(from)))
        .into_tuple()
        .all(db)
        .await?;
    let mut since: HashMap<i64, Vec<(NaiveDate, Fen)>> = HashMap::with_capacity(loans.len());
    let repaid: Vec<(i64, NaiveDate, i64)> = loan_repayment::Entity::find()
        .select_only()
        .column(loan_repayment::Column::LoanId)
        .column(loan_repayment::Column::PaidOn)
        .column(loan_repayment::Column::PrincipalFen)
        .filter(loan_repayment::Column::PaidOn.gte(from))
        .into_tuple()
        .all(db)
        .await?;
    for (loan_id, on, fen) in repaid {
        since.entry(loan_id).or_default().push((on, Fen::new(fen)));
    }
    let (mut lines, mut total) = (Vec::new(), 0i64);
    for (id, org_path, _amount, issued_on, due_on, annual_rate_bp, balance) in loans {
        let repayments = since.remove(&id).unwrap_or_default();
        let later: i64 = repayments.iter().map(|(_, fen)| fen.fen()).sum();
        // The amount less what was repaid before `from`.
        let start = Fen::new(balance + later);
        let life = LoanLife { amount: start, issued_on, due_on, annual_rate_bp, repayments };
        let s = interest_subsidy(&life, from, to);
        if s.subsidy_fen > Fen::ZERO {
            total =
                total.checked_add(s.subsidy_fen.fen()).ok_or_else(|| AppError::Internal("subsidy sum".to_owned()))?;
            lines.push(line::ActiveModel {
                batch_id: Set(batch_id),
                loan_id: Set(id),
                org_path: Set(org_path),
                subsidy_fen: Set(s.subsidy_fen.fen()),
                days: Set(i32::try_from(s.days).unwrap_or(i32::MAX)),
                ..Default::default()
            });
        }
    }
    Ok((lines, total))
}

/// Computes a quarter that has ended: one line for every loan that earns a subsidy in it.
pub async fn create_batch(db: &impl Db, user: &CurrentUser, input: CreateSubsidyBatch) -> AppResult<SubsidyBatchDto> {
    user.require(Capability::EditFunds)?;
    let mut v = Validator::new();
    check_year(&mut v, input.year);
    let bounds = quarter_bounds(input.year, input.quarter);
    match bounds {
        None => v.add("quarter", "季度须为 1 到 4"),
        Some((_, to)) if to > user.today => v.add("quarter", "该季度尚未结束"),
        Some(_) => {}
    }
    v.finish()?;
    let Some((from, to)) = bounds else { return Err(AppError::field("quarter", "季度须为 1 到 4")) };
    in_txn(db, Some(user), async |txn| {
        let quarter = i32::try_from(input.quarter).unwrap_or_default();
        let existing = batch_row::Entity::find()
            .filter(batch_row::Column::Year.eq(input.year))
            .filter(batch_row::Column::Quarter.eq(quarter))
            .one(txn)
            .await?;
        if existing.is_some() {
            return Err(AppError::Conflict {
                code: "batch_exists", message: "该季度的贴息批次已存在".to_owned()
            });
        }
        let row = batch_row::ActiveModel {
            year: Set(input.year),
            quarter: Set(quarter),
            from_on: Set(from),
            to_on: Set(to),
            status: Set(SubsidyBatchStatus::Computed),
            total_fen: Set(0),
            loans: Set(0),
            version: Set(1),
            created_at: Set(Utc::now()),
            ..Default::default()
        }
        .insert(txn)
        .await?;
        let (lines, total) = compute_lines(txn, row.id, from, to).await?;
        let count = i64::try_from(lines.len()).unwrap_or(i64::MAX);
        bulk::insert(txn, lines).await?;
        let update = batch_row::Entity::update_many()
            .col_expr(batch_row::Column::TotalFen, Expr::value(total))
            .col_expr(batch_row::Column::Loans, Expr::value(count));
        update_at_version(txn, update, row.id, row.version).await?;
        let after = batch_row::Entity::find_by_id(row.id).one(txn).await?.ok_or(AppError::NotFound)?;
        Ok(created("interest_subsidy_batch", row.id, batch_dto(&after)))
    })
    .await
}

/// Moves a batch one step: computed → approved, or approved → paid (then locked).
async fn step(
    db: &impl Db,
    user: &CurrentUser,
    id: i64,
    input: BatchStep,
    to: SubsidyBatchStatus,
) -> AppResult<SubsidyBatchDto> {
    user.require(Capability::EditFunds)?;
    in_txn(db, Some(user), async |txn| {
        let row = batch_row::Entity::find_by_id(id).one(txn).await?.ok_or(AppError::NotFound)?;
        let mut v = Validator::new();
        typed_date(&mut v, user, "on", input.on);
        let (from, date_column, earliest) = match to {
            SubsidyBatchStatus::Approved => (SubsidyBatchStatus::Computed, batch_row::Column::ApprovedOn, row.to_on),
            _ => (SubsidyBatchStatus::Approved, batch_row::Column::PaidOn, row.approved_on.unwrap_or(row.to_on)),
        };
        if input.on < earliest {
            v.add("on", format!("日期不能早于 {earliest}"));
        }
        v.finish()?;
        if row.status != from {
            let message = format!("批次当前为“{}”，不能执行此操作", row.status.zh());
            return Err(AppError::Conflict { code: "batch_status", message });
        }
        let update = batch_row::Entity::update_many()
            .col_expr(batch_row::Column::Status, Expr::value(to.as_str()))
            .col_expr(date_column, Expr::value(input.on));
        update_at_version(txn, update, row.id, input.version).await?;
        if to == SubsidyBatchStatus::Paid {
            super::tally::batch_paid(txn, row.id).await?;
        }
        let after = batch_row::Entity::find_by_id(row.id).one(txn).await?.ok_or(AppError::NotFound)?;
        Ok(updated("interest_subsidy_batch", row.id, &batch_dto(&row), batch_dto(&after)))
    })
    .await
}

pub async fn approve_batch(db: &impl Db, user: &CurrentUser, id: i64, input: BatchStep) -> AppResult<SubsidyBatchDto> {
    step(db, user, id, input, SubsidyBatchStatus::Approved).await
}

pub async fn pay_batch(db: &impl Db, user: &CurrentUser, id: i64, input: BatchStep) -> AppResult<SubsidyBatchDto> {
    step(db, user, id, input, SubsidyBatchStatus::Paid).await
}
