//! Fund batches (资金批次): filed by the district with the amount issued and its sources; what
//! their projects hold comes from [`super::allocation`], the projects and spending from the
//! project rows.

use std::collections::HashMap;

use chrono::Utc;
use jingzhun_shared::error::Validator;
use jingzhun_shared::funds::{
    CreateFundBatch, FundBatchDto, FundBatchQuery, ProjectDto, SourceShare, UpdateFundBatch, issued_amount,
    source_shares,
};
use jingzhun_shared::money::rate_bp;
use jingzhun_shared::{Capability, Fen, FundBatchId, FundSource, OrgLevel};
use sea_orm::sea_query::{Alias, Expr, Query};
use sea_orm::{ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder};

use super::allocation::{put_shares, reissue, shares};
use super::expenditures::{any_expenditure, has_expenditures};
use super::projects::projects_dtos;
use super::yuan;
use crate::actor::CurrentUser;
use crate::entities::{fund_batch, fund_batch_source, org_unit, project};
use crate::error::{AppError, AppResult};
use crate::services::txn::{Db, created, deleted, in_txn, updated};
use crate::services::typed_date;
use crate::services::versioned::bumped;
use crate::services::{check_year, required_text};

/// Whether the caller works inside the batch's district (or above it).
fn sees_batch(user: &CurrentUser, batch: &fund_batch::Model) -> bool {
    user.org_path.starts_with(&batch.org_path) || user.sees(&batch.org_path)
}

pub(super) async fn find_batch(
    db: &impl ConnectionTrait,
    user: &CurrentUser,
    id: FundBatchId,
) -> AppResult<fund_batch::Model> {
    fund_batch::Entity::find_by_id(id.0).one(db).await?.filter(|b| sees_batch(user, b)).ok_or(AppError::NotFound)
}

/// (projects, spent) per batch, summed from the project rows.
async fn batch_totals(db: &impl ConnectionTrait, ids: Vec<i64>) -> AppResult<HashMap<i64, (u64, i64)>> {
    let query = Query::select()
        .column(project::Column::BatchId)
        .expr_as(Expr::cust("COUNT(*)"), Alias::new("n"))
        .expr_as(Expr::cust("CAST(SUM(spent_fen) AS BIGINT)"), Alias::new("spent"))
        .from(project::Entity)
        .and_where(project::Column::BatchId.is_in(ids))
        .group_by_col(project::Column::BatchId)
        .to_owned();
    let mut out = HashMap::new();
    for row in db.query_all(&query).await? {
        let n: i64 = row.try_get("", "n")?;
        out.insert(row.try_get::<i64>("", "batch_id")?, (u64::try_from(n).unwrap_or(0), row.try_get("", "spent")?));
    }
    Ok(out)
}

fn batch_dto(b: &fund_batch::Model, shares: Option<&Vec<SourceShare>>, totals: Option<&(u64, i64)>) -> FundBatchDto {
    let (projects, spent) = totals.copied().unwrap_or_default();
    FundBatchDto {
        id: FundBatchId(b.id),
        year: b.year,
        seq: b.seq,
        name: b.name.clone(),
        document_no: b.document_no.clone(),
        source: b.source,
        issued_on: b.issued_on,
        issued_fen: Fen::new(b.issued_fen),
        sources: shares.cloned().unwrap_or_default(),
        allocated_fen: Fen::new(b.allocated_fen),
        unallocated_fen: Fen::new(b.issued_fen - b.allocated_fen),
        projects,
        spent_fen: Fen::new(spent),
        spending_progress_bp: rate_bp(spent, b.issued_fen),
        version: b.version,
    }
}

/// The batch as the API shows it, read now.
async fn one_batch_dto(db: &impl ConnectionTrait, b: &fund_batch::Model) -> AppResult<FundBatchDto> {
    let shares = shares(db, vec![b.id]).await?;
    let totals = batch_totals(db, vec![b.id]).await?;
    Ok(batch_dto(b, shares.get(&b.id), totals.get(&b.id)))
}

pub async fn batch(db: &impl ConnectionTrait, user: &CurrentUser, id: FundBatchId) -> AppResult<FundBatchDto> {
    user.require(Capability::ReadFunds)?;
    let b = find_batch(db, user, id).await?;
    one_batch_dto(db, &b).await
}

/// The batches of the caller's district, newest year first, then by sequence.
pub async fn batches(
    db: &impl ConnectionTrait,
    user: &CurrentUser,
    query: FundBatchQuery,
) -> AppResult<Vec<FundBatchDto>> {
    user.require(Capability::ReadFunds)?;
    let mut select =
        fund_batch::Entity::find().order_by_desc(fund_batch::Column::Year).order_by_asc(fund_batch::Column::Seq);
    if let Some(year) = query.year {
        select = select.filter(fund_batch::Column::Year.eq(year));
    }
    let rows: Vec<fund_batch::Model> = select.all(db).await?.into_iter().filter(|b| sees_batch(user, b)).collect();
    let ids: Vec<i64> = rows.iter().map(|b| b.id).collect();
    let shares = shares(db, ids.clone()).await?;
    let totals = batch_totals(db, ids).await?;
    Ok(rows.iter().map(|b| batch_dto(b, shares.get(&b.id), totals.get(&b.id))).collect())
}

/// Files a batch for the caller's district.
pub async fn create_batch(db: &impl Db, user: &CurrentUser, input: CreateFundBatch) -> AppResult<FundBatchDto> {
    user.require(Capability::EditFunds)?;
    in_txn(db, Some(user), async |txn| {
        let district = org_unit::Entity::find_by_id(user.org_unit_id.0)
            .one(txn)
            .await?
            .filter(|u| u.level == OrgLevel::District)
            .ok_or_else(|| AppError::Forbidden("资金批次由区级录入".to_owned()))?;
        let (name, document_no, sources) = check_batch(txn, user, &district, &input).await?;
        let row = fund_batch::ActiveModel {
            year: Set(input.year),
            seq: Set(input.seq),
            name: Set(name),
            document_no: Set(document_no),
            source: Set(input.source),
            issued_on: Set(input.issued_on),
            issued_fen: Set(input.issued_fen.fen()),
            allocated_fen: Set(0),
            org_unit_id: Set(district.id),
            org_path: Set(district.path.clone()),
            version: Set(1),
            created_at: Set(Utc::now()),
            ..Default::default()
        }
        .insert(txn)
        .await?;
        put_shares(txn, row.id, &sources).await?;
        let dto = one_batch_dto(txn, &row).await?;
        Ok(created("fund_batch", row.id, dto))
    })
    .await
}

/// The shares of `issued` by source, or the reason on `issued_fen` / `sources`.
fn checked_shares(
    v: &mut Validator,
    issued: Fen,
    main: FundSource,
    sources: &[SourceShare],
) -> Option<Vec<SourceShare>> {
    if let Err(message) = issued_amount(issued) {
        v.add("issued_fen", message);
        return None;
    }
    source_shares(issued, main, sources).map_err(|message| v.add("sources", message)).ok()
}

/// Corrects the issued amount and its sources; 422 when it would fall below what the batch's
/// projects already hold, 409 on a stale version.
pub async fn update_batch(
    db: &impl Db,
    user: &CurrentUser,
    id: FundBatchId,
    input: UpdateFundBatch,
) -> AppResult<FundBatchDto> {
    user.require(Capability::EditFunds)?;
    in_txn(db, Some(user), async |txn| {
        let b = find_batch(txn, user, id).await?;
        if b.version != input.version {
            return Err(AppError::stale());
        }
        let before = one_batch_dto(txn, &b).await?;
        let mut v = Validator::new();
        let sources = checked_shares(&mut v, input.issued_fen, b.source, &input.sources);
        v.finish()?;
        if !reissue(txn, b.id, b.version, input.issued_fen).await? {
            let now = fund_batch::Entity::find_by_id(b.id).one(txn).await?.ok_or(AppError::NotFound)?;
            if now.version != b.version {
                return Err(AppError::stale());
            }
            return Err(AppError::field(
                "issued_fen",
                format!("下达金额不能少于已分配给项目的 {} 元", yuan(now.allocated_fen)),
            ));
        }
        put_shares(txn, b.id, &sources.unwrap_or_default()).await?;
        let after = batch(txn, user, id).await?;
        Ok(updated("fund_batch", b.id, &before, after))
    })
    .await
}

/// The name, document number and source shares of a new batch, or every invalid field in one
/// 422.
async fn check_batch(
    db: &impl ConnectionTrait,
    user: &CurrentUser,
    district: &org_unit::Model,
    input: &CreateFundBatch,
) -> AppResult<(String, String, Vec<SourceShare>)> {
    let mut v = Validator::new();
    check_year(&mut v, input.year);
    if !(1..=99).contains(&input.seq) {
        v.add("seq", "批次须在 1 到 99 之间");
    }
    let name = required_text(&mut v, "name", &input.name, jingzhun_shared::text::NAME_MAX, "批次名称");
    let document_no =
        required_text(&mut v, "document_no", &input.document_no, jingzhun_shared::text::DOCUMENT_NO_MAX, "文号");
    typed_date(&mut v, user, "issued_on", input.issued_on);
    let sources = checked_shares(&mut v, input.issued_fen, input.source, &input.sources);
    let taken = fund_batch::Entity::find()
        .filter(fund_batch::Column::OrgUnitId.eq(district.id))
        .filter(fund_batch::Column::Year.eq(input.year))
        .filter(fund_batch::Column::Seq.eq(input.seq))
        .one(db)
        .await?;
    if taken.is_some() {
        v.add("seq", format!("{} 年第 {} 批已存在", input.year, input.seq));
    }
    Ok(v.finish_with(|| Some((name, document_no, sources?)))?)
}

/// Deletes a batch and its projects; 409 when any of them has an expenditure.
pub async fn delete_batch(db: &impl Db, user: &CurrentUser, id: FundBatchId) -> AppResult<()> {
    user.require(Capability::EditFunds)?;
    in_txn(db, Some(user), async |txn| {
        let b = find_batch(txn, user, id).await?;
        let before = one_batch_dto(txn, &b).await?;
        // The batch, then its projects, then their links: the order every write takes them in,
        // so nothing waits in a circle; with the projects held, no payment lands between the
        // check and the delete.
        bumped(fund_batch::Entity::update_many()).filter(fund_batch::Column::Id.eq(b.id)).exec(txn).await?;
        bumped(project::Entity::update_many()).filter(project::Column::BatchId.eq(b.id)).exec(txn).await?;
        // Spending without a payment on record is the industry subsidies a project paid.
        let spent = project::Entity::find()
            .filter(project::Column::BatchId.eq(b.id))
            .filter(project::Column::SpentFen.ne(0))
            .one(txn)
            .await?;
        if spent.is_some() || any_expenditure(txn, project::Column::BatchId.eq(b.id)).await? {
            return Err(has_expenditures());
        }
        super::outputs::delete_links(txn, project::Column::BatchId.eq(b.id)).await?;
        project::Entity::delete_many().filter(project::Column::BatchId.eq(b.id)).exec(txn).await?;
        fund_batch_source::Entity::delete_many().filter(fund_batch_source::Column::BatchId.eq(b.id)).exec(txn).await?;
        fund_batch::Entity::delete_by_id(b.id).exec(txn).await?;
        Ok(deleted("fund_batch", b.id, &before))
    })
    .await
}

/// The batch with its projects in the caller's scope, in id order (for the ledger).
pub async fn batch_projects(
    db: &impl ConnectionTrait,
    user: &CurrentUser,
    id: FundBatchId,
) -> AppResult<(FundBatchDto, Vec<ProjectDto>)> {
    let dto = batch(db, user, id).await?;
    let rows = project::Entity::find()
        .filter(project::Column::BatchId.eq(id.0))
        .filter(project::Column::OrgPath.starts_with(&user.org_path))
        .order_by_asc(project::Column::Id)
        .all(db)
        .await?;
    Ok((dto, projects_dtos(db, &rows).await?))
}
