//! Queries and rules, as functions over a connection so they compose inside transactions and
//! can be called without HTTP.

pub mod applications;
pub mod audit;
pub mod auth;
pub mod bulk;
pub mod funds;
pub mod funds_io;
pub mod households;
pub mod income;
pub mod industry;
pub mod org_units;
pub mod overview;
pub mod registry_io;
pub mod sheet;
pub mod users;

use jingzhun_shared::error::Validator;
use jingzhun_shared::page::{Page, PageQuery};
use sea_orm::{ConnectionTrait, EntityTrait, FromQueryResult, PaginatorTrait, QuerySelect, Select};

use crate::error::AppResult;

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
    let total = select.clone().count(db).await?;
    let (page, per_page) = (query.page(), query.per_page());
    let rows = select.offset((page - 1) * per_page).limit(per_page).all(db).await?;
    Ok(Page { items: rows.into_iter().map(map).collect(), total, page, per_page, total_exact: true })
}

/// A required free text of at most `max` characters, trimmed; records the message on `field`
/// when it is empty or too long.
pub fn required_text(v: &mut Validator, field: &str, text: &str, max: usize, what: &str) -> String {
    let text = text.trim();
    if text.is_empty() {
        v.add(field, format!("请填写{what}"));
    } else if text.chars().count() > max {
        v.add(field, format!("{what}最多 {max} 个字"));
    }
    text.to_owned()
}

/// A year the office can mean.
pub fn check_year(v: &mut Validator, year: i32) {
    if !(2000..=2100).contains(&year) {
        v.add("year", "年度须在 2000 到 2100 之间");
    }
}
