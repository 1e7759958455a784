//! Reading the health tallies (`health_claim_tally`, `health_people_tally`), which the
//! database's own triggers keep in step with every write to the claims, the registry's members
//! and households, and the signings (see the migration `create_health_tallies`).
//!
//! A figure of day `d` sums the month rows before `d`'s month and the day rows of its month up
//! to `d`: a few rows per village, however many claims and people there are.

use chrono::NaiveDate;
use sea_orm::sea_query::{Alias, Expr, ExprTrait, Query, SelectStatement};
use sea_orm::{ConnectionTrait, FromQueryResult};

use crate::error::{AppError, AppResult};
use crate::services::tallied::{rows_up_to, sum, under};

/// One kind's sums of a year up to a date.
#[derive(Debug, Clone, Default, PartialEq, Eq, FromQueryResult)]
pub struct ClaimSums {
    pub kind: String,
    pub claims: i64,
    pub total_cost_fen: i64,
    pub out_of_pocket_fen: i64,
    pub fallback_fen: i64,
    pub supplementary_fen: i64,
    pub commercial_fen: i64,
}

/// The people on file under a path on a day, and how many of them hold a valid signing.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, FromQueryResult)]
pub struct People {
    pub on_file: i64,
    pub signed: i64,
}

/// Per claim kind, the claims of `year` under `path` discharged by `as_of`.
pub async fn claims(db: &impl ConnectionTrait, path: &str, year: i32, as_of: NaiveDate) -> AppResult<Vec<ClaimSums>> {
    let year_start = NaiveDate::from_ymd_opt(year, 1, 1).ok_or_else(|| AppError::field("year", "年份不合理"))?;
    if as_of < year_start {
        return Ok(Vec::new());
    }
    let mut q: SelectStatement = Query::select();
    q.column(Alias::new("kind"))
        .expr_as(sum("claims"), Alias::new("claims"))
        .from(Alias::new("health_claim_tally"))
        .and_where(under(path))
        .cond_where(rows_up_to(Some(year_start), as_of)?)
        .and_where(Expr::col(Alias::new("day")).gte(year_start))
        .group_by_col(Alias::new("kind"));
    for col in ["total_cost_fen", "out_of_pocket_fen", "fallback_fen", "supplementary_fen", "commercial_fen"] {
        q.expr_as(sum(col), Alias::new(col));
    }
    let backend = db.get_database_backend();
    Ok(ClaimSums::find_by_statement(backend.build(&q)).all(db).await?)
}

/// The people on file under `path` on `on`, and those of them holding a valid signing.
pub async fn people(db: &impl ConnectionTrait, path: &str, on: NaiveDate) -> AppResult<People> {
    let mut q: SelectStatement = Query::select();
    q.expr_as(sum("on_file"), Alias::new("on_file"))
        .expr_as(sum("signed"), Alias::new("signed"))
        .from(Alias::new("health_people_tally"))
        .and_where(under(path))
        .cond_where(rows_up_to(None, on)?);
    let backend = db.get_database_backend();
    Ok(People::find_by_statement(backend.build(&q)).one(db).await?.unwrap_or_default())
}
