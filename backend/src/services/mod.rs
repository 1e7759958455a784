//! Queries and rules, as functions over a connection so they compose inside transactions and
//! can be called without HTTP.
//!
//! One folder per area, one file per record type: `org/` (units, users, the audit trail,
//! logging in), `registry/` (households, members, income, poverty lines, figures, the
//! spreadsheet), `applications/` (the entry/exit/removal workflow), `funds/` (batches,
//! projects, expenditures, rates, ledger and import), `industry/` (the subsidy menu,
//! subsidies, business entities, PV stations, assets, figures), `housing/`,
//! `social_security/` and `ecology/` (per-household records of the other projects, on the
//! helpers of `per_household`), `infrastructure/` (figures over the funds area's projects), `oversight/` (rectification), `warnings/` (the early warning of returns to poverty) and
//! `benefits/` (what a household received across them). What every area uses lives
//! here once: paging ([`paginate`], [`with_items`]), keyed lookups ([`by_ids`]), input checks
//! ([`found`], [`required_text`], [`optional_text`], [`check_year`]), the transaction and its
//! audit event ([`txn`]), the version-guarded update ([`versioned`]), bulk inserts ([`bulk`]) and spreadsheets ([`sheet`]).

// Indexing that could panic is refused here; tests index known data. (`as` casts are not: the
// spreadsheets need `u16` columns and `f64` numbers, and counts go from `usize` to `u64`.)
#![warn(clippy::indexing_slicing)]
#![cfg_attr(test, allow(clippy::indexing_slicing, reason = "tests index known data"))]

pub mod applications;
pub mod attachments;
pub mod audit;
pub mod benefits;
pub mod bulk;
pub mod credit;
pub mod ecology;
pub mod education;
pub mod employment;
pub mod funds;
pub mod health;
pub mod housing;
pub mod industry;
pub mod infrastructure;
pub mod org;
pub mod oversight;
pub mod pairing;
pub mod per_household;
pub mod photos;
pub mod registry;
pub mod reports;
pub mod sheet;
pub mod social_security;
pub mod tallied;
pub mod txn;
pub mod versioned;
pub mod villages;
pub mod warnings;

use std::collections::HashMap;

use chrono::NaiveDate;
use jingzhun_shared::error::Validator;
use jingzhun_shared::page::{Page, PageQuery};
use sea_orm::{
    ColumnTrait, ConnectionTrait, EntityTrait, FromQueryResult, Iterable, PaginatorTrait, PrimaryKeyToColumn,
    QueryFilter, QuerySelect, Select,
};

use crate::error::{AppError, AppResult};

/// Runs `select` as one page (`{items, total, page, per_page}`), mapping each row.
pub async fn paginate<E, M, T>(
    db: &impl ConnectionTrait,
    select: Select<E>,
    query: PageQuery,
    map: impl Fn(M) -> T,
) -> AppResult<Page<T>>
where
    E: EntityTrait<Model = M>,
    M: FromQueryResult + Sized + Send + Sync,
{
    let (page, per_page) = page_bounds(query)?;
    let total = select.clone().count(db).await?;
    let rows = select.offset(PageQuery::offset(page, per_page)).limit(per_page).all(db).await?;
    Ok(Page { items: rows.into_iter().map(map).collect(), total, page, per_page, total_exact: true })
}

/// Records on `v` the problem of a date the user typed: after their today or before the
/// earliest date a record may carry.
pub fn typed_date(v: &mut Validator, user: &crate::actor::CurrentUser, field: &str, date: NaiveDate) {
    if let Some(message) = user.date_error(date) {
        v.add(field, message);
    }
}

/// The page and page size of a database list, or a 422 past the last page a list answers.
pub fn page_bounds(query: PageQuery) -> AppResult<(u64, u64)> {
    query.bounds().map_err(|message| AppError::field("page", message))
}

/// The record an input names by id, or `None` with `message` on `field` when the lookup says
/// it does not exist for the caller (404); any other error stays an error.
pub fn found<T>(v: &mut Validator, field: &str, message: &str, lookup: AppResult<T>) -> AppResult<Option<T>> {
    match lookup {
        Ok(record) => Ok(Some(record)),
        Err(AppError::NotFound) => {
            v.add(field, message);
            Ok(None)
        }
        Err(e) => Err(e),
    }
}

/// A required free text, checked by the one rule the forms use ([`jingzhun_shared::text`]).
pub use jingzhun_shared::text::required as required_text;

/// A year the office can mean.
pub fn check_year(v: &mut Validator, year: i32) {
    if !(2000..=2100).contains(&year) {
        v.add("year", "年度须在 2000 到 2100 之间");
    }
}

/// The rows of `E` whose primary key is one of `ids`, keyed by `id`: one query for the rows a
/// page of records names (one per thousand distinct ids).
pub async fn by_ids<E: EntityTrait>(
    db: &impl ConnectionTrait,
    ids: Vec<i64>,
    id: impl Fn(&E::Model) -> i64,
) -> AppResult<HashMap<i64, E::Model>> {
    let Some(key) = E::PrimaryKey::iter().next() else {
        return Ok(HashMap::new());
    };
    // Each id once, a thousand to a query: a province's rows can name a hundred thousand, past
    // PostgreSQL's limit of bind parameters in one statement.
    let ids: Vec<i64> = ids.into_iter().collect::<std::collections::BTreeSet<_>>().into_iter().collect();
    let mut out = HashMap::with_capacity(ids.len());
    for chunk in ids.chunks(1_000) {
        let rows = E::find().filter(key.into_column().is_in(chunk.to_vec())).all(db).await?;
        out.extend(rows.into_iter().map(|m| (id(&m), m)));
    }
    Ok(out)
}

/// `page` with its rows replaced by `items` (the rows turned into DTOs).
pub fn with_items<T, U>(page: Page<T>, items: Vec<U>) -> Page<U> {
    Page { items, total: page.total, page: page.page, per_page: page.per_page, total_exact: page.total_exact }
}

/// An optional free text trimmed, `None` when blank.
pub fn optional_text(text: Option<&str>) -> Option<String> {
    text.map(str::trim).filter(|t| !t.is_empty()).map(str::to_owned)
}

pub use jingzhun_shared::text::NOTE_MAX;

/// An optional note trimmed, `None` when blank, or a 422 on `field` past [`NOTE_MAX`]
/// characters ([`jingzhun_shared::text::optional`]).
pub fn optional_note(field: &str, text: Option<&str>) -> AppResult<Option<String>> {
    jingzhun_shared::text::optional(text, NOTE_MAX).map_err(|message| AppError::field(field, message))
}
