//! The province's yearly plan of new loans (省下达计划) and the district's risk compensation
//! fund (风险补偿金): deposits held at banks, and compensations paid to a bank for a written-off
//! loan, which lower the balance and never take it below nothing.

use chrono::Utc;
use jingzhun_shared::credit::{
    CreditPlanDto, CreditPlanInput, RiskFundEntryDto, RiskFundInput, RiskFundKind, YearPage,
};
use jingzhun_shared::error::Validator;
use jingzhun_shared::page::{Page, PageQuery};
use jingzhun_shared::{Capability, Fen, OrgLevel};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, Condition, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder,
    QuerySelect, QueryTrait,
};

use crate::actor::CurrentUser;
use crate::entities::{credit_plan, loan, org_unit, risk_fund_entry};
use crate::error::{AppError, AppResult};
use crate::services::txn::{Db, created, in_txn, updated};
use crate::services::versioned::{Versioned, update_at_version};
use crate::services::{NOTE_MAX, check_year, paginate, required_text, typed_date};

impl Versioned for credit_plan::Entity {
    const ID: credit_plan::Column = credit_plan::Column::Year;
    const VERSION: credit_plan::Column = credit_plan::Column::Version;
}

fn plan_dto(p: &credit_plan::Model) -> CreditPlanDto {
    CreditPlanDto { year: p.year, amount_fen: Fen::new(p.amount_fen), version: p.version }
}

pub async fn credit_plans(
    db: &impl ConnectionTrait,
    user: &CurrentUser,
    query: YearPage,
) -> AppResult<Page<CreditPlanDto>> {
    user.require(Capability::ReadFunds)?;
    let mut select = credit_plan::Entity::find().order_by_desc(credit_plan::Column::Year);
    if let Some(year) = query.year {
        select = select.filter(credit_plan::Column::Year.eq(year));
    }
    paginate(db, select, PageQuery { page: query.page, per_page: query.per_page }, |p| plan_dto(&p)).await
}

/// Sets a year's plan: the first time without a version, afterwards at the version read.
pub async fn set_credit_plan(
    db: &impl Db,
    user: &CurrentUser,
    year: i32,
    input: CreditPlanInput,
) -> AppResult<CreditPlanDto> {
    user.require(Capability::EditFunds)?;
    let mut v = Validator::new();
    check_year(&mut v, year);
    v.check("amount_fen", input.amount_fen.positive_amount("计划金额"));
    v.finish()?;
    in_txn(db, Some(user), async |txn| {
        let before = credit_plan::Entity::find_by_id(year).one(txn).await?;
        match (&before, input.version) {
            (None, None) => {
                let row = credit_plan::ActiveModel {
                    year: Set(year),
                    amount_fen: Set(input.amount_fen.fen()),
                    version: Set(1),
                }
                .insert(txn)
                .await?;
                Ok(created("credit_plan", year, plan_dto(&row)))
            }
            (Some(row), Some(version)) => {
                let update = credit_plan::Entity::update_many()
                    .col_expr(credit_plan::Column::AmountFen, Expr::value(input.amount_fen.fen()));
                update_at_version(txn, update, i64::from(year), version).await?;
                let after = credit_plan::Entity::find_by_id(year).one(txn).await?.ok_or(AppError::NotFound)?;
                Ok(updated("credit_plan", year, &plan_dto(row), plan_dto(&after)))
            }
            _ => Err(AppError::stale()),
        }
    })
    .await
}

fn entry_dto(e: risk_fund_entry::Model) -> RiskFundEntryDto {
    RiskFundEntryDto {
        id: e.id,
        kind: e.kind,
        bank: e.bank,
        amount_fen: Fen::new(e.amount_fen),
        on: e.entry_on,
        loan_id: e.loan_id,
        note: e.note,
    }
}

/// The fund's movements, newest first (of one year when asked). Deposits are the district's;
/// a compensation shows only to readers who see its loan.
pub async fn risk_fund(
    db: &impl ConnectionTrait,
    user: &CurrentUser,
    query: YearPage,
) -> AppResult<Page<RiskFundEntryDto>> {
    user.require(Capability::ReadFunds)?;
    let loans_seen = loan::Entity::find()
        .select_only()
        .column(loan::Column::Id)
        .filter(loan::Column::OrgPath.starts_with(&user.org_path));
    let mut select = risk_fund_entry::Entity::find().filter(
        Condition::any()
            .add(risk_fund_entry::Column::LoanId.is_null())
            .add(risk_fund_entry::Column::LoanId.in_subquery(loans_seen.into_query())),
    );
    if let Some(year) = query.year {
        let (from, to) = jingzhun_shared::credit::quarter_bounds(year, 1)
            .zip(jingzhun_shared::credit::quarter_bounds(year, 4))
            .map(|((from, _), (_, to))| (from, to))
            .ok_or_else(|| AppError::field("year", "年份不合理"))?;
        select =
            select.filter(risk_fund_entry::Column::EntryOn.gte(from)).filter(risk_fund_entry::Column::EntryOn.lt(to));
    }
    let select = select.order_by_desc(risk_fund_entry::Column::EntryOn).order_by_desc(risk_fund_entry::Column::Id);
    paginate(db, select, PageQuery { page: query.page, per_page: query.per_page }, entry_dto).await
}

fn signed(e: &risk_fund_entry::Model) -> i64 {
    match e.kind {
        RiskFundKind::Deposit => e.amount_fen,
        RiskFundKind::Compensation => -e.amount_fen,
    }
}

/// The fund's balance on `on`: deposits less compensations up to that day.
pub async fn balance_on(db: &impl ConnectionTrait, on: chrono::NaiveDate) -> AppResult<i64> {
    let rows = risk_fund_entry::Entity::find().filter(risk_fund_entry::Column::EntryOn.lte(on)).all(db).await?;
    Ok(rows.iter().map(signed).sum())
}

/// The lowest the balance stands at the end of any day from `from` on: what a compensation
/// dated `from` may take without the fund having been short on a later day.
async fn lowest_from(db: &impl ConnectionTrait, from: chrono::NaiveDate) -> AppResult<i64> {
    let rows = risk_fund_entry::Entity::find().order_by_asc(risk_fund_entry::Column::EntryOn).all(db).await?;
    let before: i64 = rows.iter().filter(|e| e.entry_on < from).map(signed).sum();
    // With nothing on `from` itself, the day ends as it began.
    let mut lowest = if rows.iter().any(|e| e.entry_on == from) { i64::MAX } else { before };
    let mut balance = before;
    let mut days = rows.iter().filter(|e| e.entry_on >= from).peekable();
    while let Some(e) = days.next() {
        balance += signed(e);
        if days.peek().is_none_or(|next| next.entry_on != e.entry_on) {
            lowest = lowest.min(balance);
        }
    }
    Ok(lowest.min(balance))
}

/// What a compensation for `loan` must be: for a loan past its due date (a written-off loan is
/// one the bank could not collect), paid to its own bank, at most its balance less what the fund
/// already paid for it.
async fn compensation_problem(
    db: &impl ConnectionTrait,
    v: &mut Validator,
    loan: &loan::Model,
    input: &RiskFundInput,
) -> AppResult<()> {
    if loan.bank != input.bank.trim() {
        v.add("bank", format!("代偿须付给该贷款的放款银行（{}）", loan.bank));
    }
    if input.on <= loan.due_on {
        v.add("loan_id", format!("只有到期未还的贷款才能代偿（该贷款到期日 {}）", loan.due_on));
    }
    let paid: i64 = risk_fund_entry::Entity::find()
        .filter(risk_fund_entry::Column::LoanId.eq(loan.id))
        .all(db)
        .await?
        .iter()
        .map(|e| e.amount_fen)
        .sum();
    if input.amount_fen.fen() > loan.balance_fen - paid {
        let left = Fen::new((loan.balance_fen - paid).max(0));
        v.add("amount_fen", format!("代偿不能超过该贷款未还本金减去已代偿部分（{} 元）", left.to_yuan_string()));
    }
    Ok(())
}

/// Records a deposit or a compensation; a compensation names a loan in scope, is paid to its
/// bank, covers at most what the loan still owes, and never takes the balance below nothing on
/// its day or any later one.
pub async fn add_risk_fund_entry(
    db: &impl Db,
    user: &CurrentUser,
    input: RiskFundInput,
) -> AppResult<RiskFundEntryDto> {
    user.require(Capability::EditFunds)?;
    let mut v = Validator::new();
    let bank = required_text(&mut v, "bank", &input.bank, 64, "银行");
    v.check("amount_fen", input.amount_fen.positive_amount("金额"));
    typed_date(&mut v, user, "on", input.on);
    let note = v.check("note", jingzhun_shared::text::optional(input.note.as_deref(), NOTE_MAX));
    match (input.kind, input.loan_id) {
        (RiskFundKind::Compensation, None) => v.add("loan_id", "代偿须指明核销的贷款"),
        (RiskFundKind::Compensation, Some(id)) => {
            if super::loans::visible(db, user, id).await.is_err() {
                v.add("loan_id", "贷款不存在或不在您的管辖范围");
            }
        }
        (RiskFundKind::Deposit, Some(_)) => v.add("loan_id", "存入不关联贷款"),
        (RiskFundKind::Deposit, None) => {}
    }
    v.finish()?;
    in_txn(db, Some(user), async |txn| {
        if let (RiskFundKind::Compensation, Some(id)) = (input.kind, input.loan_id) {
            // One compensation at a time for the whole fund (`FOR UPDATE` on the district's row
            // on PostgreSQL; SQLite's `BEGIN IMMEDIATE` already admits one writer), then the
            // loan's row: both checks read what no other compensation can change meanwhile.
            org_unit::Entity::find()
                .filter(org_unit::Column::Level.eq(OrgLevel::District))
                .lock_exclusive()
                .all(txn)
                .await?;
            let loan = loan::Entity::find_by_id(id).lock_exclusive().one(txn).await?.ok_or(AppError::NotFound)?;
            let mut v = Validator::new();
            compensation_problem(txn, &mut v, &loan, &input).await?;
            v.finish()?;
            if lowest_from(txn, input.on).await? < input.amount_fen.fen() {
                return Err(AppError::field("amount_fen", "代偿金额超过风险补偿金当日及此后的余额"));
            }
        }
        let row = risk_fund_entry::ActiveModel {
            kind: Set(input.kind),
            bank: Set(bank),
            amount_fen: Set(input.amount_fen.fen()),
            entry_on: Set(input.on),
            loan_id: Set(input.loan_id),
            note: Set(note.flatten()),
            created_at: Set(Utc::now()),
            ..Default::default()
        }
        .insert(txn)
        .await?;
        Ok(created("risk_fund_entry", row.id, entry_dto(row)))
    })
    .await
}
