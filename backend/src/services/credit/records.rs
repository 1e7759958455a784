//! What happens to a loan after it is issued: repayments of principal (never more than the
//! balance; the one that leaves nothing marks the loan repaid), extensions (展期, a new due date
//! at most 12 months past the one in force) and the yearly returns a 户贷企用 enterprise pays.
//!
//! Each is written under a lock on the loan's row and bumps its version, so two repayments at
//! once cannot both pass the balance (`FOR UPDATE` on PostgreSQL; `BEGIN IMMEDIATE` on SQLite).

use chrono::{Months, NaiveDate, Utc};
use jingzhun_shared::credit::{
    CreateExtension, CreateRepayment, CreateReturn, LoanDto, LoanMode, MAX_EXTENSION_MONTHS,
};
use jingzhun_shared::error::Validator;
use jingzhun_shared::{Capability, Fen};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, DatabaseTransaction, EntityTrait, QueryFilter, QuerySelect,
    UpdateMany,
};

use super::loans::{full, visible};
use super::tally::Watch;
use crate::actor::CurrentUser;
use crate::entities::{loan, loan_extension, loan_repayment, loan_return};
use crate::error::{AppError, AppResult};
use crate::services::audit::Event;
use crate::services::txn::{Db, in_txn, updated};
use crate::services::versioned::{Versioned, bumped};
use crate::services::{required_text, typed_date};

impl Versioned for loan::Entity {
    const ID: loan::Column = loan::Column::Id;
    const VERSION: loan::Column = loan::Column::Version;
}

/// The loan `id` for a write by `user`, locked to the end of the transaction.
async fn locked(txn: &impl sea_orm::ConnectionTrait, user: &CurrentUser, id: i64) -> AppResult<loan::Model> {
    user.require(Capability::EditFunds)?;
    visible(txn, user, id).await?;
    loan::Entity::find_by_id(id).lock_exclusive().one(txn).await?.ok_or(AppError::NotFound)
}

/// A date of the loan's life a user typed: not after their today, not before the issue day.
fn loan_date(v: &mut Validator, user: &CurrentUser, row: &loan::Model, field: &str, on: NaiveDate) {
    typed_date(v, user, field, on);
    if on < row.issued_on {
        v.add(field, format!("日期不能早于放款日期 {}", row.issued_on));
    }
}

/// Applies `update` to the loan `before` shows, bumping its version, and answers the loan
/// after with its `update` event.
async fn changed(
    txn: &DatabaseTransaction,
    user: &CurrentUser,
    update: UpdateMany<loan::Entity>,
    before: LoanDto,
) -> AppResult<(LoanDto, Event<'static>)> {
    bumped(update).filter(loan::Column::Id.eq(before.id)).exec(txn).await?;
    let after = loan::Entity::find_by_id(before.id).one(txn).await?.ok_or(AppError::NotFound)?;
    Ok(updated("loan", before.id, &before, full(txn, user, after).await?))
}

/// Records principal repaid; 422 past the balance, before the issue day or after today.
pub async fn add_repayment(db: &impl Db, user: &CurrentUser, id: i64, input: CreateRepayment) -> AppResult<LoanDto> {
    user.require(Capability::EditFunds)?;
    in_txn(db, Some(user), async |txn| {
        let row = locked(txn, user, id).await?;
        let watch = Watch::loans(txn, vec![row.id]).await?;
        let mut v = Validator::new();
        if let Some(principal) = v.check("principal_fen", input.principal_fen.positive_amount("还款本金"))
            && principal.fen() > row.balance_fen
        {
            v.add(
                "principal_fen",
                format!("还款本金不能超过贷款余额 {} 元", Fen::new(row.balance_fen).to_yuan_string()),
            );
        }
        loan_date(&mut v, user, &row, "paid_on", input.paid_on);
        v.finish()?;
        let before = full(txn, user, row.clone()).await?;
        loan_repayment::ActiveModel {
            loan_id: Set(row.id),
            org_path: Set(row.org_path.clone()),
            township_id: Set(row.township_id),
            bank: Set(row.bank.clone()),
            principal_fen: Set(input.principal_fen.fen()),
            paid_on: Set(input.paid_on),
            created_at: Set(Utc::now()),
            ..Default::default()
        }
        .insert(txn)
        .await?;
        let balance = row.balance_fen - input.principal_fen.fen();
        let mut update = loan::Entity::update_many().col_expr(loan::Column::BalanceFen, Expr::value(balance));
        if balance == 0 {
            let last: Option<chrono::NaiveDate> = loan_repayment::Entity::find()
                .select_only()
                .column_as(loan_repayment::Column::PaidOn.max(), "last")
                .filter(loan_repayment::Column::LoanId.eq(row.id))
                .into_tuple()
                .one(txn)
                .await?
                .flatten();
            update = update.col_expr(loan::Column::RepaidOn, Expr::value(last.unwrap_or(input.paid_on)));
        }
        let out = changed(txn, user, update, before).await?;
        watch.finish(txn).await?;
        Ok(out)
    })
    .await
}

/// Extends a loan not yet repaid to a new due date at most 12 months past the one in force.
pub async fn add_extension(db: &impl Db, user: &CurrentUser, id: i64, input: CreateExtension) -> AppResult<LoanDto> {
    user.require(Capability::EditFunds)?;
    in_txn(db, Some(user), async |txn| {
        let row = locked(txn, user, id).await?;
        let watch = Watch::loans(txn, vec![row.id]).await?;
        let mut v = Validator::new();
        let reason = required_text(&mut v, "reason", &input.reason, 255, "展期原因");
        loan_date(&mut v, user, &row, "on", input.on);
        if row.repaid_on.is_some() {
            v.add("new_due_on", "贷款已结清，不能展期");
        }
        let latest = row.due_on.checked_add_months(Months::new(MAX_EXTENSION_MONTHS));
        if input.new_due_on <= row.due_on {
            v.add("new_due_on", format!("新到期日须晚于现到期日 {}", row.due_on));
        } else if latest.is_none_or(|latest| input.new_due_on > latest) {
            v.add("new_due_on", format!("展期不超过 {MAX_EXTENSION_MONTHS} 个月"));
        }
        v.finish()?;
        let before = full(txn, user, row.clone()).await?;
        loan_extension::ActiveModel {
            loan_id: Set(row.id),
            new_due_on: Set(input.new_due_on),
            reason: Set(reason),
            agreed_on: Set(input.on),
            created_at: Set(Utc::now()),
            ..Default::default()
        }
        .insert(txn)
        .await?;
        let update = loan::Entity::update_many()
            .col_expr(loan::Column::DueOn, Expr::value(input.new_due_on))
            .col_expr(loan::Column::Extended, Expr::value(true));
        let out = changed(txn, user, update, before).await?;
        watch.finish(txn).await?;
        Ok(out)
    })
    .await
}

/// Records a yearly return an enterprise paid to the household of a 户贷企用 loan.
pub async fn add_return(db: &impl Db, user: &CurrentUser, id: i64, input: CreateReturn) -> AppResult<LoanDto> {
    user.require(Capability::EditFunds)?;
    in_txn(db, Some(user), async |txn| {
        let row = locked(txn, user, id).await?;
        let watch = Watch::loans(txn, vec![row.id]).await?;
        let mut v = Validator::new();
        if row.mode != LoanMode::EnterpriseUse {
            v.add("amount_fen", "只有户贷企用的贷款有企业收益");
        }
        v.check("amount_fen", input.amount_fen.positive_amount("收益金额"));
        loan_date(&mut v, user, &row, "paid_on", input.paid_on);
        v.finish()?;
        let before = full(txn, user, row.clone()).await?;
        loan_return::ActiveModel {
            loan_id: Set(row.id),
            amount_fen: Set(input.amount_fen.fen()),
            paid_on: Set(input.paid_on),
            created_at: Set(Utc::now()),
            ..Default::default()
        }
        .insert(txn)
        .await?;
        let out = changed(txn, user, loan::Entity::update_many(), before).await?;
        watch.finish(txn).await?;
        Ok(out)
    })
    .await
}
