//! Problems: listed overdue first in the caller's subtree, registered by the district under an
//! inspection and placed in a unit (maybe one household), read whole with measures and history.

use std::collections::HashMap;

use chrono::Utc;
use jingzhun_shared::error::Validator;
use jingzhun_shared::oversight::{
    ProblemAction, ProblemDetail, ProblemDto, ProblemInput, ProblemQuery, ProblemStatus, ProblemStepDto, days_overdue,
};
use jingzhun_shared::page::{Page, PageQuery};
use jingzhun_shared::text::NOTE_MAX;
use jingzhun_shared::{Capability, HouseholdId, OrgUnitId};
use sea_orm::sea_query::{Expr, Order};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, Condition, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder,
};

use crate::actor::CurrentUser;
use crate::entities::{household, inspection, org_unit, problem, problem_measure, problem_step};
use crate::error::{AppError, AppResult};
use crate::services::org::org_units;
use crate::services::txn::{Db, created, in_txn};
use crate::services::{by_ids, found, paginate, required_text, with_items};

/// The problem `id` when it lies in the caller's subtree; 404 otherwise.
pub async fn visible(db: &impl ConnectionTrait, user: &CurrentUser, id: i64) -> AppResult<problem::Model> {
    problem::Entity::find_by_id(id).one(db).await?.filter(|p| user.sees(&p.org_path)).ok_or(AppError::NotFound)
}

/// The problems of `rows` as DTOs, with their inspection, unit, household number and measures.
pub async fn dtos(
    db: &impl ConnectionTrait,
    user: &CurrentUser,
    rows: &[problem::Model],
) -> AppResult<Vec<ProblemDto>> {
    let inspections =
        by_ids::<inspection::Entity>(db, rows.iter().map(|p| p.inspection_id).collect(), |i| i.id).await?;
    let units = by_ids::<org_unit::Entity>(db, rows.iter().map(|p| p.org_unit_id).collect(), |u| u.id).await?;
    let households =
        by_ids::<household::Entity>(db, rows.iter().filter_map(|p| p.household_id).collect(), |h| h.id).await?;
    let measures = problem_measure::Entity::find()
        .filter(problem_measure::Column::ProblemId.is_in(rows.iter().map(|p| p.id)))
        .all(db)
        .await?;
    let mut counts: HashMap<i64, (u64, u64)> = HashMap::new();
    for m in measures {
        let entry = counts.entry(m.problem_id).or_default();
        entry.0 += 1;
        entry.1 += u64::from(m.done_on.is_some());
    }
    Ok(rows
        .iter()
        .map(|p| {
            let inspection = inspections.get(&p.inspection_id);
            let (measures, measures_done) = counts.get(&p.id).copied().unwrap_or_default();
            ProblemDto {
                id: p.id,
                inspection_id: p.inspection_id,
                inspection_name: inspection.map(|i| i.name.clone()).unwrap_or_default(),
                source: inspection.map_or(jingzhun_shared::oversight::InspectionSource::Other, |i| i.source),
                description: p.description.clone(),
                category: p.category,
                org_unit_id: OrgUnitId(p.org_unit_id),
                org_unit_name: units.get(&p.org_unit_id).map(|u| u.name.clone()).unwrap_or_default(),
                household_id: p.household_id.map(HouseholdId),
                household_number: p.household_id.and_then(|h| households.get(&h)).map(|h| h.number.clone()),
                responsible_units: p.responsible_units.clone(),
                leader: p.leader.clone(),
                deadline: p.deadline,
                status: p.status,
                days_overdue: days_overdue(p.deadline, p.status, user.today),
                measures,
                measures_done,
            }
        })
        .collect())
}

/// Problems in the caller's subtree (or a unit inside it): overdue first, the longest overdue
/// on top, then by deadline.
pub async fn problems(
    db: &impl ConnectionTrait,
    user: &CurrentUser,
    query: ProblemQuery,
) -> AppResult<Page<ProblemDto>> {
    user.require(Capability::ReadRectification)?;
    let unit = org_units::scope_unit(db, user, query.org_unit_id).await?;
    let overdue = Condition::all()
        .add(problem::Column::Status.ne(ProblemStatus::Closed))
        .add(problem::Column::Deadline.lt(user.today));
    let mut select = problem::Entity::find().filter(problem::Column::OrgPath.starts_with(&unit.path));
    if let Some(id) = query.inspection_id {
        select = select.filter(problem::Column::InspectionId.eq(id));
    }
    if let Some(status) = query.status {
        select = select.filter(problem::Column::Status.eq(status));
    }
    if query.overdue == Some(true) {
        select = select.filter(overdue.clone());
    }
    let select = select
        .order_by(Into::<Expr>::into(Expr::case(overdue, 0).finally(1)), Order::Asc)
        .order_by_asc(problem::Column::Deadline)
        .order_by_asc(problem::Column::Id);
    let page = paginate(db, select, PageQuery { page: query.page, per_page: query.per_page }, |r| r).await?;
    let items = dtos(db, user, &page.items).await?;
    Ok(with_items(page, items))
}

/// One problem with its measures and its history, oldest step first.
pub async fn problem(db: &impl ConnectionTrait, user: &CurrentUser, id: i64) -> AppResult<ProblemDetail> {
    user.require(Capability::ReadRectification)?;
    let row = visible(db, user, id).await?;
    detail(db, user, row).await
}

/// `row` read whole.
pub async fn detail(db: &impl ConnectionTrait, user: &CurrentUser, row: problem::Model) -> AppResult<ProblemDetail> {
    let measures = super::measures::of(db, row.id).await?;
    let history = problem_step::Entity::find()
        .filter(problem_step::Column::ProblemId.eq(row.id))
        .order_by_asc(problem_step::Column::Id)
        .all(db)
        .await?
        .into_iter()
        .map(|s| ProblemStepDto {
            action: s.action,
            status: s.status,
            on: s.taken_on,
            by: s.by_name,
            note: s.note,
            evidence: s.evidence,
        })
        .collect();
    let problem = dtos(db, user, std::slice::from_ref(&row)).await?.into_iter().next().ok_or(AppError::NotFound)?;
    Ok(ProblemDetail { problem, measures, history })
}

/// The unit and household a problem input names, each checked against the caller's subtree
/// and each other.
async fn placed(
    db: &impl ConnectionTrait,
    user: &CurrentUser,
    v: &mut Validator,
    input: &ProblemInput,
) -> AppResult<Option<org_unit::Model>> {
    let unit = found(v, "org_unit_id", "所选单位不存在", org_units::find_visible(db, user, input.org_unit_id).await)?;
    if let (Some(unit), Some(h)) = (&unit, input.household_id) {
        let household = household::Entity::find_by_id(h.0).one(db).await?;
        if !household.is_some_and(|h| h.org_path.starts_with(&unit.path)) {
            v.add("household_id", "该农户不在所选单位");
        }
    }
    Ok(unit)
}

/// Registers a problem of an inspection, open, with its first step.
pub async fn create_problem(db: &impl Db, user: &CurrentUser, input: ProblemInput) -> AppResult<ProblemDto> {
    user.require(Capability::ManageRectification)?;
    let mut v = Validator::new();
    let inspection = inspection::Entity::find_by_id(input.inspection_id).one(db).await?;
    if inspection.is_none() {
        v.add("inspection_id", "所选检查不存在");
    }
    let description = required_text(&mut v, "description", &input.description, 2000, "问题描述");
    let responsible_units = required_text(&mut v, "responsible_units", &input.responsible_units, NOTE_MAX, "责任单位");
    let leader = required_text(&mut v, "leader", &input.leader, 64, "责任领导");
    let unit = placed(db, user, &mut v, &input).await?;
    if let Some(i) = &inspection
        && input.deadline < i.received_on
    {
        v.add("deadline", "整改时限不能早于收到问题的日期");
    }
    v.finish()?;
    let unit = unit.ok_or(AppError::NotFound)?;
    in_txn(db, Some(user), async |txn| {
        let row = problem::ActiveModel {
            inspection_id: Set(input.inspection_id),
            description: Set(description),
            category: Set(input.category),
            org_unit_id: Set(unit.id),
            org_path: Set(unit.path.clone()),
            household_id: Set(input.household_id.map(|h| h.0)),
            responsible_units: Set(responsible_units),
            leader: Set(leader),
            deadline: Set(input.deadline),
            status: Set(ProblemStatus::Open),
            created_on: Set(user.today),
            created_at: Set(Utc::now()),
            ..Default::default()
        }
        .insert(txn)
        .await?;
        super::steps::record(txn, user, row.id, ProblemAction::Created, ProblemStatus::Open, None, None).await?;
        let dto = dtos(txn, user, std::slice::from_ref(&row)).await?.into_iter().next().ok_or(AppError::NotFound)?;
        Ok(created("problem", row.id, dto))
    })
    .await
}
