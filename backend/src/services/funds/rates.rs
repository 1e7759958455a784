//! The rates the office reports for a year: start, completion, expenditure and industry
//! share, and budget and spending by kind — counted from the project rows every time.
//!
//! Asked `as_of` a date, they count what the dated records say had happened by then: projects
//! of batches issued by that date, started and completed by their `started_on` and
//! `completed_on`, spending from the expenditures and industry subsidies paid by then
//! (`paid_on`). A month-end report asked again later gives the same figures, whatever was
//! recorded after that day.
//!
//! The database sums each group; with every budget at most 1 亿元 (`Fen::MAX_RECORD`) a
//! group's `SUM` stays exact up to 922 million projects. The groups are then added up in Rust
//! with checked arithmetic, so a total past what an amount holds is a 422, never a wrapped
//! number.

use chrono::NaiveDate;
use jingzhun_shared::Fen;
use jingzhun_shared::funds::{FundRates, KindTotal, RatesQuery};
use jingzhun_shared::money::{MoneyOverflow, rate_bp};
use jingzhun_shared::{Capability, ProjectKind, ProjectStatus};
use sea_orm::sea_query::IntoIden;
use sea_orm::sea_query::{Alias, Expr, ExprTrait, Func, Query, SimpleExpr};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityName};

use super::projects::project_scope;
use crate::actor::CurrentUser;
use crate::entities::{expenditure, fund_batch, industry_subsidy, org_unit, project};
use crate::error::{AppError, AppResult};
use crate::services::org::org_units;

/// One kind of a year's projects in a subtree.
struct Group {
    kind: ProjectKind,
    projects: u64,
    started: u64,
    completed: u64,
    budget: Fen,
    spent: Fen,
}

/// How many of the group's projects had reached `status` (dated `date`) by `as_of`, or now.
/// Without a date the status answers, which the covering index holds.
fn happened(reached: fn(ProjectStatus) -> bool, date: project::Column, as_of: Option<NaiveDate>) -> SimpleExpr {
    let cond = match as_of {
        Some(day) => date.lte(day),
        None => project::Column::Status.is_in(ProjectStatus::ALL.iter().copied().filter(|s| reached(*s))),
    };
    let one_if = Expr::case(cond, 1).finally(0);
    Func::cast_as(Func::sum(one_if), "BIGINT").into()
}

/// A year's projects under `unit` (as of a date: of the batches issued by then).
fn counted(year: i32, as_of: Option<NaiveDate>, unit: &org_unit::Model) -> Vec<SimpleExpr> {
    let mut conditions = vec![project::Column::Year.eq(year), project_scope(unit)];
    if let Some(day) = as_of {
        let issued = Query::select()
            .column(fund_batch::Column::Id)
            .from(fund_batch::Entity)
            .and_where(fund_batch::Column::IssuedOn.lte(day))
            .to_owned();
        conditions.push(project::Column::BatchId.in_subquery(issued));
    }
    conditions
}

fn count(row: &sea_orm::QueryResult, name: &str) -> AppResult<u64> {
    Ok(u64::try_from(row.try_get::<Option<i64>>("", name)?.unwrap_or(0)).unwrap_or(0))
}

/// A year's projects under `unit`, grouped by kind: one pass over a covering index, and as of
/// a date one more over the expenditures paid by then.
async fn groups(
    db: &impl ConnectionTrait,
    year: i32,
    as_of: Option<NaiveDate>,
    unit: &org_unit::Model,
) -> AppResult<Vec<Group>> {
    let mut query = Query::select()
        .column(project::Column::Kind)
        .expr_as(Expr::cust("COUNT(*)"), Alias::new("n"))
        .expr_as(happened(ProjectStatus::is_started, project::Column::StartedOn, as_of), Alias::new("started"))
        .expr_as(happened(ProjectStatus::is_completed, project::Column::CompletedOn, as_of), Alias::new("completed"))
        .expr_as(Expr::cust("CAST(SUM(budget_fen) AS BIGINT)"), Alias::new("budget"))
        .expr_as(Expr::cust("CAST(SUM(spent_fen) AS BIGINT)"), Alias::new("spent"))
        .from(project::Entity)
        .group_by_col(project::Column::Kind)
        .to_owned();
    for condition in counted(year, as_of, unit) {
        query.and_where(condition);
    }
    let paid = match as_of {
        Some(day) => paid_by(db, year, day, unit).await?,
        None => Vec::new(),
    };
    let mut out = Vec::new();
    for row in db.query_all(&query).await? {
        let kind: ProjectKind = row.try_get::<String>("", "kind")?.parse().map_err(AppError::Internal)?;
        let spent = match as_of {
            Some(_) => paid.iter().find(|(k, _)| *k == kind).map_or(Fen::ZERO, |(_, fen)| *fen),
            None => Fen::new(row.try_get("", "spent")?),
        };
        out.push(Group {
            kind,
            projects: count(&row, "n")?,
            started: count(&row, "started")?,
            completed: count(&row, "completed")?,
            budget: Fen::new(row.try_get("", "budget")?),
            spent,
        });
    }
    Ok(out)
}

/// What the year's projects under `unit` had paid by `day`, by kind: their expenditures and
/// the industry subsidies they paid (`paid_on`), the two ways a project spends.
async fn paid_by(
    db: &impl ConnectionTrait,
    year: i32,
    day: NaiveDate,
    unit: &org_unit::Model,
) -> AppResult<Vec<(ProjectKind, Fen)>> {
    let mut out: Vec<(ProjectKind, Fen)> = Vec::new();
    let spends = [
        (
            expenditure::Entity.table_name().into_iden(),
            expenditure::Column::ProjectId.into_iden(),
            expenditure::Column::PaidOn.into_iden(),
        ),
        (
            industry_subsidy::Entity.table_name().into_iden(),
            industry_subsidy::Column::ProjectId.into_iden(),
            industry_subsidy::Column::PaidOn.into_iden(),
        ),
    ];
    for (table, project_id, paid_on) in spends {
        let mut query = Query::select()
            .column((project::Entity, project::Column::Kind))
            .expr_as(Expr::cust("CAST(SUM(amount_fen) AS BIGINT)"), Alias::new("paid"))
            .from(table.clone())
            .inner_join(
                project::Entity,
                Expr::col((project::Entity, project::Column::Id)).equals((table.clone(), project_id)),
            )
            .and_where(Expr::col((table, paid_on)).lte(day))
            .group_by_col((project::Entity, project::Column::Kind))
            .to_owned();
        for condition in counted(year, Some(day), unit) {
            query.and_where(condition);
        }
        for row in db.query_all(&query).await? {
            let kind: ProjectKind = row.try_get::<String>("", "kind")?.parse().map_err(AppError::Internal)?;
            let paid = Fen::new(row.try_get::<Option<i64>>("", "paid")?.unwrap_or(0));
            match out.iter_mut().find(|(k, _)| *k == kind) {
                Some((_, sum)) => *sum = sum.checked_add(paid).ok_or(MoneyOverflow)?,
                None => out.push((kind, paid)),
            }
        }
    }
    Ok(out)
}

/// The year's rates for the caller's subtree or a unit inside it, as of a date when asked.
pub async fn rates(db: &impl ConnectionTrait, user: &CurrentUser, query: RatesQuery) -> AppResult<FundRates> {
    user.require(Capability::ReadFunds)?;
    let unit = org_units::scope_unit(db, user, query.org_unit_id).await?;
    let mut r = FundRates::default();
    for g in groups(db, query.year, query.as_of, &unit).await? {
        r.projects += g.projects;
        r.budget_fen = r.budget_fen.checked_add(g.budget).ok_or(MoneyOverflow)?;
        r.spent_fen = r.spent_fen.checked_add(g.spent).ok_or(MoneyOverflow)?;
        r.started += g.started;
        r.completed += g.completed;
        if g.kind == ProjectKind::Industry {
            r.industry_projects += g.projects;
            r.industry_budget_fen = r.industry_budget_fen.checked_add(g.budget).ok_or(MoneyOverflow)?;
        }
    }
    let projects = i64::try_from(r.projects).unwrap_or(i64::MAX);
    r.start_rate_bp = rate_bp(i64::try_from(r.started).unwrap_or(0), projects);
    r.completion_rate_bp = rate_bp(i64::try_from(r.completed).unwrap_or(0), projects);
    r.expenditure_rate_bp = rate_bp(r.spent_fen.fen(), r.budget_fen.fen());
    r.industry_share_bp = rate_bp(r.industry_budget_fen.fen(), r.budget_fen.fen());
    Ok(r)
}

/// Budget and spending by project kind (every kind, zeros included), for the charts.
pub async fn by_kind(db: &impl ConnectionTrait, user: &CurrentUser, query: RatesQuery) -> AppResult<Vec<KindTotal>> {
    user.require(Capability::ReadFunds)?;
    let unit = org_units::scope_unit(db, user, query.org_unit_id).await?;
    let groups = groups(db, query.year, query.as_of, &unit).await?;
    let totals = ProjectKind::ALL.iter().map(|kind| {
        let mine = groups.iter().filter(|g| g.kind == *kind);
        Ok(KindTotal {
            kind: *kind,
            projects: mine.clone().map(|g| g.projects).sum(),
            budget_fen: mine.clone().map(|g| g.budget).sum::<Result<Fen, MoneyOverflow>>()?,
            spent_fen: mine.map(|g| g.spent).sum::<Result<Fen, MoneyOverflow>>()?,
        })
    });
    totals.collect::<Result<_, MoneyOverflow>>().map_err(AppError::from)
}
