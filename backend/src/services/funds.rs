//! Fund batches, their projects and the projects' expenditures, and the rates the office
//! reports: start, completion, expenditure and industry share — all counted from the project
//! rows of the year every time.
//!
//! A project keeps the running sum of its expenditures (`spent_fen`). It changes only in the
//! statement that adds or removes an expenditure, guarded by `spent_fen + amount <= budget_fen`,
//! so two payments at once cannot overspend, and a year's rates never read the expenditure table.

use std::collections::HashMap;

use chrono::{NaiveDate, Utc};
use jingzhun_shared::error::Validator;
use jingzhun_shared::funds::{
    CreateExpenditure, CreateFundBatch, CreateProject, ExpenditureDto, FundBatchDto, FundBatchQuery, FundRates,
    KindTotal, ProjectDto, ProjectQuery, RatesQuery, UpdateProject,
};
use jingzhun_shared::money::rate_bp;
use jingzhun_shared::page::{Page, PageQuery};
use jingzhun_shared::{ExpenditureId, Fen, FundBatchId, OrgLevel, ProjectId, ProjectKind, ProjectStatus, Role};
use sea_orm::sea_query::{Alias, Expr, ExprTrait, Query, SimpleExpr};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter,
    QueryOrder, TransactionTrait,
};

use crate::actor::CurrentUser;
use crate::entities::{expenditure, fund_batch, org_unit, project};
use crate::error::{AppError, AppResult};
use crate::services::audit::{self, Event};
use crate::services::org_units::{self, placement};
use crate::services::{check_year, paginate, required_text};

/// Roles that enter batches, projects and expenditures.
pub const FUND_WRITERS: &[Role] = &[Role::Admin, Role::DistrictOfficial];
/// Roles that read money records (enterprises see only their own pairings).
pub const FUND_READERS: &[Role] = &[
    Role::Admin,
    Role::DistrictOfficial,
    Role::TownshipOfficial,
    Role::VillageClerk,
    Role::HealthOfficer,
    Role::Auditor,
];

/// The status words and labels used in messages and the ledger.
pub fn status_label(status: ProjectStatus) -> &'static str {
    match status {
        ProjectStatus::Planned => "计划",
        ProjectStatus::Started => "已开工",
        ProjectStatus::Completed => "已竣工",
        ProjectStatus::Accepted => "已验收",
    }
}

pub fn kind_label(kind: ProjectKind) -> &'static str {
    match kind {
        ProjectKind::Industry => "产业",
        ProjectKind::Infrastructure => "基础设施",
        ProjectKind::Employment => "就业",
        ProjectKind::Education => "教育",
        ProjectKind::Health => "健康",
        ProjectKind::Housing => "住房",
        ProjectKind::Ecology => "生态",
        ProjectKind::Other => "其他",
    }
}

fn yuan(fen: i64) -> String {
    Fen(fen).to_yuan_string()
}

fn not_in_future(v: &mut Validator, field: &str, date: NaiveDate) {
    if date > Utc::now().date_naive() {
        v.add(field, "日期不能晚于今天");
    }
}

// ---- batches ----

/// Whether the caller works inside the batch's district (or above it).
fn sees_batch(user: &CurrentUser, batch: &fund_batch::Model) -> bool {
    user.org_path.starts_with(&batch.org_path) || user.sees(&batch.org_path)
}

async fn find_batch(db: &impl ConnectionTrait, user: &CurrentUser, id: FundBatchId) -> AppResult<fund_batch::Model> {
    fund_batch::Entity::find_by_id(id.0).one(db).await?.filter(|b| sees_batch(user, b)).ok_or(AppError::NotFound)
}

/// (projects, budget, spent) per batch, summed from the project rows.
async fn batch_totals(db: &impl ConnectionTrait, ids: Vec<i64>) -> AppResult<HashMap<i64, (u64, i64, i64)>> {
    let query = Query::select()
        .column(project::Column::BatchId)
        .expr_as(Expr::cust("COUNT(*)"), Alias::new("n"))
        .expr_as(Expr::cust("CAST(SUM(budget_fen) AS BIGINT)"), Alias::new("budget"))
        .expr_as(Expr::cust("CAST(SUM(spent_fen) AS BIGINT)"), Alias::new("spent"))
        .from(project::Entity)
        .and_where(project::Column::BatchId.is_in(ids))
        .group_by_col(project::Column::BatchId)
        .to_owned();
    let mut out = HashMap::new();
    for row in db.query_all(&query).await? {
        let n: i64 = row.try_get("", "n")?;
        out.insert(
            row.try_get::<i64>("", "batch_id")?,
            (u64::try_from(n).unwrap_or(0), row.try_get("", "budget")?, row.try_get("", "spent")?),
        );
    }
    Ok(out)
}

fn batch_dto(b: &fund_batch::Model, totals: Option<&(u64, i64, i64)>) -> FundBatchDto {
    let (projects, budget, spent) = totals.copied().unwrap_or_default();
    FundBatchDto {
        id: FundBatchId(b.id),
        year: b.year,
        seq: b.seq,
        name: b.name.clone(),
        document_no: b.document_no.clone(),
        source: b.source,
        issued_on: b.issued_on,
        amount_fen: Fen(budget),
        projects,
        spent_fen: Fen(spent),
        version: b.version,
    }
}

pub async fn batch(db: &impl ConnectionTrait, user: &CurrentUser, id: FundBatchId) -> AppResult<FundBatchDto> {
    user.require(FUND_READERS)?;
    let b = find_batch(db, user, id).await?;
    let totals = batch_totals(db, vec![b.id]).await?;
    Ok(batch_dto(&b, totals.get(&b.id)))
}

/// The batches of the caller's district, newest year first, then by sequence.
pub async fn batches(
    db: &impl ConnectionTrait,
    user: &CurrentUser,
    query: FundBatchQuery,
) -> AppResult<Vec<FundBatchDto>> {
    user.require(FUND_READERS)?;
    let mut select =
        fund_batch::Entity::find().order_by_desc(fund_batch::Column::Year).order_by_asc(fund_batch::Column::Seq);
    if let Some(year) = query.year {
        select = select.filter(fund_batch::Column::Year.eq(year));
    }
    let rows: Vec<fund_batch::Model> = select.all(db).await?.into_iter().filter(|b| sees_batch(user, b)).collect();
    let totals = batch_totals(db, rows.iter().map(|b| b.id).collect()).await?;
    Ok(rows.iter().map(|b| batch_dto(b, totals.get(&b.id))).collect())
}

/// Files a batch for the caller's district.
pub async fn create_batch(
    db: &DatabaseConnection,
    user: &CurrentUser,
    input: CreateFundBatch,
) -> AppResult<FundBatchDto> {
    user.require(FUND_WRITERS)?;
    let district = org_unit::Entity::find_by_id(user.org_unit_id.0)
        .one(db)
        .await?
        .filter(|u| u.level == OrgLevel::District)
        .ok_or_else(|| AppError::Forbidden("资金批次由区级录入".to_owned()))?;
    let mut v = Validator::new();
    check_year(&mut v, input.year);
    if !(1..=99).contains(&input.seq) {
        v.add("seq", "批次须在 1 到 99 之间");
    }
    let name = required_text(&mut v, "name", &input.name, 128, "批次名称");
    let document_no = required_text(&mut v, "document_no", &input.document_no, 128, "文号");
    not_in_future(&mut v, "issued_on", input.issued_on);
    let taken = fund_batch::Entity::find()
        .filter(fund_batch::Column::OrgUnitId.eq(district.id))
        .filter(fund_batch::Column::Year.eq(input.year))
        .filter(fund_batch::Column::Seq.eq(input.seq))
        .one(db)
        .await?;
    if taken.is_some() {
        v.add("seq", format!("{} 年第 {} 批已存在", input.year, input.seq));
    }
    v.finish()?;
    let txn = db.begin().await?;
    let row = fund_batch::ActiveModel {
        year: Set(input.year),
        seq: Set(input.seq),
        name: Set(name),
        document_no: Set(document_no),
        source: Set(input.source),
        issued_on: Set(input.issued_on),
        org_unit_id: Set(district.id),
        org_path: Set(district.path.clone()),
        version: Set(1),
        created_at: Set(Utc::now()),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    let dto = batch_dto(&row, None);
    audit::record(&txn, Some(user), Event::new("create", "fund_batch", row.id).after(&dto)).await?;
    txn.commit().await?;
    Ok(dto)
}

/// Whether any of these projects has an expenditure on record.
async fn any_expenditure(db: &impl ConnectionTrait, projects: SimpleExpr) -> AppResult<bool> {
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

fn has_expenditures() -> AppError {
    AppError::Conflict { code: "has_expenditures", message: "已有支出记录，不能删除".to_owned() }
}

/// Deletes a batch and its projects; 409 when any of them has an expenditure.
pub async fn delete_batch(db: &DatabaseConnection, user: &CurrentUser, id: FundBatchId) -> AppResult<()> {
    user.require(FUND_WRITERS)?;
    let txn = db.begin().await?;
    let b = find_batch(&txn, user, id).await?;
    if any_expenditure(&txn, project::Column::BatchId.eq(b.id)).await? {
        return Err(has_expenditures());
    }
    let before = batch_dto(&b, batch_totals(&txn, vec![b.id]).await?.get(&b.id));
    project::Entity::delete_many().filter(project::Column::BatchId.eq(b.id)).exec(&txn).await?;
    fund_batch::Entity::delete_by_id(b.id).exec(&txn).await?;
    audit::record(&txn, Some(user), Event::new("delete", "fund_batch", b.id).before(&before)).await?;
    txn.commit().await?;
    Ok(())
}

// ---- projects ----

/// The condition "lies in `unit`'s subtree" on the project table's placement columns.
pub fn project_scope(unit: &org_unit::Model) -> SimpleExpr {
    match unit.level {
        OrgLevel::District => project::Column::DistrictId.eq(unit.id),
        OrgLevel::Township => project::Column::TownshipId.eq(unit.id),
        OrgLevel::Village => project::Column::VillageId.eq(unit.id),
    }
}

async fn find_project(db: &impl ConnectionTrait, user: &CurrentUser, id: ProjectId) -> AppResult<project::Model> {
    project::Entity::find_by_id(id.0).one(db).await?.filter(|p| user.sees(&p.org_path)).ok_or(AppError::NotFound)
}

fn project_dto(p: &project::Model, units: &HashMap<i64, org_unit::Model>) -> ProjectDto {
    ProjectDto {
        id: ProjectId(p.id),
        batch_id: FundBatchId(p.batch_id),
        year: p.year,
        name: p.name.clone(),
        kind: p.kind,
        org_unit: org_units::unit_ref(units, p.org_unit_id),
        budget_fen: Fen(p.budget_fen),
        spent_fen: Fen(p.spent_fen),
        status: p.status,
        started_on: p.started_on,
        completed_on: p.completed_on,
        accepted_on: p.accepted_on,
        beneficiary_households: p.beneficiary_households,
        version: p.version,
    }
}

async fn one_project_dto(db: &impl ConnectionTrait, p: &project::Model) -> AppResult<ProjectDto> {
    let units = org_units::by_ids(db, vec![p.org_unit_id]).await?;
    Ok(project_dto(p, &units))
}

pub async fn project(db: &impl ConnectionTrait, user: &CurrentUser, id: ProjectId) -> AppResult<ProjectDto> {
    user.require(FUND_READERS)?;
    let p = find_project(db, user, id).await?;
    one_project_dto(db, &p).await
}

/// Projects in the caller's subtree (or a unit inside it), by batch, kind and village.
pub async fn projects(
    db: &impl ConnectionTrait,
    user: &CurrentUser,
    query: ProjectQuery,
) -> AppResult<Page<ProjectDto>> {
    user.require(FUND_READERS)?;
    let unit = org_units::scope_unit(db, user, query.org_unit_id).await?;
    let mut select = project::Entity::find().filter(project_scope(&unit));
    if let Some(batch) = query.batch_id {
        select = select.filter(project::Column::BatchId.eq(batch.0));
    }
    if let Some(year) = query.year {
        select = select.filter(project::Column::Year.eq(year));
    }
    if let Some(kind) = query.kind {
        select = select.filter(project::Column::Kind.eq(kind));
    }
    if let Some(status) = query.status {
        select = select.filter(project::Column::Status.eq(status));
    }
    if let Some(q) = query.q.as_deref().map(str::trim).filter(|q| !q.is_empty()) {
        select = select.filter(project::Column::Name.contains(q));
    }
    let select = select
        .order_by_asc(project::Column::Kind)
        .order_by_asc(project::Column::OrgPath)
        .order_by_asc(project::Column::Id);
    let page = paginate(db, select, PageQuery { page: query.page, per_page: query.per_page }, |p| p).await?;
    let units = org_units::by_ids(db, page.items.iter().map(|p| p.org_unit_id).collect()).await?;
    Ok(Page {
        items: page.items.iter().map(|p| project_dto(p, &units)).collect(),
        total: page.total,
        page: page.page,
        per_page: page.per_page,
        total_exact: page.total_exact,
    })
}

/// Files a planned project under a batch, for a unit of the batch's district.
pub async fn create_project(
    db: &DatabaseConnection,
    user: &CurrentUser,
    input: CreateProject,
) -> AppResult<ProjectDto> {
    user.require(FUND_WRITERS)?;
    let mut v = Validator::new();
    let batch = match find_batch(db, user, input.batch_id).await {
        Ok(b) => Some(b),
        Err(AppError::NotFound) => {
            v.add("batch_id", "资金批次不存在");
            None
        }
        Err(e) => return Err(e),
    };
    let unit = match org_units::find_visible(db, user, input.org_unit_id).await {
        Ok(u) if batch.as_ref().is_none_or(|b| u.path.starts_with(&b.org_path)) => Some(u),
        Ok(_) => {
            v.add("org_unit_id", "项目地点须在本批次所属区内");
            None
        }
        Err(AppError::NotFound) => {
            v.add("org_unit_id", "项目地点不存在");
            None
        }
        Err(e) => return Err(e),
    };
    let name = required_text(&mut v, "name", &input.name, 128, "项目名称");
    if input.budget_fen.0 <= 0 {
        v.add("budget_fen", "预算须大于 0");
    }
    if input.beneficiary_households < 0 {
        v.add("beneficiary_households", "受益户数不能为负");
    }
    v.finish()?;
    let (Some(batch), Some(unit)) = (batch, unit) else {
        return Err(AppError::Internal("validated values missing".to_owned()));
    };
    let place = placement(&unit);
    let txn = db.begin().await?;
    let row = project::ActiveModel {
        batch_id: Set(batch.id),
        year: Set(batch.year),
        name: Set(name),
        kind: Set(input.kind),
        district_id: Set(place.district_id),
        org_unit_id: Set(place.org_unit_id),
        org_path: Set(place.org_path),
        township_id: Set(place.township_id),
        village_id: Set(place.village_id),
        budget_fen: Set(input.budget_fen.0),
        spent_fen: Set(0),
        status: Set(ProjectStatus::Planned),
        started_on: Set(None),
        completed_on: Set(None),
        accepted_on: Set(None),
        beneficiary_households: Set(input.beneficiary_households),
        version: Set(1),
        created_at: Set(Utc::now()),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    let dto = one_project_dto(&txn, &row).await?;
    audit::record(&txn, Some(user), Event::new("create", "project", row.id).after(&dto)).await?;
    txn.commit().await?;
    Ok(dto)
}

/// Moves a project one status forward with its date, and/or changes name, budget and
/// beneficiaries; a stale version is 409.
pub async fn update_project(
    db: &DatabaseConnection,
    user: &CurrentUser,
    id: ProjectId,
    input: UpdateProject,
) -> AppResult<ProjectDto> {
    user.require(FUND_WRITERS)?;
    let txn = db.begin().await?;
    let p = find_project(&txn, user, id).await?;
    if p.version != input.version {
        return Err(AppError::stale());
    }
    let before = one_project_dto(&txn, &p).await?;
    let mut v = Validator::new();
    let mut row: project::ActiveModel = p.clone().into();
    if let Some(status) = input.status.filter(|s| *s != p.status) {
        if p.status.next() != Some(status) {
            v.add(
                "status",
                format!("项目状态只能依次前进（计划 → 已开工 → 已竣工 → 已验收），当前为“{}”", status_label(p.status)),
            );
        } else {
            let (field, date) = match status {
                ProjectStatus::Started => ("started_on", input.started_on),
                ProjectStatus::Completed => ("completed_on", input.completed_on),
                _ => ("accepted_on", input.accepted_on),
            };
            match date {
                None => v.add(field, "请填写日期"),
                Some(date) => {
                    not_in_future(&mut v, field, date);
                    let earlier = match status {
                        ProjectStatus::Completed => p.started_on.map(|d| (d, "开工日期")),
                        ProjectStatus::Accepted => p.completed_on.map(|d| (d, "竣工日期")),
                        _ => None,
                    };
                    if let Some((earlier, what)) = earlier
                        && date < earlier
                    {
                        v.add(field, format!("不能早于{what} {earlier}"));
                    }
                    match status {
                        ProjectStatus::Started => row.started_on = Set(Some(date)),
                        ProjectStatus::Completed => row.completed_on = Set(Some(date)),
                        _ => row.accepted_on = Set(Some(date)),
                    }
                }
            }
            row.status = Set(status);
        }
    }
    if let Some(name) = &input.name {
        row.name = Set(required_text(&mut v, "name", name, 128, "项目名称"));
    }
    if let Some(budget) = input.budget_fen {
        if budget.0 <= 0 {
            v.add("budget_fen", "预算须大于 0");
        } else if budget.0 < p.spent_fen {
            v.add("budget_fen", format!("预算不能少于已支出的 {} 元", yuan(p.spent_fen)));
        }
        row.budget_fen = Set(budget.0);
    }
    if let Some(n) = input.beneficiary_households {
        if n < 0 {
            v.add("beneficiary_households", "受益户数不能为负");
        }
        row.beneficiary_households = Set(n);
    }
    v.finish()?;
    row.version = Set(p.version + 1);
    let updated = project::Entity::update_many()
        .set(row)
        .filter(project::Column::Id.eq(p.id))
        .filter(project::Column::Version.eq(p.version))
        .exec(&txn)
        .await?;
    if updated.rows_affected == 0 {
        return Err(AppError::stale());
    }
    let after = project(&txn, user, id).await?;
    audit::record(&txn, Some(user), Event::new("update", "project", p.id).before(&before).after(&after)).await?;
    txn.commit().await?;
    Ok(after)
}

/// Deletes a project without expenditures; 409 otherwise.
pub async fn delete_project(db: &DatabaseConnection, user: &CurrentUser, id: ProjectId) -> AppResult<()> {
    user.require(FUND_WRITERS)?;
    let txn = db.begin().await?;
    let p = find_project(&txn, user, id).await?;
    if any_expenditure(&txn, project::Column::Id.eq(p.id)).await? {
        return Err(has_expenditures());
    }
    let before = one_project_dto(&txn, &p).await?;
    project::Entity::delete_by_id(p.id).exec(&txn).await?;
    audit::record(&txn, Some(user), Event::new("delete", "project", p.id).before(&before)).await?;
    txn.commit().await?;
    Ok(())
}

// ---- expenditures ----

fn expenditure_dto(e: &expenditure::Model) -> ExpenditureDto {
    ExpenditureDto {
        id: ExpenditureId(e.id),
        project_id: ProjectId(e.project_id),
        amount_fen: Fen(e.amount_fen),
        paid_on: e.paid_on,
        voucher_no: e.voucher_no.clone(),
    }
}

pub async fn expenditures(
    db: &impl ConnectionTrait,
    user: &CurrentUser,
    id: ProjectId,
) -> AppResult<Vec<ExpenditureDto>> {
    user.require(FUND_READERS)?;
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
/// whether it did. One statement, so concurrent payments cannot overspend together.
pub async fn charge(db: &impl ConnectionTrait, project_id: i64, amount: i64) -> AppResult<bool> {
    let updated = project::Entity::update_many()
        .col_expr(project::Column::SpentFen, Expr::col(project::Column::SpentFen).add(amount))
        .filter(project::Column::Id.eq(project_id))
        .filter(Expr::col(project::Column::SpentFen).add(amount).lte(Expr::col(project::Column::BudgetFen)))
        .exec(db)
        .await?;
    Ok(updated.rows_affected == 1)
}

async fn voucher_taken(db: &impl ConnectionTrait, voucher: &str) -> AppResult<bool> {
    Ok(expenditure::Entity::find().filter(expenditure::Column::VoucherNo.eq(voucher)).one(db).await?.is_some())
}

/// Records a payment; 422 when it would take spending over the budget (naming what remains),
/// when the voucher number is on file, or when the project has not started.
pub async fn add_expenditure(
    db: &DatabaseConnection,
    user: &CurrentUser,
    id: ProjectId,
    input: CreateExpenditure,
) -> AppResult<ExpenditureDto> {
    user.require(FUND_WRITERS)?;
    let txn = db.begin().await?;
    let p = find_project(&txn, user, id).await?;
    let mut v = Validator::new();
    let voucher = required_text(&mut v, "voucher_no", &input.voucher_no, 64, "凭证号");
    if !voucher.is_empty() && voucher_taken(&txn, &voucher).await? {
        v.add("voucher_no", format!("凭证号 {voucher} 已登记"));
    }
    not_in_future(&mut v, "paid_on", input.paid_on);
    if p.status == ProjectStatus::Planned {
        v.add("amount_fen", "项目尚未开工，不能登记支出");
    }
    if input.amount_fen.0 <= 0 {
        v.add("amount_fen", "金额须大于 0");
    } else if v.is_empty() && !charge(&txn, p.id, input.amount_fen.0).await? {
        let now = project::Entity::find_by_id(p.id).one(&txn).await?.ok_or(AppError::NotFound)?;
        v.add("amount_fen", format!("超出项目预算：剩余可支出 {} 元", yuan(now.budget_fen - now.spent_fen)));
    }
    v.finish()?;
    let row = expenditure::ActiveModel {
        project_id: Set(p.id),
        amount_fen: Set(input.amount_fen.0),
        paid_on: Set(input.paid_on),
        voucher_no: Set(voucher),
        created_at: Set(Utc::now()),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    let dto = expenditure_dto(&row);
    audit::record(&txn, Some(user), Event::new("create", "expenditure", row.id).after(&dto)).await?;
    txn.commit().await?;
    Ok(dto)
}

/// Removes a payment entered by mistake, giving the amount back to the project.
pub async fn delete_expenditure(db: &DatabaseConnection, user: &CurrentUser, id: ExpenditureId) -> AppResult<()> {
    user.require(FUND_WRITERS)?;
    let txn = db.begin().await?;
    let e = expenditure::Entity::find_by_id(id.0).one(&txn).await?.ok_or(AppError::NotFound)?;
    find_project(&txn, user, ProjectId(e.project_id)).await?;
    project::Entity::update_many()
        .col_expr(project::Column::SpentFen, Expr::col(project::Column::SpentFen).sub(e.amount_fen))
        .filter(project::Column::Id.eq(e.project_id))
        .exec(&txn)
        .await?;
    expenditure::Entity::delete_by_id(e.id).exec(&txn).await?;
    audit::record(&txn, Some(user), Event::new("delete", "expenditure", e.id).before(&expenditure_dto(&e))).await?;
    txn.commit().await?;
    Ok(())
}

// ---- rates ----

/// One group of a year's projects in a subtree.
struct Group {
    kind: ProjectKind,
    status: ProjectStatus,
    projects: u64,
    budget: i64,
    spent: i64,
}

/// A year's projects under `unit`, grouped by kind and status: one pass over a covering index.
async fn groups(db: &impl ConnectionTrait, year: i32, unit: &org_unit::Model) -> AppResult<Vec<Group>> {
    let query = Query::select()
        .column(project::Column::Kind)
        .column(project::Column::Status)
        .expr_as(Expr::cust("COUNT(*)"), Alias::new("n"))
        .expr_as(Expr::cust("CAST(SUM(budget_fen) AS BIGINT)"), Alias::new("budget"))
        .expr_as(Expr::cust("CAST(SUM(spent_fen) AS BIGINT)"), Alias::new("spent"))
        .from(project::Entity)
        .and_where(project::Column::Year.eq(year))
        .and_where(project_scope(unit))
        .group_by_col(project::Column::Kind)
        .group_by_col(project::Column::Status)
        .to_owned();
    let mut out = Vec::new();
    for row in db.query_all(&query).await? {
        let kind: String = row.try_get("", "kind")?;
        let status: String = row.try_get("", "status")?;
        let n: i64 = row.try_get("", "n")?;
        out.push(Group {
            kind: kind.parse().map_err(AppError::Internal)?,
            status: status.parse().map_err(AppError::Internal)?,
            projects: u64::try_from(n).unwrap_or(0),
            budget: row.try_get("", "budget")?,
            spent: row.try_get("", "spent")?,
        });
    }
    Ok(out)
}

/// The year's rates for the caller's subtree or a unit inside it.
pub async fn rates(db: &impl ConnectionTrait, user: &CurrentUser, query: RatesQuery) -> AppResult<FundRates> {
    user.require(FUND_READERS)?;
    let unit = org_units::scope_unit(db, user, query.org_unit_id).await?;
    let mut r = FundRates::default();
    for g in groups(db, query.year, &unit).await? {
        r.projects += g.projects;
        r.budget_fen.0 += g.budget;
        r.spent_fen.0 += g.spent;
        if g.status.is_started() {
            r.started += g.projects;
        }
        if g.status.is_completed() {
            r.completed += g.projects;
        }
        if g.kind == ProjectKind::Industry {
            r.industry_projects += g.projects;
            r.industry_budget_fen.0 += g.budget;
        }
    }
    let projects = i64::try_from(r.projects).unwrap_or(i64::MAX);
    r.start_rate_bp = rate_bp(i64::try_from(r.started).unwrap_or(0), projects);
    r.completion_rate_bp = rate_bp(i64::try_from(r.completed).unwrap_or(0), projects);
    r.expenditure_rate_bp = rate_bp(r.spent_fen.0, r.budget_fen.0);
    r.industry_share_bp = rate_bp(r.industry_budget_fen.0, r.budget_fen.0);
    Ok(r)
}

/// Budget and spending by project kind (every kind, zeros included), for the charts.
pub async fn by_kind(db: &impl ConnectionTrait, user: &CurrentUser, query: RatesQuery) -> AppResult<Vec<KindTotal>> {
    user.require(FUND_READERS)?;
    let unit = org_units::scope_unit(db, user, query.org_unit_id).await?;
    let groups = groups(db, query.year, &unit).await?;
    Ok(ProjectKind::ALL
        .iter()
        .map(|kind| {
            let mine = groups.iter().filter(|g| g.kind == *kind);
            KindTotal {
                kind: *kind,
                projects: mine.clone().map(|g| g.projects).sum(),
                budget_fen: Fen(mine.clone().map(|g| g.budget).sum()),
                spent_fen: Fen(mine.map(|g| g.spent).sum()),
            }
        })
        .collect())
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
    let mut unit_ids: Vec<i64> = rows.iter().map(|p| p.org_unit_id).collect();
    unit_ids.sort_unstable();
    unit_ids.dedup();
    let units = org_units::by_ids(db, unit_ids).await?;
    Ok((dto, rows.iter().map(|p| project_dto(p, &units)).collect()))
}
