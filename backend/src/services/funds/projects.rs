//! Projects under a batch: placed at a unit of the batch's district, moved through planned →
//! started → completed → accepted (never started before the batch was issued), with their
//! budget — allocated from the batch's issued amount through [`super::allocation::allocate`] —
//! and what they build ([`super::outputs`]).

use std::collections::HashMap;

use chrono::{NaiveDate, Utc};
use jingzhun_shared::error::Validator;
use jingzhun_shared::funds::{CreateProject, ProjectDto, ProjectQuery, UpdateProject};
use jingzhun_shared::industry::Quantity;
use jingzhun_shared::page::{Page, PageQuery};
use jingzhun_shared::{Capability, Fen, FundBatchId, HouseholdId, OrgLevel, ProjectId, ProjectStatus};
use sea_orm::sea_query::SimpleExpr;
use sea_orm::{ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder};

use super::allocation::{allocate, over_issued};
use super::batches::find_batch;
use super::expenditures::{any_expenditure, has_expenditures};
use super::outputs::{announcement, beneficiaries, delete_links, link, linked, quantity, update_outputs};
use super::yuan;
use crate::actor::CurrentUser;
use crate::entities::{fund_batch, org_unit, project};
use crate::error::{AppError, AppResult};
use crate::services::org::org_units;
use crate::services::org::placement::placement;
use crate::services::txn::{Db, created, deleted, in_txn, updated};
use crate::services::typed_date;
use crate::services::versioned::{bumped, update_at_version};
use crate::services::{found, paginate, required_text, with_items};

/// The condition "lies in `unit`'s subtree" on the project table's placement columns.
pub fn project_scope(unit: &org_unit::Model) -> SimpleExpr {
    match unit.level {
        OrgLevel::District => project::Column::DistrictId.eq(unit.id),
        OrgLevel::Township => project::Column::TownshipId.eq(unit.id),
        OrgLevel::Village => project::Column::VillageId.eq(unit.id),
    }
}

pub(super) async fn find_project(
    db: &impl ConnectionTrait,
    user: &CurrentUser,
    id: ProjectId,
) -> AppResult<project::Model> {
    project::Entity::find_by_id(id.0).one(db).await?.filter(|p| user.sees(&p.org_path)).ok_or(AppError::NotFound)
}

fn project_dto(p: &project::Model, units: &HashMap<i64, org_unit::Model>, households: &[HouseholdId]) -> ProjectDto {
    ProjectDto {
        id: ProjectId(p.id),
        batch_id: FundBatchId(p.batch_id),
        year: p.year,
        name: p.name.clone(),
        kind: p.kind,
        org_unit: org_units::unit_ref(units, p.org_unit_id),
        budget_fen: Fen::new(p.budget_fen),
        spent_fen: Fen::new(p.spent_fen),
        status: p.status,
        started_on: p.started_on,
        completed_on: p.completed_on,
        accepted_on: p.accepted_on,
        quantity: p.quantity.map(Quantity::from_hundredths),
        unit: p.unit.clone(),
        household_ids: households.to_vec(),
        beneficiary_households: households.len() as u64,
        announced_from: p.announced_from,
        announced_to: p.announced_to,
        version: p.version,
    }
}

/// The rows as the API shows them: three queries whatever their number.
pub(super) async fn projects_dtos(db: &impl ConnectionTrait, rows: &[project::Model]) -> AppResult<Vec<ProjectDto>> {
    let mut unit_ids: Vec<i64> = rows.iter().map(|p| p.org_unit_id).collect();
    unit_ids.sort_unstable();
    unit_ids.dedup();
    let units = org_units::by_ids(db, unit_ids).await?;
    let households = linked(db, rows.iter().map(|p| p.id).collect()).await?;
    Ok(rows.iter().map(|p| project_dto(p, &units, households.get(&p.id).map_or(&[], Vec::as_slice))).collect())
}

async fn one_project_dto(db: &impl ConnectionTrait, p: &project::Model) -> AppResult<ProjectDto> {
    let mut dtos = projects_dtos(db, std::slice::from_ref(p)).await?;
    dtos.pop().ok_or(AppError::NotFound)
}

pub async fn project(db: &impl ConnectionTrait, user: &CurrentUser, id: ProjectId) -> AppResult<ProjectDto> {
    user.require(Capability::ReadFunds)?;
    let p = find_project(db, user, id).await?;
    one_project_dto(db, &p).await
}

/// Projects in the caller's subtree (or a unit inside it), by batch, kind and village.
pub async fn projects(
    db: &impl ConnectionTrait,
    user: &CurrentUser,
    query: ProjectQuery,
) -> AppResult<Page<ProjectDto>> {
    user.require(Capability::ReadFunds)?;
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
    let items = projects_dtos(db, &page.items).await?;
    Ok(with_items(page, items))
}

/// A new project's checked fields.
struct NewProject {
    batch: fund_batch::Model,
    unit: org_unit::Model,
    name: String,
    quantity: (Option<i64>, Option<String>),
    households: Vec<i64>,
}

/// Files a planned project under a batch, for a unit of the batch's district; 422 when its
/// budget would take the batch over its issued amount.
pub async fn create_project(db: &impl Db, user: &CurrentUser, input: CreateProject) -> AppResult<ProjectDto> {
    user.require(Capability::EditFunds)?;
    in_txn(db, Some(user), async |txn| {
        let NewProject { batch, unit, name, quantity, households } = check_create(txn, user, &input).await?;
        if !allocate(txn, batch.id, input.budget_fen.fen()).await? {
            return Err(over_issued(txn, batch.id).await?);
        }
        let mut row = project::ActiveModel {
            batch_id: Set(batch.id),
            year: Set(batch.year),
            name: Set(name),
            kind: Set(input.kind),
            budget_fen: Set(input.budget_fen.fen()),
            spent_fen: Set(0),
            status: Set(ProjectStatus::Planned),
            started_on: Set(None),
            completed_on: Set(None),
            accepted_on: Set(None),
            quantity: Set(quantity.0),
            unit: Set(quantity.1),
            announced_from: Set(input.announced_from),
            announced_to: Set(input.announced_to),
            version: Set(1),
            created_at: Set(Utc::now()),
            ..Default::default()
        };
        placement(&unit).apply(&mut row)?;
        let row = row.insert(txn).await?;
        link(txn, row.id, &households).await?;
        let dto = one_project_dto(txn, &row).await?;
        Ok(created("project", row.id, dto))
    })
    .await
}

/// The batch, unit, name and outputs of a new project, or every invalid field in one 422.
async fn check_create(db: &impl ConnectionTrait, user: &CurrentUser, input: &CreateProject) -> AppResult<NewProject> {
    let mut v = Validator::new();
    let batch = found(&mut v, "batch_id", "资金批次不存在", find_batch(db, user, input.batch_id).await)?;
    let unit = match found(
        &mut v,
        "org_unit_id",
        "项目地点不存在",
        org_units::find_visible(db, user, input.org_unit_id).await,
    )? {
        Some(u) if batch.as_ref().is_some_and(|b| !u.path.starts_with(&b.org_path)) => {
            v.add("org_unit_id", "项目地点须在本批次所属区内");
            None
        }
        unit => unit,
    };
    let name = required_text(&mut v, "name", &input.name, jingzhun_shared::text::NAME_MAX, "项目名称");
    v.check("budget_fen", input.budget_fen.positive_amount("预算"));
    let quantity = quantity(&mut v, input.quantity, input.unit.as_deref());
    announcement(&mut v, user, input.announced_from, input.announced_to);
    let households = match &unit {
        Some(u) => beneficiaries(db, user, &mut v, &u.path, &input.household_ids).await?,
        None => Vec::new(),
    };
    Ok(v.finish_with(|| Some(NewProject { batch: batch?, unit: unit?, name, quantity, households }))?)
}

/// Moves a project one status forward with its date, and/or changes name, budget (within what
/// the batch has left), what it builds and its beneficiaries; a stale version is 409.
pub async fn update_project(
    db: &impl Db,
    user: &CurrentUser,
    id: ProjectId,
    input: UpdateProject,
) -> AppResult<ProjectDto> {
    user.require(Capability::EditFunds)?;
    in_txn(db, Some(user), async |txn| {
        let p = find_project(txn, user, id).await?;
        if p.version != input.version {
            return Err(AppError::stale());
        }
        let batch = fund_batch::Entity::find_by_id(p.batch_id).one(txn).await?.ok_or(AppError::NotFound)?;
        let before = one_project_dto(txn, &p).await?;
        let mut v = Validator::new();
        let mut row: project::ActiveModel = p.clone().into();
        if let Some(status) = input.status.filter(|s| *s != p.status) {
            move_status(&mut v, user, (&p, batch.issued_on), &mut row, status, &input);
        }
        if let Some(name) = &input.name {
            row.name = Set(required_text(&mut v, "name", name, jingzhun_shared::text::NAME_MAX, "项目名称"));
        }
        if let Some(budget) = input.budget_fen {
            if let Err(message) = budget.positive_amount("预算") {
                v.add("budget_fen", message);
            } else if budget.fen() < p.spent_fen {
                v.add("budget_fen", format!("预算不能少于已支出的 {} 元", yuan(p.spent_fen)));
            }
            row.budget_fen = Set(budget.fen());
        }
        let households = update_outputs(txn, user, &mut v, &p, &mut row, &input).await?;
        v.finish()?;
        let change = input.budget_fen.map_or(0, |b| b.fen() - p.budget_fen);
        if change != 0 && !allocate(txn, p.batch_id, change).await? {
            return Err(over_issued(txn, p.batch_id).await?);
        }
        // A payment since the read bumped the version (`charge`), so a budget checked against
        // the spending read above is never written below what is spent now.
        update_at_version(txn, project::Entity::update_many().set(row), p.id, p.version).await?;
        if let Some(households) = households {
            link(txn, p.id, &households).await?;
        }
        let after = project(txn, user, id).await?;
        Ok(updated("project", p.id, &before, after))
    })
    .await
}

/// Moves `row` to `status` with its date when that is the next status of `p` (whose batch was
/// issued on the date given with it), else records why not on `v`.
fn move_status(
    v: &mut Validator,
    user: &CurrentUser,
    (p, issued_on): (&project::Model, NaiveDate),
    row: &mut project::ActiveModel,
    status: ProjectStatus,
    input: &UpdateProject,
) {
    if p.status.next() != Some(status) {
        v.add("status", format!("项目状态只能依次前进（计划 → 已开工 → 已竣工 → 已验收），当前为“{}”", p.status.zh()));
        return;
    }
    let (field, date) = match status {
        ProjectStatus::Started => ("started_on", input.started_on),
        ProjectStatus::Completed => ("completed_on", input.completed_on),
        _ => ("accepted_on", input.accepted_on),
    };
    match date {
        None => v.add(field, "请填写日期"),
        Some(date) => {
            typed_date(v, user, field, date);
            let earlier = match status {
                ProjectStatus::Started => Some((issued_on, "资金下达日期")),
                ProjectStatus::Completed => p.started_on.map(|d| (d, "开工日期")),
                ProjectStatus::Accepted => p.completed_on.map(|d| (d, "竣工日期")),
                ProjectStatus::Planned => None,
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

/// Deletes a project without expenditures; 409 otherwise.
pub async fn delete_project(db: &impl Db, user: &CurrentUser, id: ProjectId) -> AppResult<()> {
    user.require(Capability::EditFunds)?;
    in_txn(db, Some(user), async |txn| {
        let p = find_project(txn, user, id).await?;
        if any_expenditure(txn, project::Column::Id.eq(p.id)).await? {
            return Err(has_expenditures());
        }
        let before = one_project_dto(txn, &p).await?;
        // Rows are taken in the order every write takes them — the batch, the project, its
        // links — so two writes never wait for each other. The budget goes back to the batch;
        // then the project is held only while still unpaid and at the version read (a payment
        // or an edit that lands after the reads above keeps it, the transaction undone).
        allocate(txn, p.batch_id, -p.budget_fen).await?;
        let held = bumped(project::Entity::update_many())
            .filter(project::Column::Id.eq(p.id))
            .filter(project::Column::SpentFen.eq(0))
            .filter(project::Column::Version.eq(p.version))
            .exec(txn)
            .await?;
        if held.rows_affected == 0 {
            let now = project::Entity::find_by_id(p.id).one(txn).await?;
            return Err(if now.is_some_and(|n| n.spent_fen > 0) { has_expenditures() } else { AppError::stale() });
        }
        delete_links(txn, project::Column::Id.eq(p.id)).await?;
        project::Entity::delete_by_id(p.id).exec(txn).await?;
        Ok(deleted("project", p.id, &before))
    })
    .await
}
