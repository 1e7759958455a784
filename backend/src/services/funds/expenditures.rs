//! Expenditures: the payments of a project.
//!
//! A project keeps the running sum of its expenditures (`spent_fen`). It changes only in the
//! statement that adds or removes an expenditure, guarded by `spent_fen + amount <= budget_fen`,
//! so two payments at once cannot overspend, and a year's rates never read the expenditure table.

use chrono::{NaiveDate, Utc};
use jingzhun_shared::error::Validator;
use jingzhun_shared::funds::{CreateExpenditure, ExpenditureDto};
use jingzhun_shared::{Capability, ExpenditureId, Fen, ProjectId, ProjectStatus};
use sea_orm::sea_query::{Expr, ExprTrait, Query, SimpleExpr};
use sea_orm::{ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder};

use super::projects::find_project;
use super::yuan;
use crate::actor::CurrentUser;
use crate::entities::{expenditure, fund_batch, project};
use crate::error::{AppError, AppResult};
use crate::services::required_text;
use crate::services::txn::{Db, created, deleted, in_txn};
use crate::services::typed_date;
use crate::services::versioned::bumped;

/// Whether any of these projects has an expenditure on record.
pub(super) async fn any_expenditure(db: &impl ConnectionTrait, projects: SimpleExpr) -> AppResult<bool> {
    let query = Query::select()
        .expr(Expr::val(1))
        .from(expenditure::Entity)
        .and_where(Expr::col(expenditure::Column::ProjectId).in_subquery(
            Query::select().column(project::Column::Id).from(project::Entity).and_where(projects).to_owned(),
        ))
        .limit(1)
        .to_owned();
    Ok(db.query_one(&query).await?.is_some())
}

pub(super) fn has_expenditures() -> AppError {
    AppError::Conflict { code: "has_expenditures", message: "已有支出记录，不能删除".to_owned() }
}

fn expenditure_dto(e: &expenditure::Model) -> ExpenditureDto {
    ExpenditureDto {
        id: ExpenditureId(e.id),
        project_id: ProjectId(e.project_id),
        amount_fen: Fen::new(e.amount_fen),
        paid_on: e.paid_on,
        voucher_no: e.voucher_no.clone(),
    }
}

pub async fn expenditures(
    db: &impl ConnectionTrait,
    user: &CurrentUser,
    id: ProjectId,
) -> AppResult<Vec<ExpenditureDto>> {
    user.require(Capability::ReadFunds)?;
    let p = find_project(db, user, id).await?;
    let rows = expenditure::Entity::find()
        .filter(expenditure::Column::ProjectId.eq(p.id))
        .order_by_asc(expenditure::Column::PaidOn)
        .order_by_asc(expenditure::Column::Id)
        .all(db)
        .await?;
    Ok(rows.iter().map(expenditure_dto).collect())
}

/// Adds `amount` to the project's spending only if it stays within the budget; the answer is
/// whether it did. One statement, so concurrent payments cannot overspend together. It bumps
/// the project's version, so a budget edit prepared before the payment gets 409 instead of
/// lowering the budget below what is now spent.
pub async fn charge(db: &impl ConnectionTrait, project_id: i64, amount: i64) -> AppResult<bool> {
    let update = project::Entity::update_many()
        .col_expr(project::Column::SpentFen, Expr::col(project::Column::SpentFen).add(amount));
    let updated = bumped(update)
        .filter(project::Column::Id.eq(project_id))
        .filter(Expr::col(project::Column::SpentFen).add(amount).lte(Expr::col(project::Column::BudgetFen)))
        .exec(db)
        .await?;
    Ok(updated.rows_affected == 1)
}

/// The day the batch was issued: nothing of it is paid before.
pub(super) async fn issued_on(db: &impl ConnectionTrait, batch_id: i64) -> AppResult<NaiveDate> {
    let batch = fund_batch::Entity::find_by_id(batch_id).one(db).await?.ok_or(AppError::NotFound)?;
    Ok(batch.issued_on)
}

async fn voucher_taken(db: &impl ConnectionTrait, voucher: &str) -> AppResult<bool> {
    Ok(expenditure::Entity::find().filter(expenditure::Column::VoucherNo.eq(voucher)).one(db).await?.is_some())
}

/// Records a payment; 422 when it would take spending over the budget (naming what remains),
/// when the voucher number is on file, when the project has not started, or when it is dated
/// before the batch was issued.
pub async fn add_expenditure(
    db: &impl Db,
    user: &CurrentUser,
    id: ProjectId,
    input: CreateExpenditure,
) -> AppResult<ExpenditureDto> {
    user.require(Capability::EditFunds)?;
    in_txn(db, Some(user), async |txn| {
        let p = find_project(txn, user, id).await?;
        let mut v = Validator::new();
        let voucher =
            required_text(&mut v, "voucher_no", &input.voucher_no, jingzhun_shared::text::VOUCHER_NO_MAX, "凭证号");
        if !voucher.is_empty() && voucher_taken(txn, &voucher).await? {
            v.add("voucher_no", format!("凭证号 {voucher} 已登记"));
        }
        typed_date(&mut v, user, "paid_on", input.paid_on);
        let issued_on = issued_on(txn, p.batch_id).await?;
        if input.paid_on < issued_on {
            v.add("paid_on", format!("不能早于资金下达日期 {issued_on}"));
        }
        if p.status == ProjectStatus::Planned {
            v.add("amount_fen", "项目尚未开工，不能登记支出");
        }
        if let Err(message) = input.amount_fen.positive_amount("金额") {
            v.add("amount_fen", message);
        } else if v.is_empty() && !charge(txn, p.id, input.amount_fen.fen()).await? {
            let now = project::Entity::find_by_id(p.id).one(txn).await?.ok_or(AppError::NotFound)?;
            v.add("amount_fen", format!("超出项目预算：剩余可支出 {} 元", yuan(now.budget_fen - now.spent_fen)));
        }
        v.finish()?;
        let row = expenditure::ActiveModel {
            project_id: Set(p.id),
            amount_fen: Set(input.amount_fen.fen()),
            paid_on: Set(input.paid_on),
            voucher_no: Set(voucher),
            created_at: Set(Utc::now()),
            ..Default::default()
        }
        .insert(txn)
        .await?;
        let dto = expenditure_dto(&row);
        Ok(created("expenditure", row.id, dto))
    })
    .await
}

/// Removes a payment entered by mistake, giving the amount back to the project.
pub async fn delete_expenditure(db: &impl Db, user: &CurrentUser, id: ExpenditureId) -> AppResult<()> {
    user.require(Capability::EditFunds)?;
    in_txn(db, Some(user), async |txn| {
        let e = expenditure::Entity::find_by_id(id.0).one(txn).await?.ok_or(AppError::NotFound)?;
        find_project(txn, user, ProjectId(e.project_id)).await?;
        let update = project::Entity::update_many()
            .col_expr(project::Column::SpentFen, Expr::col(project::Column::SpentFen).sub(e.amount_fen));
        bumped(update).filter(project::Column::Id.eq(e.project_id)).exec(txn).await?;
        expenditure::Entity::delete_by_id(e.id).exec(txn).await?;
        Ok(deleted("expenditure", e.id, &expenditure_dto(&e)))
    })
    .await
}
