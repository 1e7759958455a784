//! The rates the office reports for a year: start, completion, expenditure and industry
//! share, and budget and spending by kind — counted from the project rows every time.
//!
//! The database sums each group; with every budget at most 1 亿元 (`Fen::MAX_RECORD`) a
//! group's `SUM` stays exact up to 922 million projects. The groups are then added up in Rust
//! with checked arithmetic, so a total past what an amount holds is a 422, never a wrapped
//! number.

use jingzhun_shared::Fen;
use jingzhun_shared::funds::{FundRates, KindTotal, RatesQuery};
use jingzhun_shared::money::{MoneyOverflow, rate_bp};
use jingzhun_shared::{Capability, ProjectKind, ProjectStatus};
use sea_orm::sea_query::{Alias, Expr, Query};
use sea_orm::{ColumnTrait, ConnectionTrait};

use super::projects::project_scope;
use crate::actor::CurrentUser;
use crate::entities::{org_unit, project};
use crate::error::{AppError, AppResult};
use crate::services::org::org_units;

/// One group of a year's projects in a subtree.
struct Group {
    kind: ProjectKind,
    status: ProjectStatus,
    projects: u64,
    budget: Fen,
    spent: Fen,
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
            budget: Fen::new(row.try_get("", "budget")?),
            spent: Fen::new(row.try_get("", "spent")?),
        });
    }
    Ok(out)
}

/// The year's rates for the caller's subtree or a unit inside it.
pub async fn rates(db: &impl ConnectionTrait, user: &CurrentUser, query: RatesQuery) -> AppResult<FundRates> {
    user.require(Capability::ReadFunds)?;
    let unit = org_units::scope_unit(db, user, query.org_unit_id).await?;
    let mut r = FundRates::default();
    for g in groups(db, query.year, &unit).await? {
        r.projects += g.projects;
        r.budget_fen = r.budget_fen.checked_add(g.budget).ok_or(MoneyOverflow)?;
        r.spent_fen = r.spent_fen.checked_add(g.spent).ok_or(MoneyOverflow)?;
        if g.status.is_started() {
            r.started += g.projects;
        }
        if g.status.is_completed() {
            r.completed += g.projects;
        }
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
    let groups = groups(db, query.year, &unit).await?;
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
