//! The rectification board (open, overdue and closed problems today, by source and by
//! township) and the year's figures, replayed from the problems' history for a past date.

use std::collections::{BTreeMap, HashMap};

use chrono::NaiveDate;
use jingzhun_shared::money::rate_bp;
use jingzhun_shared::oversight::{
    BoardQuery, InspectionSource, OversightFigures, OversightFiguresQuery, ProblemCounts, ProblemStatus,
    RectificationBoard, SourceCounts, UnitCounts, days_overdue,
};
use jingzhun_shared::{Capability, OrgUnitId};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder};

use crate::actor::CurrentUser;
use crate::entities::{inspection, org_unit, problem, problem_measure, problem_step};
use crate::error::AppResult;
use crate::services::by_ids;
use crate::services::org::org_units;

fn count(counts: &mut ProblemCounts, status: ProblemStatus, overdue: bool) {
    if status == ProblemStatus::Closed {
        counts.closed += 1;
    } else {
        counts.open += 1;
        counts.overdue += u64::from(overdue);
    }
}

/// The unit directly under `scope` that `path` lies in, or `scope` itself for its own rows.
fn child_under(scope: &org_unit::Model, path: &str) -> i64 {
    path.strip_prefix(&scope.path)
        .and_then(|rest| rest.split('/').next())
        .and_then(|id| id.parse().ok())
        .unwrap_or(scope.id)
}

/// Open, overdue and closed problems of the caller's subtree today, by source and by unit.
pub async fn board(db: &impl ConnectionTrait, user: &CurrentUser, query: BoardQuery) -> AppResult<RectificationBoard> {
    user.require(Capability::ReadRectification)?;
    let scope = org_units::scope_unit(db, user, query.org_unit_id).await?;
    let rows = problem::Entity::find().filter(problem::Column::OrgPath.starts_with(&scope.path)).all(db).await?;
    let inspections =
        by_ids::<inspection::Entity>(db, rows.iter().map(|p| p.inspection_id).collect(), |i| i.id).await?;
    let mut total = ProblemCounts::default();
    let mut by_source: BTreeMap<usize, ProblemCounts> = BTreeMap::new();
    let mut by_unit: BTreeMap<i64, ProblemCounts> = BTreeMap::new();
    for p in &rows {
        let overdue = days_overdue(p.deadline, p.status, user.today).is_some();
        let source = inspections.get(&p.inspection_id).map_or(InspectionSource::Other, |i| i.source);
        let rank = InspectionSource::ALL.iter().position(|s| *s == source).unwrap_or_default();
        count(&mut total, p.status, overdue);
        count(by_source.entry(rank).or_default(), p.status, overdue);
        count(by_unit.entry(child_under(&scope, &p.org_path)).or_default(), p.status, overdue);
    }
    let names = by_ids::<org_unit::Entity>(db, by_unit.keys().copied().collect(), |u| u.id).await?;
    Ok(RectificationBoard {
        today: Some(user.today),
        total,
        by_source: by_source
            .into_iter()
            .filter_map(|(rank, counts)| InspectionSource::ALL.get(rank).map(|s| SourceCounts { source: *s, counts }))
            .collect(),
        by_unit: by_unit
            .into_iter()
            .map(|(id, counts)| UnitCounts {
                org_unit_id: OrgUnitId(id),
                name: names.get(&id).map(|u| u.name.clone()).unwrap_or_default(),
                counts,
            })
            .collect(),
    })
}

/// Each problem's status on `day`, from its last step taken by then.
async fn statuses_on(
    db: &impl ConnectionTrait,
    ids: Vec<i64>,
    day: NaiveDate,
) -> AppResult<HashMap<i64, ProblemStatus>> {
    let mut out = HashMap::with_capacity(ids.len());
    // A thousand problems a query: a province's year can pass the engines' bind limits.
    for chunk in ids.chunks(1_000) {
        let steps = problem_step::Entity::find()
            .filter(problem_step::Column::ProblemId.is_in(chunk.to_vec()))
            .filter(problem_step::Column::TakenOn.lte(day))
            .order_by_asc(problem_step::Column::Id)
            .all(db)
            .await?;
        out.extend(steps.into_iter().map(|s| (s.problem_id, s.status)));
    }
    Ok(out)
}

/// The inspections a figure counts: all of them for the district, else those with a problem in
/// the unit's subtree.
fn inspections_counted(scope: &org_unit::Model, all: &[inspection::Model], problems: &[problem::Model]) -> u64 {
    if scope.parent_id.is_none() {
        return all.len() as u64;
    }
    let with_problems: std::collections::HashSet<i64> = problems.iter().map(|p| p.inspection_id).collect();
    with_problems.len() as u64
}

/// The year's inspections and their problems in the caller's subtree (or a unit inside it) as
/// recorded up to `as_of` (the caller's today when absent).
pub async fn figures(
    db: &impl ConnectionTrait,
    user: &CurrentUser,
    query: OversightFiguresQuery,
) -> AppResult<OversightFigures> {
    user.require(Capability::ReadRectification)?;
    let scope = org_units::scope_unit(db, user, query.org_unit_id).await?;
    let day = query.as_of.unwrap_or(user.today);
    let (first, last) = super::inspections::year_bounds(query.year);
    let inspections =
        inspection::Entity::find().filter(inspection::Column::ReceivedOn.between(first, last.min(day))).all(db).await?;
    let problems = problem::Entity::find()
        .filter(problem::Column::InspectionId.is_in(inspections.iter().map(|i| i.id)))
        .filter(problem::Column::OrgPath.starts_with(&scope.path))
        .filter(problem::Column::CreatedOn.lte(day))
        .all(db)
        .await?;
    let ids: Vec<i64> = problems.iter().map(|p| p.id).collect();
    let statuses = statuses_on(db, ids.clone(), day).await?;
    let mut measures = Vec::new();
    for chunk in ids.chunks(1_000) {
        measures.extend(
            problem_measure::Entity::find()
                .filter(problem_measure::Column::ProblemId.is_in(chunk.to_vec()))
                .filter(problem_measure::Column::CreatedOn.lte(day))
                .all(db)
                .await?,
        );
    }
    let mut f = OversightFigures {
        year: query.year,
        as_of: Some(day),
        inspections: inspections_counted(&scope, &inspections, &problems),
        problems: problems.len() as u64,
        measures: measures.len() as u64,
        measures_done: measures.iter().filter(|m| m.done_on.is_some_and(|d| d <= day)).count() as u64,
        ..Default::default()
    };
    for p in &problems {
        let status = statuses.get(&p.id).copied().unwrap_or(ProblemStatus::Open);
        f.closed += u64::from(status == ProblemStatus::Closed);
        f.overdue += u64::from(days_overdue(p.deadline, status, day).is_some());
    }
    f.close_rate_bp = rate_bp(f.closed as i64, f.problems as i64);
    Ok(f)
}
