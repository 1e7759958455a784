//! Lists answer one page at a time: `{items, total, page, per_page}`; and the probe's answer.

use serde::{Deserialize, Serialize};

/// One page of a list: `{items, total, page, per_page}`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Page<T> {
    pub items: Vec<T>,
    pub total: u64,
    pub page: u64,
    pub per_page: u64,
    /// `false` when `total` is a lower bound: very long lists stop counting at a cap so that
    /// a page still answers at once (the UI shows "10000+").
    #[serde(default = "exact")]
    pub total_exact: bool,
}

fn exact() -> bool {
    true
}

/// `?page=&per_page=`: pages count from 1; `per_page` is at most [`PageQuery::MAX_PER_PAGE`].
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams))]
pub struct PageQuery {
    pub page: Option<u64>,
    pub per_page: Option<u64>,
}

impl<T> Page<T> {
    /// One page of a list that is short by nature (a year's batches, a household's members),
    /// read whole and cut here, so it answers like every other list.
    pub fn from_all(all: Vec<T>, query: PageQuery) -> Page<T> {
        let (page, per_page) = (query.page(), query.per_page());
        let total = u64::try_from(all.len()).unwrap_or(u64::MAX);
        let skip = usize::try_from(PageQuery::offset(page, per_page)).unwrap_or(usize::MAX);
        let take = usize::try_from(per_page).unwrap_or(usize::MAX);
        Page { items: all.into_iter().skip(skip).take(take).collect(), total, page, per_page, total_exact: true }
    }
}

impl PageQuery {
    pub const MAX_PER_PAGE: u64 = 200;
    pub const DEFAULT_PER_PAGE: u64 = 50;
    /// The last page a list answers; past it is a 422 (the offset stays far from overflow).
    pub const MAX_PAGE: u64 = 100_000;

    /// The page and page size a database list reads, or the message for a page past
    /// [`PageQuery::MAX_PAGE`].
    pub fn bounds(self) -> Result<(u64, u64), String> {
        match self.page {
            Some(page) if page > Self::MAX_PAGE => Err(format!("页码不能超过 {}", Self::MAX_PAGE)),
            _ => Ok((self.page(), self.per_page())),
        }
    }

    /// Rows to skip before the page: below 2 × 10⁷, since both factors are bounded.
    pub fn offset(page: u64, per_page: u64) -> u64 {
        page.saturating_sub(1).saturating_mul(per_page)
    }

    /// The page number, between 1 and [`PageQuery::MAX_PAGE`].
    pub fn page(self) -> u64 {
        self.page.unwrap_or(1).clamp(1, Self::MAX_PAGE)
    }

    /// The page size, between 1 and the maximum.
    pub fn per_page(self) -> u64 {
        self.per_page.unwrap_or(Self::DEFAULT_PER_PAGE).clamp(1, Self::MAX_PER_PAGE)
    }
}

/// `GET /healthz`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Health {
    pub status: String,
    pub database: String,
    pub version: String,
}

mod api {
    //! The probes' routes.
    use super::Health;
    use crate::client::api;

    api! {
        /// Liveness and database reachability.
        GET "/healthz" => health() -> Health;
        /// The OpenAPI document of every route.
        GET "/api/v1/openapi.json" => openapi() -> serde_json::Value;
    }
}

pub use api::ROUTES;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_short_list_answers_one_page_with_its_total() {
        let page = Page::from_all((1..=5).collect(), PageQuery { page: Some(2), per_page: Some(2) });
        assert_eq!((page.items, page.total, page.page, page.per_page), (vec![3, 4], 5, 2, 2));
        let past = Page::from_all(vec![1, 2], PageQuery { page: Some(9), per_page: None });
        assert!(past.items.is_empty());
        assert_eq!(past.total, 2);
    }
}
