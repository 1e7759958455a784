//! What a batch was issued (下达金额) and what its projects hold.
//!
//! `fund_batch.allocated_fen` is the running sum of the batch's project budgets. It changes only
//! in [`allocate`], one statement guarded by `allocated_fen + change <= issued_fen`, and the
//! issued amount changes only in [`reissue`], guarded by `allocated_fen <= issued_fen`; on
//! PostgreSQL the second of two such statements waits for the first's row lock and then sees its
//! result, on SQLite writers are serialised. So two budgets filed at once cannot both take the
//! batch over what was issued, and a lowered issued amount never falls below what is allocated.

use std::collections::HashMap;

use jingzhun_shared::funds::SourceShare;
use jingzhun_shared::{Fen, FundSource};
use sea_orm::sea_query::{Expr, ExprTrait};
use sea_orm::{ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder};

use super::yuan;
use crate::entities::{fund_batch, fund_batch_source};
use crate::error::{AppError, AppResult};
use crate::services::bulk;
use crate::services::versioned::bumped;

/// Adds `change` (negative to give money back) to the batch's allocation only if it stays
/// within the issued amount; the answer is whether it did.
pub async fn allocate(db: &impl ConnectionTrait, batch_id: i64, change: i64) -> AppResult<bool> {
    let updated = fund_batch::Entity::update_many()
        .col_expr(fund_batch::Column::AllocatedFen, Expr::col(fund_batch::Column::AllocatedFen).add(change))
        .filter(fund_batch::Column::Id.eq(batch_id))
        .filter(Expr::col(fund_batch::Column::AllocatedFen).add(change).lte(Expr::col(fund_batch::Column::IssuedFen)))
        .exec(db)
        .await?;
    Ok(updated.rows_affected == 1)
}

/// The 422 on `budget_fen` when a budget would take the batch's allocation over what was
/// issued, naming what is left.
pub(super) async fn over_issued(db: &impl ConnectionTrait, batch_id: i64) -> AppResult<AppError> {
    let b = fund_batch::Entity::find_by_id(batch_id).one(db).await?.ok_or(AppError::NotFound)?;
    Ok(AppError::field(
        "budget_fen",
        format!("超出批次下达金额 {} 元：尚未分配 {} 元", yuan(b.issued_fen), yuan(b.issued_fen - b.allocated_fen)),
    ))
}

/// Sets the issued amount of the batch at `version` only if it still covers the allocation;
/// the answer is whether it did (when not, either the version moved on or the allocation is
/// larger: the caller reads the row again to tell which).
pub async fn reissue(db: &impl ConnectionTrait, batch_id: i64, version: i32, issued: Fen) -> AppResult<bool> {
    let update = fund_batch::Entity::update_many().col_expr(fund_batch::Column::IssuedFen, Expr::val(issued.fen()));
    let updated = bumped(update)
        .filter(fund_batch::Column::Id.eq(batch_id))
        .filter(fund_batch::Column::Version.eq(version))
        .filter(fund_batch::Column::AllocatedFen.lte(issued.fen()))
        .exec(db)
        .await?;
    Ok(updated.rows_affected == 1)
}

/// Replaces the batch's source shares.
pub async fn put_shares(db: &impl ConnectionTrait, batch_id: i64, shares: &[SourceShare]) -> AppResult<()> {
    fund_batch_source::Entity::delete_many().filter(fund_batch_source::Column::BatchId.eq(batch_id)).exec(db).await?;
    let rows = shares.iter().map(|s| fund_batch_source::ActiveModel {
        batch_id: Set(batch_id),
        source: Set(s.source),
        amount_fen: Set(s.amount_fen.fen()),
    });
    bulk::insert(db, rows.collect()).await
}

/// The source shares of these batches, in the order of [`FundSource`]'s values.
pub async fn shares(db: &impl ConnectionTrait, ids: Vec<i64>) -> AppResult<HashMap<i64, Vec<SourceShare>>> {
    let rows = fund_batch_source::Entity::find()
        .filter(fund_batch_source::Column::BatchId.is_in(ids))
        .order_by_asc(fund_batch_source::Column::BatchId)
        .all(db)
        .await?;
    let mut out: HashMap<i64, Vec<SourceShare>> = HashMap::new();
    for r in rows {
        out.entry(r.batch_id).or_default().push(SourceShare { source: r.source, amount_fen: Fen::new(r.amount_fen) });
    }
    for list in out.values_mut() {
        list.sort_by_key(|s| FundSource::ALL.iter().position(|x| *x == s.source));
    }
    Ok(out)
}
